"""Form 07, Sổ theo dõi hồ sơ: the tracking book as a landscape PDF and as an
Excel workbook with the same columns."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from congso.dossiers.models import Dossier
from congso.dossiers.slips.base import Letterhead, Slip, agency_names
from congso.dossiers.templatetags.dossier_print import short_date

REGISTER_NOTES: Mapping[str, str] = {
    "supplement_requested": "Chờ bổ sung",
    "refused": "Từ chối",
    "stopped": "Dừng xử lý",
    "withdrawn": "Công dân yêu cầu rút hồ sơ",
}
REGISTER_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày chuyển hồ sơ",
    "Ngày có kết quả / yêu cầu bổ sung",
    "Ngày trả kết quả",
    "Ký nhận",
    "Ghi chú",
)


@dataclass(frozen=True)
class RegisterRow:
    """One line of the tracking book (form 07), in ``REGISTER_COLUMNS`` order."""

    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    contact: str
    competent: str
    received_on: date | None
    due_on: date | None
    forwarded_on: date | None
    result_on: date | None
    returned_on: date | None
    signature: str
    note: str

    def cells(self) -> tuple[Any, ...]:
        return astuple(self)

    def texts(self) -> list[str]:
        return [
            short_date(c) if isinstance(c, date) else str(c or "")
            for c in astuple(self)
        ]


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _register_row(
    position: int, dossier: Dossier, names: Mapping[int, str]
) -> RegisterRow:
    steps = sorted(dossier.steps.all(), key=lambda s: s.order)
    return RegisterRow(
        number=dossier.register_number or position,
        code=dossier.code,
        procedure=dossier.procedure_version.name,
        sets=1,
        applicant=dossier.applicant_name,
        contact=" – ".join(p for p in (dossier.address, dossier.phone) if p),
        competent=names.get(dossier.competent_agency_id, ""),
        received_on=_day(dossier.received_at),
        due_on=_day(dossier.due_at),
        forwarded_on=_day(steps[0].finished_at if steps else None),
        result_on=_day(dossier.finished_at or dossier.paused_at),
        returned_on=_day(dossier.returned_at),
        signature="",
        note=REGISTER_NOTES.get(dossier.status, ""),
    )


def register_rows(dossiers: Iterable[Dossier], *, on: date) -> list[RegisterRow]:
    """The tracking-book lines for ``dossiers`` (a QuerySet is loaded in 3 queries)."""
    if isinstance(dossiers, QuerySet):
        dossiers = dossiers.select_related("procedure_version").prefetch_related(
            "steps"
        )
    items = list(dossiers)
    names = agency_names({d.competent_agency_id for d in items}, on=on)
    return [_register_row(n, d, names) for n, d in enumerate(items, start=1)]


def register_slip(
    rows: Sequence[RegisterRow], *, head: Letterhead, book: str = ""
) -> Slip:
    """Form 07, Sổ theo dõi hồ sơ: a landscape table, one line per dossier."""
    context = {
        "head": head,
        "rows": [r.texts() for r in rows],
        "columns": REGISTER_COLUMNS,
    }
    return Slip(
        "register", "Sổ theo dõi hồ sơ", context | {"book": book}, landscape=True
    )


def register_workbook(
    rows: Sequence[RegisterRow], *, head: Letterhead, book: str = ""
) -> bytes:
    """Form 07 as an .xlsx workbook with the columns of the PDF (real date cells)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    sheet.append([head.issuing.upper()])
    sheet.append(["SỔ THEO DÕI HỒ SƠ"])
    sheet.append([f"Quyển số: {book}" if book else ""])
    sheet.append(list(REGISTER_COLUMNS))
    for row in rows:
        sheet.append(list(row.cells()))
    for cells in sheet.iter_rows(min_row=5):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(
            wrap_text=True, vertical="center", horizontal="center"
        )
    sheet["A1"].font = sheet["A2"].font = Font(bold=True)
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
