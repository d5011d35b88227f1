"""The catalogue workbook (export): the interchange document of
:func:`congso.catalog.exports.catalog_to_dict`, one sheet per table. Writing from the
document rather than from the models keeps both formats equal by construction."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from congso.catalog.excel.cells import to_cell
from congso.catalog.excel.layout import (
    ORDER,
    PARTS,
    SHEETS,
    Column,
    Kind,
    Sheet,
    sheet_title,
)

_FORMATS = {
    Kind.TEXT: "@",  # typed codes stay text in Excel (1.001190 keeps its zero)
    Kind.NATIONAL_CODE: "@",
    Kind.AGENCY: "@",
    Kind.DATE: "DD/MM/YYYY",
    Kind.TIME: "HH:MM",
}


def catalog_to_xlsx(document: Mapping[str, Any]) -> bytes:
    """The workbook (.xlsx) of an interchange document."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = _rows(document)
    for sheet in SHEETS:
        _write(workbook.create_sheet(sheet_title(sheet)), sheet, rows[sheet.key])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows(document: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every sheet: a version row carries its procedure's codes, a part
    row its version's local code and start date (and its number, from 1)."""
    rows: dict[str, list[dict[str, Any]]] = {sheet.key: [] for sheet in SHEETS}
    for procedure in document["procedures"]:
        for version in procedure["versions"]:
            keys = {
                "national_code": procedure["national_code"],
                "local_code": procedure["local_code"],
                "valid_from": version["valid_from"],
            }
            rows["versions"].append({**version, **keys})
            for part in PARTS:
                for order, item in enumerate(version[part.key], start=1):
                    rows[part.key].append({**item, **keys, ORDER: order})
    return rows


def _number_format(column: Column) -> str:
    return column.number_format or _FORMATS.get(column.kind, "")


def _write(worksheet: Any, sheet: Sheet, rows: list[dict[str, Any]]) -> None:
    worksheet.append([str(column.label) for column in sheet.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        worksheet.append(
            [to_cell(column, row.get(column.key)) for column in sheet.columns]
        )
    for index, column in enumerate(sheet.columns, start=1):
        dimension = worksheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        number_format = _number_format(column)
        if not number_format:
            continue
        dimension.number_format = number_format  # rows typed in later
        for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions
