"""Reads of the public procedure catalogue (niêm yết thủ tục hành chính): the published
versions in force on a day, by sector, competent agency and level, searchable without
diacritics; the filter lists; one procedure's public details."""

from __future__ import annotations

from datetime import date
from typing import Final

from django.db.models import Prefetch, Q, QuerySet

from congso.accounts.models import AgencyVersion
from congso.catalog.constants import VersionStatus
from congso.catalog.models import ProcedureComponent, ProcedureVersion
from congso.catalog.selectors import procedure_list_published, procedure_sector_list
from congso.core.periods import in_force_on
from congso.core.text import fold_vi

#: Rows per page of the catalogue and of the centre's screen.
PAGE_SIZE: Final = 20
KIOSK_PAGE_SIZE: Final = 8
#: Seconds the centre's screen shows a page before the next.
KIOSK_SECONDS: Final = 30
#: Attribute holding the competent agency's versions in force (zero or one).
AGENCY_NOW: Final = "current_versions"


def _agency_names(on: date) -> Prefetch[str, QuerySet[AgencyVersion], str]:
    return Prefetch(
        "competent_agency__versions",
        queryset=AgencyVersion.objects.filter(in_force_on(on)).only(
            "id", "agency_id", "name", "short_name"
        ),
        to_attr=AGENCY_NOW,
    )


def catalogue_list(
    *,
    on: date,
    search: str | None = None,
    sector: str | None = None,
    agency_id: int | None = None,
    level: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """Published versions in force on ``on``, one per procedure, ordered by their name
    without diacritics. ``search`` ignores case and diacritics and also matches the
    national code exactly or the local code's beginning
    (:func:`congso.catalog.selectors.procedure_list_published`). A constant number
    of queries per page: the rows, their fees, the agencies' names."""
    qs = procedure_list_published(on=on, sector=sector, level=level, search=search)
    if agency_id is not None:
        qs = qs.filter(competent_agency_id=agency_id)
    return qs.select_related("procedure", "competent_agency").prefetch_related(
        _agency_names(on)
    )


def catalogue_sector_list(*, on: date) -> list[str]:
    """Sectors (lĩnh vực) of the listed versions, in Vietnamese order (by folded
    name, then as written)."""
    return sorted(procedure_sector_list(on=on), key=lambda s: (fold_vi(s), s))


def catalogue_agency_list(*, on: date) -> list[tuple[int, str]]:
    """``(agency id, name on `on`)`` of the competent agencies named by the listed
    versions, by folded name; one query."""
    used = (
        ProcedureVersion.objects.filter(
            in_force_on(on),
            status=VersionStatus.PUBLISHED,
            competent_agency__isnull=False,
        )
        .values("competent_agency_id")
        .distinct()
    )
    rows = (
        AgencyVersion.objects.filter(in_force_on(on), agency_id__in=used)
        .order_by()
        .values_list("agency_id", "name")
        .distinct()
    )
    return sorted(rows, key=lambda r: (fold_vi(r[1]), r[1], r[0]))


def _details(on: date) -> QuerySet[ProcedureVersion]:
    return (
        ProcedureVersion.objects.filter(in_force_on(on), status=VersionStatus.PUBLISHED)
        .select_related("procedure", "competent_agency")
        .prefetch_related(
            Prefetch(
                "components", queryset=ProcedureComponent.objects.order_by("order")
            ),
            "fees",
            _agency_names(on),
        )
    )


def catalogue_version_get(*, version_id: int, on: date) -> ProcedureVersion | None:
    """One published version in force on ``on`` with its documents, fees and the
    competent agency's current name (four queries), or ``None``."""
    return _details(on).filter(pk=version_id).first()


def catalogue_version_by_code(*, code: str, on: date) -> list[ProcedureVersion]:
    """The listed versions whose procedure has this national code or local code,
    with their details (four queries). Several procedures may share a national code
    (one per level or agency); the caller decides what to show."""
    code = code.strip()
    qs = _details(on).filter(
        Q(procedure__national_code=code) | Q(procedure__local_code=code)
    )
    return list(qs.order_by("name_folded", "pk"))


def catalogue_form_get(
    *, version_id: int, component_id: int, on: date
) -> ProcedureComponent | None:
    """The form template file of a listed version's document (None when the
    version is not listed on ``on`` or the document has no file)."""
    return (
        ProcedureComponent.objects.filter(
            pk=component_id,
            version__in=_details(on).filter(pk=version_id).values("pk"),
        )
        .exclude(template_file="")
        .first()
    )
