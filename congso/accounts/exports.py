"""Excel exports of organisation lists (openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from congso.accounts.constants import AgencyKind, AgencyLevel
from congso.accounts.selectors import AgencyNode

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agencies_to_xlsx(agencies: Sequence[AgencyNode], *, on: date) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook always has one sheet
    sheet.title = _("Agencies")
    sheet.append(
        [
            _("Name"),
            _("Short name"),
            _("Kind"),
            _("Level"),
            _("Agency e-ID"),
            _("Administrative-unit code"),
            _("External system code"),
            _("Valid from"),
        ]
    )
    for a in agencies:
        sheet.append(
            [
                a.name,
                a.short_name,
                str(AgencyKind(a.kind).label),
                str(AgencyLevel(a.level).label),
                a.electronic_id,
                a.admin_unit_code,
                a.external_code,
                a.valid_from.strftime("%d/%m/%Y"),
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="co-quan-{on:%Y%m%d}.xlsx"'
    return response
