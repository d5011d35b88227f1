"""The demo catalogue loads on the demo organisation, twice without change."""

from __future__ import annotations

from datetime import date

import pytest

from congso.accounts.constants import AgencyKind, AgencyLevel
from congso.accounts.demo import WARD_UNITS, DemoLoader
from congso.accounts.tests.factories import agency
from congso.catalog import services
from congso.catalog.constants import VersionStatus
from congso.catalog.demo import (
    CENTRE,
    LAND_OFFICE,
    TAX_OFFICE,
    TWO_TIER,
    WARD,
    catalog_demo_load,
)
from congso.catalog.models import ProcedureStep, ProcedureVersion
from congso.core.errors import ApplicationError

pytestmark = pytest.mark.django_db
START = TWO_TIER


def test_demo_needs_the_demo_organisation():
    with pytest.raises(ApplicationError):
        catalog_demo_load()


def _minimal_organisation() -> None:
    """The agencies the demo catalogue refers to, as the demo organisation names
    them (UBND phường Phong Điền with its centre and units)."""
    city = agency("UBND thành phố Huế", level=AgencyLevel.PROVINCE, valid_from=START)
    ward = agency(WARD, parent=city, level=AgencyLevel.COMMUNE, valid_from=START)
    agency(
        CENTRE,
        parent=ward,
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.COMMUNE,
        valid_from=START,
    )
    for name, short in WARD_UNITS:
        agency(
            name,
            parent=ward,
            kind=AgencyKind.INTERNAL_UNIT,
            level=AgencyLevel.COMMUNE,
            valid_from=START,
            short_name=short,
        )


def test_demo_on_the_real_demo_organisation():
    DemoLoader().run()
    _check_demo()


def test_demo_loads_valid_published_versions_idempotently():
    _minimal_organisation()
    _check_demo()


def _check_demo() -> None:
    first = catalog_demo_load()
    assert first.created >= 10
    assert first.published == first.created
    second = catalog_demo_load()
    assert (second.created, second.updated, second.published) == (0, 0, 0)
    assert second.unchanged == first.created
    versions = ProcedureVersion.objects.all()
    assert versions.count() == first.created
    for version in versions:
        assert version.status == VersionStatus.PUBLISHED
        assert version.valid_from == date(2025, 7, 1)
        services.procedure_version_check(version)
    interlinked = ProcedureStep.objects.filter(is_interlinked=True).select_related(
        "agency"
    )
    assert interlinked.count() == 2
    names = {
        s.agency.versions.get().name  # type: ignore[union-attr]
        for s in interlinked
    }
    assert names == {LAND_OFFICE, TAX_OFFICE}
    assert not ProcedureStep.objects.filter(
        version__procedure__national_code="1.001193", agency__isnull=True
    ).exists()
