"""Reception at the desk: code, appointment, steps, validation, permissions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

import pytest

from congso.accounts.constants import Role
from congso.calendar.worktime import VN_TZ
from congso.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from congso.dossiers.codes import build_code, parse_code
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import DailySequence, Dossier, DossierEvent, ProcessingStep
from congso.dossiers.services import dossier_receive, dossier_transition
from congso.dossiers.tests.factories import OneStop, build_procedure, reception

pytestmark = pytest.mark.django_db


def at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture
def version(one_stop: OneStop):
    return build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Thẩm định", Role.SPECIALIST, one_stop.office, 1, False),
        ],
        cutoff=time(15, 0),
    )


def receive(one_stop: OneStop, version, now: datetime, **applicant):
    return dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version, **applicant),
        actor=one_stop.users["reception"],
        now=now,
    )


def test_codes_follow_the_daily_sequence_per_unit(one_stop: OneStop, version):
    first = receive(one_stop, version, at(2, 3, 9))
    second = receive(one_stop, version, at(2, 3, 10))
    next_day = receive(one_stop, version, at(3, 3, 9))
    assert [first.code, second.code, next_day.code] == [
        "H57.10.01-260302-0001",
        "H57.10.01-260302-0002",
        "H57.10.01-260303-0001",
    ]
    assert parse_code(second.code).sequence == 2


def test_procedure_cutoff_moves_the_clock_to_the_next_working_day(
    one_stop: OneStop, version
):
    """Two working days with a 15:00 cut-off: 14:59 on Friday is due Tuesday, 15:01
    on Friday is due Wednesday (the weekend is skipped)."""
    before = receive(one_stop, version, at(6, 3, 14, 59))
    after = receive(one_stop, version, at(6, 3, 15, 1))
    assert before.due_at == at(10, 3, 17)
    assert after.due_at == at(11, 3, 17)


def test_reception_writes_steps_event_and_first_step(one_stop: OneStop, version):
    d = receive(one_stop, version, at(2, 3, 9))
    steps = list(ProcessingStep.objects.filter(dossier=d).order_by("order"))
    assert [s.agency_id for s in steps] == [one_stop.centre.pk, one_stop.office.pk]
    assert steps[0].started_at == at(2, 3, 9)
    assert steps[1].started_at is None
    assert d.current_agency_id == one_stop.centre.pk
    assert DossierEvent.objects.get(dossier=d).action == A.RECEIVE
    assert d.applicant_folded == "nguyen van an"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("personal_id", "04609000123"),
        ("personal_id", "04609000123X"),
        ("name", "  "),
        ("phone", "12345"),
    ],
)
def test_invalid_applicant_is_refused_and_nothing_saved(
    one_stop: OneStop, version, field, value
):
    with pytest.raises(ApplicationError) as exc:
        receive(one_stop, version, at(2, 3, 9), **{field: value})
    assert exc.value.extra["errors"]
    assert not Dossier.objects.exists()
    assert not DailySequence.objects.filter(last_value__gt=0).exists()


def test_incomplete_dossier_is_refused(one_stop: OneStop, version):
    incomplete = replace(reception(version), components=[])
    with pytest.raises(ApplicationError) as exc:
        dossier_receive(
            receiving_agency=one_stop.centre,
            reception=incomplete,
            actor=one_stop.users["reception"],
            now=at(2, 3, 9),
        )
    assert exc.value.code == "incomplete"
    assert "Tờ khai đăng ký khai sinh" in exc.value.extra["missing"]


@pytest.mark.parametrize("who", ["specialist", "leader", "other_reception"])
def test_only_the_units_reception_officers_receive(one_stop: OneStop, version, who):
    with pytest.raises(PermissionDeniedError):
        dossier_receive(
            receiving_agency=one_stop.centre,
            reception=reception(version),
            actor=one_stop.users[who],
            now=at(2, 3, 9),
        )


def test_other_agency_cannot_act_on_a_dossier(one_stop: OneStop, version):
    d = receive(one_stop, version, at(2, 3, 9))
    with pytest.raises(PermissionDeniedError):
        dossier_transition(
            dossier=d,
            action=A.FORWARD,
            actor=one_stop.users["other_reception"],
            now=at(2, 3, 10),
        )
    with pytest.raises(PermissionDeniedError):  # right agency tree, wrong role
        dossier_transition(
            dossier=d,
            action=A.FORWARD,
            actor=one_stop.users["specialist"],
            now=at(2, 3, 10),
        )


def test_stale_edit_is_refused(one_stop: OneStop, version):
    d = receive(one_stop, version, at(2, 3, 9))
    seen = d.row_version
    dossier_transition(
        dossier=d,
        action=A.FORWARD,
        actor=one_stop.users["reception"],
        expected_version=seen,
        now=at(2, 3, 10),
    )
    with pytest.raises(ConflictError):
        dossier_transition(
            dossier=d,
            action=A.REQUEST_SUPPLEMENT,
            actor=one_stop.users["specialist"],
            note="x",
            expected_version=seen,
            now=at(2, 3, 11),
        )


def test_refusal_needs_a_reason(one_stop: OneStop, version):
    d = receive(one_stop, version, at(2, 3, 9))
    with pytest.raises(ApplicationError) as exc:
        dossier_transition(
            dossier=d,
            action=A.REFUSE,
            actor=one_stop.users["reception"],
            now=at(2, 3, 10),
        )
    assert exc.value.code == "reason"


def test_codes_are_built_and_parsed_leniently():
    from datetime import date

    assert (
        build_code("000.00.25.H57", date(2026, 1, 5), 7) == "000.00.25.H57-260105-0007"
    )
    parsed = parse_code(" h15.50.05.13-261008-0975 ")
    assert (parsed.prefix, parsed.day.isoformat(), parsed.sequence) == (
        "H15.50.05.13",
        "2026-10-08",
        975,
    )
    assert parse_code("not-a-code") is None
    assert parse_code("X-261399-0001") is None
