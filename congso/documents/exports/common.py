"""What the document exports share: agency names on a day, the period of a
register, the WeasyPrint rendering on the shipped fonts and the Excel sheet
writer (title rows, header row, frozen panes, widths, real dates, wrapping)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, Final, Literal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from congso.accounts.models import AgencyVersion
from congso.core.errors import ApplicationError

FONT_DIR: Final = Path(__file__).resolve().parents[2] / "fonts"
FONT_FACES: Final = (  # (weight, style, file): Times New Roman metrics, Vietnamese
    ("normal", "normal", "LiberationSerif-Regular.ttf"),
    ("bold", "normal", "LiberationSerif-Bold.ttf"),
    ("normal", "italic", "LiberationSerif-Italic.ttf"),
    ("bold", "italic", "LiberationSerif-BoldItalic.ttf"),
)
STYLESHEET: Final = "documents/exports/exports.css"
DATE_FORMAT: Final = "DD/MM/YYYY"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CellValue = str | int | float | date | None


class ExportError(ApplicationError):
    """An export that cannot be made as asked (Vietnamese message)."""


# --- dates and names ----------------------------------------------------------------


def short_date(day: date | None) -> str:
    """dd/mm/yyyy, or "" (vietnamese-text.md §6)."""
    return day.strftime("%d/%m/%Y") if day else ""


def local_day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def period_check(date_from: date, date_to: date) -> None:
    """A register covers days of one calendar year (numbers restart each year)."""
    if date_from > date_to:
        raise ExportError(
            _("The start of the period is after its end."), code="period_order"
        )
    if date_from.year != date_to.year:
        raise ExportError(
            _("A register covers a period within one calendar year."),
            code="period_year",
        )


def agency_versions(ids: Iterable[int | None], *, on: date) -> dict[int, AgencyVersion]:
    """Each agency or unit as it was on ``on``: its last version started by then
    (so a unit closed before ``on`` keeps its last name), in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = AgencyVersion.objects.filter(agency_id__in=wanted, valid_from__lte=on)
    return {v.agency_id: v for v in rows.order_by("agency_id", "valid_from")}


def agency_names(ids: Iterable[int | None], *, on: date) -> dict[int, str]:
    """Names of agencies or units on ``on`` (see :func:`agency_versions`)."""
    return {i: v.name for i, v in agency_versions(ids, on=on).items()}


@dataclass(frozen=True)
class Heading:
    """The agency block of a printed register: governing agency (may be "") and
    the agency keeping the register."""

    governing: str
    issuing: str


def heading_get(*, agency_id: int, on: date) -> Heading:
    """The agency block on ``on``, in one query, two when it has a parent."""
    version = (
        AgencyVersion.objects.filter(agency_id=agency_id, valid_from__lte=on)
        .order_by("-valid_from")
        .only("name", "parent_id")
        .first()
    )
    if version is None:
        raise ExportError(
            _("The agency did not exist on that day."), code="agency_missing"
        )
    parent = agency_names([version.parent_id], on=on) if version.parent_id else {}
    return Heading(
        governing=parent.get(version.parent_id or 0, ""), issuing=version.name
    )


# --- PDF ------------------------------------------------------------------------------


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    """``template`` as PDF bytes: the shipped Liberation Serif fonts, loaded by
    path and embedded as subsets; no system font family is listed."""
    faces = [
        {"weight": w, "style": s, "uri": (FONT_DIR / name).as_uri()}
        for w, s, name in FONT_FACES
    ]
    fonts = FontConfiguration()
    css = CSS(string=render_to_string(STYLESHEET, {"faces": faces}), font_config=fonts)
    html = HTML(
        string=render_to_string(template, dict(context)),
        base_url=FONT_DIR.as_uri(),
    )
    return bytes(html.write_pdf(stylesheets=[css], font_config=fonts))


# --- Excel ----------------------------------------------------------------------------

ColumnKind = Literal["text", "date", "number", "percent"]
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    """One column of an exported table: its header, its Excel width (characters,
    also the relative width in the PDF) and how its cells are typed."""

    header: str
    width: int
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Block:
    """Rows under an optional heading row spanning the table (a register's
    series, a report's part)."""

    title: str
    rows: Sequence[Sequence[CellValue]]


def sheet_write(
    sheet: Worksheet,
    *,
    titles: Sequence[str],
    columns: Sequence[Column],
    blocks: Sequence[Block],
    empty: str = "",
) -> None:
    """Title lines (bold, merged across the table), one header row, then each
    block: dates as date cells shown dd/mm/yyyy, text wrapped and top-aligned,
    thin borders, panes frozen under the header, printed landscape on one page
    wide with the header repeated on every page."""
    width = len(columns)
    last = get_column_letter(width)
    for number, title in enumerate(titles, start=1):
        sheet.cell(row=number, column=1, value=title).font = Font(bold=True)
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet.cell(row=number, column=1).alignment = Alignment(horizontal="center")
    header_row = len(titles) + 1
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.border = _BOX
        cell.alignment = Alignment(
            wrap_text=True, horizontal="center", vertical="center"
        )
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row = header_row + 1
    if not any(block.rows for block in blocks) and empty:
        sheet.cell(row=row, column=1, value=empty)
        sheet.merge_cells(f"A{row}:{last}{row}")
    for block in blocks:
        if block.title:
            sheet.cell(row=row, column=1, value=block.title).font = Font(bold=True)
            sheet.merge_cells(f"A{row}:{last}{row}")
            row += 1
        for values in block.rows:
            for index, (column, value) in enumerate(
                zip(columns, values, strict=True), start=1
            ):
                _cell(sheet, row, index, column, value)
            row += 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _cell(
    sheet: Worksheet, row: int, index: int, column: Column, value: CellValue
) -> None:
    cell = sheet.cell(row=row, column=index, value=value)
    cell.border = _BOX
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if column.kind == "date":
        cell.number_format = DATE_FORMAT
        cell.alignment = Alignment(vertical="top", horizontal="center")
    elif column.kind == "percent" and value is not None:
        cell.number_format = "0.0"
    elif column.kind == "text":
        cell.number_format = "@"  # numbers and symbols stay text (05/UBND-VP)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook with its one sheet named ``title`` (Excel allows 31 characters)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook always has one sheet
    sheet.title = title[:31]
    return workbook, sheet
