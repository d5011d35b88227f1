"""Concurrent reception at one desk: every dossier gets a distinct code and the daily
sequence has no gap (a locked counter row, not max()+1)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.db import close_old_connections, connections

from congso.accounts.constants import Role
from congso.calendar.worktime import VN_TZ
from congso.dossiers.models import Dossier
from congso.dossiers.services import dossier_receive
from congso.dossiers.tests.factories import build_one_stop, build_procedure, reception

NOW = datetime(2026, 3, 2, 9, tzinfo=VN_TZ)


@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_get_gap_free_distinct_codes():
    world = build_one_stop()
    version = build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Phê duyệt", Role.AGENCY_LEADER, world.commune, 1, False),
        ]
    )

    def receive_many(n: int) -> list[str]:
        close_old_connections()
        try:
            return [
                dossier_receive(
                    receiving_agency=world.centre,
                    reception=reception(version),
                    actor=world.users["reception"],
                    now=NOW,
                ).code
                for _ in range(n)
            ]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = [c for batch in pool.map(receive_many, [5] * 6) for c in batch]
    assert len(codes) == len(set(codes)) == 30
    sequences = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert sequences == list(range(1, 31))
    assert Dossier.objects.count() == 30
