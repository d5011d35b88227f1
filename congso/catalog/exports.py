"""Exports of the catalogue: the JSON interchange document (format in
docs/subsystems/catalog.md) and an Excel sheet of the published versions (openpyxl).
Pure readers: data comes from the selectors."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from congso.accounts.constants import AgencyLevel
from congso.accounts.selectors import AgencyTree, agency_tree_get
from congso.calendar.constants import TimeUnit
from congso.catalog.constants import OnlineMode
from congso.catalog.models import Procedure, ProcedureVersion

FORMAT = "congso.catalog"
FORMAT_VERSION = 1
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Trees:
    """Organisation trees by day, built once each (agency references are paths of
    names as they were on the version's start date)."""

    def __init__(self) -> None:
        self._trees: dict[date, AgencyTree] = {}

    def path(self, agency_id: int | None, on: date) -> list[str] | None:
        if agency_id is None:
            return None
        if on not in self._trees:
            self._trees[on] = agency_tree_get(on=on)
        nodes = self._trees[on].path(agency_id)
        return [node.name for node in nodes] or [f"#{agency_id}"]


def _version_dict(v: ProcedureVersion, trees: _Trees) -> dict[str, Any]:
    on = v.valid_from
    return {
        "valid_from": v.valid_from.isoformat(),
        "valid_to": v.valid_to.isoformat() if v.valid_to else None,
        "status": v.status,
        "name": v.name,
        "sector": v.sector,
        "field": v.field,
        "level": v.level,
        "competent_agency": trees.path(v.competent_agency_id, on),
        "time_limit": v.time_limit,
        "time_unit": v.time_unit,
        "cutoff_time": v.cutoff_time.strftime("%H:%M") if v.cutoff_time else None,
        "result_type": v.result_type,
        "result_name": v.result_name,
        "online_mode": v.online_mode,
        "legacy_level": v.legacy_level,
        "legal_basis": v.legal_basis,
        "note": v.note,
        "components": [
            {
                "name": c.name,
                "form": c.form,
                "quantity": c.quantity,
                "required": c.required,
                "template_name": c.template_name,
            }
            for c in v.components.all()
        ],
        "steps": [
            {
                "name": s.name,
                "role": s.role,
                "agency": trees.path(s.agency_id, on),
                "level": s.level,
                "allowance": s.allowance,
                "is_interlinked": s.is_interlinked,
            }
            for s in v.steps.all()
        ],
        "fees": [
            {"kind": f.kind, "name": f.name, "amount": f.amount, "note": f.note}
            for f in sorted(v.fees.all(), key=lambda f: f.pk)
        ],
        "reasons": [
            {"kind": r.kind, "code": r.code, "text": r.text}
            for r in sorted(v.reasons.all(), key=lambda r: r.pk)
        ],
    }


def catalog_to_dict(procedures: Iterable[Procedure]) -> dict[str, Any]:
    """The interchange document for ``procedures`` (prefetched by
    :func:`congso.catalog.selectors.procedure_list_for_export`)."""
    trees = _Trees()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedures": [
            {
                "national_code": p.national_code,
                "local_code": p.local_code,
                "versions": [_version_dict(v, trees) for v in p.versions.all()],
            }
            for p in procedures
        ],
    }


def _time(v: ProcedureVersion) -> str:
    text = f"{v.time_limit} {TimeUnit(v.time_unit).label}"
    if v.cutoff_time:
        text += " (" + _("cut-off %(time)s") % {"time": f"{v.cutoff_time:%H:%M}"} + ")"
    return text


def _fees(v: ProcedureVersion) -> str:
    parts = []
    for f in sorted(v.fees.all(), key=lambda f: f.pk):
        amount = f"{f.amount:,}".replace(",", ".")
        parts.append(f"{f.name}: {amount} đ" + (f" ({f.note})" if f.note else ""))
    return "; ".join(parts)


def versions_to_xlsx(versions: Iterable[ProcedureVersion], *, on: date) -> bytes:
    """One row per published version (from ``procedure_list_published``)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook always has one sheet
    sheet.title = _("Procedures")
    headers = [
        _("Name"),
        _("National code"),
        _("Local code"),
        _("Sector"),
        _("Field"),
        _("Level"),
        _("Processing time"),
        _("Fees and charges"),
        _("Online service"),
        _("Valid from"),
        _("Valid to"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for v in versions:
        sheet.append(
            [
                v.name,
                v.procedure.national_code,
                v.procedure.local_code,
                v.sector,
                v.field,
                str(AgencyLevel(v.level).label),
                _time(v),
                _fees(v),
                str(OnlineMode(v.online_mode).label),
                v.valid_from.strftime("%d/%m/%Y"),
                v.valid_to.strftime("%d/%m/%Y") if v.valid_to else "",
            ]
        )
    sheet.freeze_panes = "A2"
    for column, width in zip(
        "ABCDEFGHIJK", (60, 12, 28, 24, 24, 10, 24, 50, 16, 12, 12), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_filename(on: date) -> str:
    return f"thu-tuc-hanh-chinh-{on:%Y%m%d}.xlsx"
