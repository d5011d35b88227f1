"""Writes to the procedure catalogue (danh mục thủ tục hành chính).

A version is written as a **draft** with all its parts, then **published**: publishing
checks the internal process against the legal time limit and keeps the published
versions of a procedure from overlapping. Published versions are immutable — a change
of rules is a new version with a later ``valid_from`` (dossiers keep the old one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, time, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.audit.services import audit_record
from congso.calendar.worktime import OfficeHours, WorkTimeError
from congso.catalog.constants import VersionStatus
from congso.catalog.models import (
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureReason,
    ProcedureStep,
    ProcedureVersion,
)
from congso.core.errors import ApplicationError, ConflictError
from congso.core.periods import not_ended_before
from congso.core.text import fold_vi, nfc

_D = TypeVar("_D", "VersionData", "ComponentData", "StepData", "FeeData", "ReasonData")


class CatalogError(ApplicationError):
    """A refused change to the procedure catalogue."""


@dataclass(frozen=True)
class ComponentData:
    """A required document (thành phần hồ sơ)."""

    name: str
    form: str
    quantity: int = 1
    required: bool = True
    template_name: str = ""


@dataclass(frozen=True)
class StepData:
    """A step of the internal process (bước quy trình nội bộ)."""

    name: str
    role: str
    allowance: int
    agency: Agency | None = None
    level: str = ""
    is_interlinked: bool = False


@dataclass(frozen=True)
class FeeData:
    """A fee (phí) or charge (lệ phí), in đồng."""

    kind: str
    name: str
    amount: int
    note: str = ""


@dataclass(frozen=True)
class ReasonData:
    """A catalogued reason (lý do từ chối / bổ sung / dừng)."""

    kind: str
    code: str
    text: str


@dataclass(frozen=True)
class VersionData:
    """Everything a procedure version holds. Components and steps are numbered in
    the order given, from 1."""

    valid_from: date
    name: str
    sector: str
    level: str
    time_limit: int
    time_unit: str
    result_type: str
    online_mode: str
    valid_to: date | None = None
    field: str = ""
    competent_agency: Agency | None = None
    cutoff_time: time | None = None
    legacy_level: int | None = None
    result_name: str = ""
    legal_basis: str = ""
    note: str = ""
    components: Sequence[ComponentData] = ()
    steps: Sequence[StepData] = ()
    fees: Sequence[FeeData] = ()
    reasons: Sequence[ReasonData] = ()


_TEXT_FIELDS = ("name", "sector", "field", "result_name", "legal_basis", "note")


def _text(value: str) -> str:
    return nfc(value).strip()


def _invalid(exc: ValidationError, where: str) -> CatalogError:
    return CatalogError(
        _("The procedure data is invalid (%(where)s): %(errors)s")
        % {"where": where, "errors": "; ".join(exc.messages)},
        code="invalid",
        extra={"errors": exc.message_dict if hasattr(exc, "error_dict") else {}},
    )


def _clean(obj: Any, where: str, exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        raise _invalid(exc, where) from exc


def _snapshot(version: ProcedureVersion) -> dict[str, Any]:
    return {
        "procedure_id": version.procedure_id,
        "local_code": version.procedure.local_code,
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "status": version.status,
        "name": version.name,
        "time_limit": version.time_limit,
        "time_unit": version.time_unit,
    }


def _normalise_texts(obj: _D) -> _D:
    changes: dict[str, Any] = {
        f.name: _text(getattr(obj, f.name))
        for f in fields(obj)
        if isinstance(getattr(obj, f.name), str) and f.name not in _CODE_FIELDS
    }
    return replace(obj, **changes)


_CODE_FIELDS = frozenset(
    {"form", "role", "kind", "level", "time_unit", "result_type", "online_mode"}
)


def same_content(a: VersionData, b: VersionData) -> bool:
    """True when two inputs would store the same version (texts compared as
    stored: NFC, stripped; parts compared in order)."""

    def norm(data: VersionData) -> VersionData:
        return replace(
            _normalise_texts(data),
            components=tuple(_normalise_texts(c) for c in data.components),
            steps=tuple(_normalise_texts(s) for s in data.steps),
            fees=tuple(_normalise_texts(f) for f in data.fees),
            reasons=tuple(_normalise_texts(r) for r in data.reasons),
        )

    return norm(a) == norm(b)


def ensure_editable(version: ProcedureVersion) -> None:
    """Refuse any change to a published version (đã công bố: không được sửa)."""
    if version.is_published:
        raise CatalogError(
            _(
                "A published procedure version cannot be changed; create a new "
                "version with a later start date."
            ),
            code="published_immutable",
        )


@transaction.atomic
def procedure_create(
    *, national_code: str, local_code: str, actor: User | None
) -> Procedure:
    """Create a procedure (thủ tục hành chính) identified by its local code."""
    local_code = _text(local_code)
    if Procedure.objects.filter(local_code=local_code).exists():
        raise ConflictError(
            _("A procedure with the local code %(code)s already exists.")
            % {"code": local_code},
            code="duplicate_code",
        )
    procedure = Procedure(national_code=_text(national_code), local_code=local_code)
    _clean(procedure, local_code, exclude=[])
    procedure.save()
    audit_record(
        event_type="catalog.procedure.created",
        actor=actor,
        obj=procedure,
        data={"national_code": procedure.national_code, "local_code": local_code},
    )
    return procedure


def _fill(version: ProcedureVersion, data: VersionData) -> None:
    for name in (
        "valid_from",
        "valid_to",
        "level",
        "time_limit",
        "time_unit",
        "result_type",
        "online_mode",
        "competent_agency",
        "cutoff_time",
        "legacy_level",
    ):
        setattr(version, name, getattr(data, name))
    for name in _TEXT_FIELDS:
        setattr(version, name, _text(getattr(data, name)))
    version.name_folded = fold_vi(version.name)


def _write_parts(version: ProcedureVersion, data: VersionData) -> None:
    """Replace the version's components, steps, fees and reasons."""
    for manager in (version.components, version.steps, version.fees, version.reasons):
        manager.all().delete()
    rows: list[tuple[str, Any]] = []
    for order, c in enumerate(data.components, start=1):
        rows.append(
            (
                "components",
                ProcedureComponent(
                    version=version,
                    order=order,
                    name=_text(c.name),
                    form=c.form,
                    quantity=c.quantity,
                    required=c.required,
                    template_name=_text(c.template_name),
                ),
            )
        )
    for order, s in enumerate(data.steps, start=1):
        rows.append(
            (
                "steps",
                ProcedureStep(
                    version=version,
                    order=order,
                    name=_text(s.name),
                    role=s.role,
                    agency=s.agency,
                    level=s.level,
                    allowance=s.allowance,
                    is_interlinked=s.is_interlinked,
                ),
            )
        )
    for f in data.fees:
        if f.amount < 0:
            raise CatalogError(
                _("A fee or charge cannot be negative (%(name)s).") % {"name": f.name},
                code="negative_fee",
            )
        rows.append(
            (
                "fees",
                ProcedureFee(
                    version=version,
                    kind=f.kind,
                    name=_text(f.name),
                    amount=f.amount,
                    note=_text(f.note),
                ),
            )
        )
    codes: set[tuple[str, str]] = set()
    for r in data.reasons:
        if (r.kind, r.code) in codes:
            raise CatalogError(
                _("The reason code %(code)s is used twice.") % {"code": r.code},
                code="duplicate_reason",
            )
        codes.add((r.kind, r.code))
        rows.append(
            (
                "reasons",
                ProcedureReason(
                    version=version, kind=r.kind, code=r.code, text=_text(r.text)
                ),
            )
        )
    for where, row in rows:
        _clean(row, where, exclude=["version"])
        row.save()


