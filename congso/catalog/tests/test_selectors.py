"""Reads: the version in force on a date, and the published list with search."""

from __future__ import annotations

from datetime import date

import pytest

from congso.catalog import selectors, services
from congso.catalog.tests.factories import procedure, published, version_data

pytestmark = pytest.mark.django_db


def test_version_in_force_follows_reception_date():
    """A dossier received on 30/6/2025 keeps the old rules even after the new
    version starts; one received on 1/7/2025 gets the new ones."""
    proc = procedure()
    old = published(proc, valid_from=date(2024, 1, 1))
    new = published(proc, valid_from=date(2025, 7, 1), time_limit=5, allowances=(5,))
    received = selectors.procedure_version_in_force(
        procedure=proc, on=date(2025, 6, 30)
    )
    assert received == old
    assert received is not None
    assert received.time_limit == 3
    assert (
        selectors.procedure_version_in_force(procedure=proc, on=date(2025, 7, 1)) == new
    )
    assert (
        selectors.procedure_version_in_force(procedure=proc, on=date(2023, 1, 1))
        is None
    )


def test_drafts_are_never_in_force():
    proc = procedure()
    services.procedure_version_create(procedure=proc, data=version_data(), actor=None)
    assert (
        selectors.procedure_version_in_force(procedure=proc, on=date(2026, 1, 1))
        is None
    )
    assert not selectors.procedure_list_published(on=date(2026, 1, 1)).exists()


@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "ĐĂNG KÝ khai", "  khai   sinh ", "1.001193"]
)
def test_search_ignores_case_and_diacritics(query):
    published(procedure("1.001193"), name="Đăng ký khai sinh")
    published(procedure("1.000894"), name="Đăng ký kết hôn")
    names = [
        v.name
        for v in selectors.procedure_list_published(on=date(2026, 1, 1), search=query)
    ]
    assert names == ["Đăng ký khai sinh"]


def test_filters_by_sector_and_level():
    published(procedure("1.001193"))
    on = date(2026, 1, 1)
    assert selectors.procedure_list_published(on=on, sector="Tư pháp").count() == 1
    assert selectors.procedure_list_published(on=on, sector="Xây dựng").count() == 0
    assert selectors.procedure_list_published(on=on, level="district").count() == 0


def test_list_query_count_is_constant(django_assert_num_queries):
    """Two queries (versions + fees) with 1 row and with 20 rows."""
    for i in range(20):
        published(procedure(f"1.{i:06d}"))
    on = date(2026, 1, 1)
    with django_assert_num_queries(2):
        list(selectors.procedure_list_published(on=on, search="1.000001"))
    with django_assert_num_queries(2):
        list(selectors.procedure_list_published(on=on))
