"""List pages and endpoints run the same number of queries for 1 row and 20 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.accounts.constants import AgencyKind, Role, ScopeKind
from congso.accounts.tests.factories import agency, official

pytestmark = pytest.mark.django_db


def _build(n: int):
    root = agency(f"UBND gốc {n}")
    offices = [
        agency(f"Phòng {n}-{i}", parent=root, kind=AgencyKind.SPECIALISED_AGENCY)
        for i in range(n)
    ]
    leader = official(
        f"leader{n}", role=Role.AGENCY_LEADER, at=root, scope=ScopeKind.AGENCY
    )
    for i, office in enumerate(offices):
        official(f"cv{n}-{i}", role=Role.SPECIALIST, at=office)
    return root, leader


def _count(client, url: str) -> int:
    client.get(url)  # warm per-process caches (the working calendar)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name", ["accounts:agency-list", "api-agency-list", "accounts:home"]
)
def test_lists_do_not_grow_queries_with_rows(client, url_name):
    counts = []
    for n in (1, 20):
        _root, leader = _build(n)
        client.force_login(leader)
        counts.append(_count(client, reverse(url_name)))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "url_name", ["accounts:agency-officials", "api-agency-officials"]
)
def test_officials_lists_do_not_grow_queries_with_rows(client, url_name):
    counts = []
    for n in (1, 20):
        root, leader = _build(n)
        client.force_login(leader)
        response = client.get(reverse(url_name, args=[root.pk]))
        assert f"cv{n}-{n - 1}" in response.content.decode()
        counts.append(_count(client, reverse(url_name, args=[root.pk])))
    assert counts[0] == counts[1]