def _check_version(version: ProcedureVersion) -> None:
    _clean(version, str(version.procedure), exclude=["procedure"])
    if version.valid_to is not None and version.valid_to < version.valid_from:
        raise CatalogError(
            _("The end date cannot be before the start date."), code="bad_period"
        )


@transaction.atomic
def procedure_version_create(
    *, procedure: Procedure, data: VersionData, actor: User | None
) -> ProcedureVersion:
    """Create a draft version (phiên bản dự thảo) with all its parts."""
    if ProcedureVersion.objects.filter(
        procedure=procedure, valid_from=data.valid_from
    ).exists():
        raise ConflictError(
            _("This procedure already has a version starting on %(date)s.")
            % {"date": data.valid_from.strftime("%d/%m/%Y")},
            code="duplicate_start",
        )
    version = ProcedureVersion(procedure=procedure, status=VersionStatus.DRAFT)
    _fill(version, data)
    _check_version(version)
    version.save()
    _write_parts(version, data)
    audit_record(
        event_type="catalog.procedure_version.created",
        actor=actor,
        obj=version,
        data=_snapshot(version),
    )
    return version


@transaction.atomic
def procedure_version_update(
    *, version: ProcedureVersion, data: VersionData, actor: User | None
) -> ProcedureVersion:
    """Replace the content of a draft version; a published one is refused."""
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    ensure_editable(version)
    _fill(version, data)
    _check_version(version)
    version.save()
    _write_parts(version, data)
    audit_record(
        event_type="catalog.procedure_version.updated",
        actor=actor,
        obj=version,
        data=_snapshot(version),
    )
    return version


