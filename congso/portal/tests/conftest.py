"""Dossiers for the public lookup, moved along through the real services, with
personal data, internal notes and officials' names that must never be shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache

from congso.catalog.constants import ReasonKind
from congso.catalog.models import ProcedureReason, ProcedureVersion
from congso.core.outbox import outbox_drain
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier
from congso.dossiers.services import dossier_transition
from congso.dossiers.tests.factories import (
    OneStop,
    at,
    build_one_stop,
    receive,
    three_steps,
)

NAME = "Nguyễn Văn An"
MASKED = "Nguyễn V** A*"
PERSONAL_ID = "046090001234"
PHONE = "0912345678"
ADDRESS = "Tổ dân phố 3, phường Phong Điền, thành phố Huế"
INTERNAL_NOTES = (
    "Đã gọi điện cho chị Hoa ở phòng Tư pháp",
    "Hồ sơ của người quen, xử lý nhanh",
)
SUPPLEMENT_TEXT = "Thiếu bản sao giấy chứng sinh"
SUPPLEMENT_NOTE = "Nộp bản sao có chứng thực"
REFUSAL_NOTE = "Không thuộc thẩm quyền của phường"
#: When the pages are read: after every transition below, before any appointment.
NOW = at(4, 3, 10)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    """Freeze the clock (timeliness of open dossiers, rate-limit windows) and start
    every test with empty lookup counters."""
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@dataclass
class Lookup:
    one_stop: OneStop
    version: ProcedureVersion
    #: forwarded and handed over with internal notes, then a supplement requested
    waiting: Dossier
    #: the whole way: apology with a new date, result, returned
    returned: Dossier
    #: refused at the desk, the reason in words only
    refused: Dossier

    def officials(self) -> list[str]:
        return [u.get_full_name() for u in self.one_stop.users.values()]


def _go(
    one_stop: OneStop, dossier: Dossier, action: A, who: str, when: datetime, **kw
) -> Dossier:
    return dossier_transition(
        dossier=dossier, action=action, actor=one_stop.users[who], now=when, **kw
    )


OFFICIAL_NAMES = {
    "reception": "Trần Thị Mai",
    "specialist": "Lê Quang Vinh",
    "leader": "Hoàng Minh Đức",
}


@pytest.fixture
def one_stop(db: None) -> OneStop:
    return build_one_stop()


@pytest.fixture
def lookup(one_stop: OneStop) -> Lookup:
    for key, full_name in OFFICIAL_NAMES.items():
        user = one_stop.users[key]
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    version = three_steps(one_stop)
    ProcedureReason.objects.create(
        version=version, kind=ReasonKind.SUPPLEMENT, code="BS01", text=SUPPLEMENT_TEXT
    )
    applicant = {"name": NAME, "personal_id": PERSONAL_ID, "phone": PHONE}

    waiting = receive(one_stop, version, now=at(2, 3, 9), **applicant)
    waiting = _go(one_stop, waiting, A.FORWARD, "reception", at(2, 3, 9, 30),
                  note=INTERNAL_NOTES[0])  # fmt: skip
    waiting = _go(
        one_stop,
        waiting,
        A.REQUEST_SUPPLEMENT,
        "specialist",
        at(3, 3, 10),
        reason_code="BS01",
        note=SUPPLEMENT_NOTE,
    )

    returned = receive(one_stop, version, now=at(2, 3, 9, 5), **applicant)
    for action, who, when, extra in [
        (A.FORWARD, "reception", at(2, 3, 9, 40), {"note": INTERNAL_NOTES[1]}),
        (A.HAND_OVER, "specialist", at(2, 3, 15), {"note": INTERNAL_NOTES[0]}),
        (A.APOLOGISE, "leader", at(3, 3, 8), {"data": {"new_due_at": at(9, 3, 16)}}),
        (A.RESOLVE, "leader", at(3, 3, 11), {"note": INTERNAL_NOTES[1]}),
        (A.RETURN_RESULT, "reception", at(3, 3, 14), {}),
    ]:
        returned = _go(one_stop, returned, action, who, when, **extra)

    refused = receive(one_stop, version, now=at(2, 3, 10), **applicant)
    refused = _go(one_stop, refused, A.REFUSE, "reception", at(2, 3, 10, 15),
                  note=REFUSAL_NOTE)  # fmt: skip
    outbox_drain()  # the worker: the public lookup's rows, the national sync
    return Lookup(one_stop, version, waiting, returned, refused)


def secrets_of(lookup: Lookup) -> list[str]:
    """What no public answer may contain."""
    return [NAME, PERSONAL_ID, PHONE, ADDRESS, *INTERNAL_NOTES, *lookup.officials()]
