"""Reads of the procedure catalogue (danh mục thủ tục hành chính)."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from congso.catalog.constants import VersionStatus
from congso.catalog.models import (
    Procedure,
    ProcedureStep,
    ProcedureVersion,
)
from congso.core.periods import in_force_on
from congso.core.text import fold_vi, nfc

#: Parts of a version an interface shows in full.
VERSION_PARTS = (
    "components",
    Prefetch(
        "steps",
        queryset=ProcedureStep.objects.select_related("agency").order_by("order"),
    ),
    "fees",
    "reasons",
)


def _published() -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)


def procedure_version_in_force(
    *, procedure: Procedure | int, on: date
) -> ProcedureVersion | None:
    """The published version in force on ``on`` (a dossier pins the version in force
    on its reception date and keeps it for its whole life), or ``None``."""
    procedure_id = procedure if isinstance(procedure, int) else procedure.pk
    return (
        _published()
        .filter(in_force_on(on), procedure_id=procedure_id)
        .select_related("procedure", "competent_agency")
        .prefetch_related(*VERSION_PARTS)
        .first()
    )


def procedure_list_published(
    *,
    on: date,
    sector: str | None = None,
    level: str | None = None,
    search: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """Published versions in force on ``on``, one per procedure, by name. ``search``
    ignores case and diacritics ("dang ky khai sinh" finds "Đăng ký khai sinh") and
    also matches the national or local code."""
    qs = _published().filter(in_force_on(on))
    if sector:
        qs = qs.filter(sector=nfc(sector).strip())
    if level:
        qs = qs.filter(level=level)
    if search and search.strip():
        needle = " ".join(fold_vi(nfc(search)).split())
        by_name = qs.filter(name_folded__icontains=needle)
        by_code = qs.filter(procedure__local_code__istartswith=search.strip())
        qs = by_name | by_code | qs.filter(procedure__national_code=search.strip())
    return (
        qs.select_related("procedure")
        .prefetch_related("fees")
        .order_by("name_folded", "procedure__local_code")
    )


def procedure_version_get(
    *, version_id: int, published_only: bool = True
) -> ProcedureVersion | None:
    """One version with its procedure, authority and every part, or ``None``."""
    qs = ProcedureVersion.objects.all() if not published_only else _published()
    return (
        qs.filter(pk=version_id)
        .select_related("procedure", "competent_agency")
        .prefetch_related(*VERSION_PARTS)
        .first()
    )


def procedure_list_for_export() -> QuerySet[Procedure]:
    """Every procedure with all its versions and parts (catalogue export)."""
    versions = ProcedureVersion.objects.order_by("valid_from").prefetch_related(
        "components",
        Prefetch("steps", queryset=ProcedureStep.objects.order_by("order")),
        "fees",
        "reasons",
    )
    return Procedure.objects.order_by("local_code").prefetch_related(
        Prefetch("versions", queryset=versions)
    )


def procedure_sector_list(*, on: date) -> list[str]:
    """Sectors (lĩnh vực) of the published versions in force on ``on``."""
    return sorted(
        set(_published().filter(in_force_on(on)).values_list("sector", flat=True))
    )
