"""Reads of the procedure catalogue (danh mục thủ tục hành chính)."""

from __future__ import annotations

from dataclasses import dataclass
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


def procedure_version_published_get(*, version_id: int) -> ProcedureVersion | None:
    """The published version's row alone, or ``None`` (reception: its parts come
    from :func:`procedure_parts_get`)."""
    return _published().filter(pk=version_id).first()


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


@dataclass(frozen=True)
class ComponentPart:
    """One required or optional document of a version (thành phần hồ sơ)."""

    id: int
    name: str
    form: str
    quantity: int
    required: bool


@dataclass(frozen=True)
class ProcedureParts:
    """What reception needs of a version: its documents, its internal process steps
    as ``(name, agency id, role, allowance, interlinked)`` and its fee total."""

    components: tuple[ComponentPart, ...]
    steps: tuple[tuple[str, int | None, str, int, bool], ...]
    fee_total: int

    @property
    def required(self) -> tuple[tuple[int, str], ...]:
        return tuple((c.id, c.name) for c in self.components if c.required)


#: Parts of published versions by version id. Publishing freezes a version's parts
#: (the services refuse edits), so the entry never goes stale; a version that is not
#: published is read afresh each time.
_parts: dict[int, ProcedureParts] = {}


def procedure_parts_cache_clear() -> None:
    """Forget cached parts (tests: ids are reused after a rollback)."""
    _parts.clear()


def procedure_parts_get(version: ProcedureVersion) -> ProcedureParts:
    """The version's documents, steps and fee total; three small queries the first
    time a published version is used in this process, none afterwards."""
    published = version.status == VersionStatus.PUBLISHED
    cached = _parts.get(version.pk)
    if cached is not None and published:
        return cached
    parts = ProcedureParts(
        components=tuple(
            ComponentPart(c.pk, c.name, c.form, c.quantity, c.required)
            for c in version.components.all().order_by("order")
        ),
        steps=tuple(
            (s.name, s.agency_id, s.role, s.allowance, s.is_interlinked)
            for s in version.steps.all().order_by("order")
        ),
        fee_total=sum(f.amount for f in version.fees.all()),
    )
    if published:
        if len(_parts) > 512:
            _parts.clear()
        _parts[version.pk] = parts
    return parts
