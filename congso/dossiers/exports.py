"""Excel export of dossier lists (openpyxl)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier
from congso.dossiers.selectors import DeadlineState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _when(value: object) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")  # type: ignore[arg-type]


def dossiers_to_xlsx(dossiers: Iterable[Dossier], *, name: str) -> HttpResponse:
    """A workbook of dossier rows annotated by the queue selector."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook always has one sheet
    sheet.title = _("Dossiers")
    sheet.append(
        [
            _("Dossier code"),
            _("Procedure"),
            _("Applicant"),
            _("Personal ID number"),
            _("Status"),
            _("Received at"),
            _("Appointment"),
            _("Deadline"),
            _("Receiving unit"),
            _("Currently at"),
            _("Assigned to"),
        ]
    )
    for d in dossiers:
        state = getattr(d, "deadline_state", "")
        sheet.append(
            [
                d.code,
                d.procedure_version.name,
                d.applicant_name,
                d.personal_id,
                str(DossierStatus(d.status).label),
                _when(d.received_at),
                _when(d.due_at),
                str(DeadlineState(state).label) if state else "",
                getattr(d, "receiving_agency_name", "") or "",
                getattr(d, "current_agency_name", "") or "",
                d.assignee.get_full_name() if d.assignee else "",
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