def procedure_version_check(version: ProcedureVersion) -> None:
    """The rules a version must meet to be published; raise :class:`CatalogError`.

    - at least one step, and the steps' allowances add up to the legal time limit;
    - the cut-off time, if any, falls inside the (default) office day;
    - no fee or charge is negative."""
    allowances = list(version.steps.values_list("allowance", flat=True))
    if not allowances:
        raise CatalogError(_("The internal process has no steps."), code="no_steps")
    total = sum(allowances)
    if total != version.time_limit:
        raise CatalogError(
            _(
                "The steps' time allowances add up to %(total)s but the legal time "
                "limit is %(limit)s (%(unit)s)."
            )
            % {
                "total": total,
                "limit": version.time_limit,
                "unit": version.get_time_unit_display(),
            },
            code="allowance_mismatch",
            extra={"total": total, "limit": version.time_limit},
        )
    if version.cutoff_time is not None:
        try:
            OfficeHours(cutoff=version.cutoff_time)
        except WorkTimeError:
            raise CatalogError(
                _("The cut-off time %(time)s is not inside the office day.")
                % {"time": version.cutoff_time.strftime("%H:%M")},
                code="bad_cutoff",
            ) from None
    if version.fees.filter(amount__lt=0).exists():  # pragma: no cover - DB refuses
        raise CatalogError(_("A fee or charge cannot be negative."))


def _make_room(version: ProcedureVersion) -> ProcedureVersion | None:
    """Refuse an overlap with a later published version; close the previous open
    one the day before ``version.valid_from``. Returns the closed version."""
    others = ProcedureVersion.objects.select_for_update().filter(
        procedure_id=version.procedure_id, status=VersionStatus.PUBLISHED
    )
    later = others.filter(valid_from__gte=version.valid_from)
    if version.valid_to is not None:
        later = later.filter(valid_from__lte=version.valid_to)
    clash = later.order_by("valid_from").first()
    if clash is not None:
        raise ConflictError(
            _(
                "The version overlaps the published version in force from "
                "%(date)s; give it an end date or a later start date."
            )
            % {"date": clash.valid_from.strftime("%d/%m/%Y")},
            code="overlap",
        )
    previous = (
        others.filter(not_ended_before(version.valid_from))
        .filter(valid_from__lt=version.valid_from)
        .order_by("-valid_from")
        .first()
    )
    if previous is None:
        return None
    previous.valid_to = version.valid_from - timedelta(days=1)
    previous.save(update_fields=["valid_to"])
    return previous


@transaction.atomic
def procedure_version_publish(
    *, version: ProcedureVersion, actor: User | None
) -> ProcedureVersion:
    """Publish a draft version (công bố): validate it, close the previous published
    version the day before, and make it immutable."""
    version = (
        ProcedureVersion.objects.select_for_update()
        .select_related("procedure")
        .get(pk=version.pk)
    )
    ensure_editable(version)
    procedure_version_check(version)
    closed = _make_room(version)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    data = _snapshot(version)
    if closed is not None:
        data["closed_version_id"] = closed.pk
        data["closed_valid_to"] = (
            closed.valid_to.isoformat() if closed.valid_to else None
        )
    audit_record(
        event_type="catalog.procedure_version.published",
        actor=actor,
        obj=version,
        data=data,
    )
    return version


@transaction.atomic
def procedure_version_save_draft(
    *, version: ProcedureVersion, actor: User | None
) -> ProcedureVersion:
    """Save a draft version edited field by field (the administration's form):
    texts normalised, search name refilled, published versions refused."""
    created = version.pk is None
    if not created:
        stored = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        ensure_editable(stored)
    version.status = VersionStatus.DRAFT
    version.published_at = None
    for name in _TEXT_FIELDS:
        setattr(version, name, _text(getattr(version, name)))
    version.name_folded = fold_vi(version.name)
    _check_version(version)
    version.save()
    audit_record(
        event_type="catalog.procedure_version." + ("created" if created else "updated"),
        actor=actor,
        obj=version,
        data=_snapshot(version),
    )
    return version
