"""The catalogue workbook (import): the workbook is read into the JSON interchange
document, which :func:`congso.catalog.imports.catalog_import` imports.

Why not a second importer: the JSON path already checks every value (types, choices,
agencies on the version's start date), takes each version through the services
(publishing rules, audit) in one transaction, and is idempotent by local code + start
date. Building the same document from the workbook gives Excel exactly those rules,
and the Excel round trip is the JSON one. This module checks only what the document
cannot express — the file, its sheets and headers, the cells' types, the rows tying
parts to their version — and hands the import a :class:`WorkbookPlaces`, so that
every error, including those found by the JSON reader and by the services, names
the sheet, the row and the column: "Trang tính «Thành phần hồ sơ», dòng 7, cột «Hình
thức»: …"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congso.accounts.models import User
from congso.catalog.excel.cells import CellError, folded, from_cell, spellings
from congso.catalog.excel.layout import (
    ORDER,
    PARTS,
    PROCEDURE_KEYS,
    SHEETS,
    TITLE_LENGTH,
    VERSION_KEYS,
    VERSIONS,
    Column,
    Sheet,
    sheet_title,
)
from congso.catalog.exports import FORMAT, FORMAT_VERSION
from congso.catalog.imports import (
    CatalogImportError,
    ImportResult,
    Path,
    catalog_import,
    import_refused,
)

_ZIP = b"PK\x03\x04"  # an .xlsx file is a zip archive
_OLE2 = b"\xd0\xcf\x11\xe0"  # the old binary .xls

#: A version on the sheets: (local code, start date yyyy-mm-dd).
_VersionKey = tuple[str, str]


@dataclass(frozen=True)
class _Row:
    number: int  # as Excel shows it; the header is row 1
    values: dict[str, Any]  # JSON values by key; empty cells are left out


@dataclass
class _Table:
    sheet: Sheet
    title: str  # as in the workbook
    headers: dict[str, str] = field(default_factory=dict)  # key → header as written
    rows: list[_Row] = field(default_factory=list)


class WorkbookPlaces:
    """Names parts of the document read from a workbook by sheet, row and column."""

    def __init__(self) -> None:
        self.rows: dict[Path, tuple[_Table, int]] = {}

    def at(self, table: _Table, row: int, key: str | None = None) -> str:
        where = {"sheet": table.title, "row": row}
        if key is None:
            return _("Sheet «%(sheet)s», row %(row)s") % where
        return _("Sheet «%(sheet)s», row %(row)s, column «%(column)s»") % {
            **where,
            "column": self.column_name(table, key),
        }

    def where(self, path: Path) -> str:
        key = path[-1] if path and isinstance(path[-1], str) else None
        found = self.rows.get(path[:-1] if key else path)
        if found is None:
            return _("workbook")
        table, row = found
        return self.at(table, row, key if key and table.sheet.column(key) else None)

    def key(self, path: Path, key: str) -> str:
        found = self.rows.get(path)
        return self.column_name(found[0], key) if found else key

    @staticmethod
    def column_name(table: _Table, key: str) -> str:
        column = table.sheet.column(key)
        return table.headers.get(key) or (str(column.label) if column else key)


def catalog_import_xlsx(*, content: bytes, actor: User | None) -> ImportResult:
    """Import a catalogue workbook (.xlsx): all or nothing and idempotent, like the
    JSON import; raises :class:`CatalogImportError` naming the sheet and row."""
    document, places = workbook_read(content)
    return catalog_import(document=document, actor=actor, places=places)


def workbook_read(content: bytes) -> tuple[dict[str, Any], WorkbookPlaces]:
    """The interchange document held by a workbook, and the places of its parts
    (no writes)."""
    places = WorkbookPlaces()
    if content.startswith(_OLE2):
        raise import_refused(
            _("workbook"),
            _(
                "this is an old Excel file (.xls); save it as an Excel workbook "
                "(.xlsx) and try again."
            ),
        )
    if not content.startswith(_ZIP):
        raise import_refused(
            _("workbook"), _("the file is not an Excel workbook (.xlsx).")
        )
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
        try:
            cells = {sheet.key: _sheet_cells(workbook, sheet) for sheet in SHEETS}
        finally:
            workbook.close()
    except CatalogImportError:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise import_refused(
            _("workbook"),
            _("the file is not a readable Excel workbook (.xlsx); it may be damaged."),
        ) from None
    tables = {
        sheet.key: _read_table(sheet, *cells[sheet.key], places) for sheet in SHEETS
    }
    return _document(tables, places), places


def _find_sheet(workbook: Any, sheet: Sheet) -> Any:
    names = {name[:TITLE_LENGTH] for name in spellings(sheet.title)} | {sheet.key}
    for worksheet in workbook.worksheets:
        if folded(worksheet.title) in names:
            return worksheet
    raise import_refused(
        _("workbook"),
        _("the workbook has no sheet «%(sheet)s».") % {"sheet": sheet_title(sheet)},
    )


def _sheet_cells(workbook: Any, sheet: Sheet) -> tuple[str, list[tuple[Any, ...]]]:
    """The title and the cell values of the sheet, row by row."""
    worksheet = _find_sheet(workbook, sheet)
    worksheet.reset_dimensions()  # some writers record a wrong size; read all
    return worksheet.title, list(worksheet.iter_rows(values_only=True))


def _read_table(
    sheet: Sheet, title: str, lines: list[tuple[Any, ...]], places: WorkbookPlaces
) -> _Table:
    table = _Table(sheet, title)
    columns = _read_header(table, lines[0] if lines else (), places)
    for number, cells in enumerate(lines[1:], start=2):
        values: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=False):
            if column is None:
                continue
            try:
                value = from_cell(column, cell)
            except CellError as error:
                raise import_refused(
                    places.at(table, number, column.key), str(error)
                ) from None
            if value is not None:
                values[column.key] = value
        if values:
            table.rows.append(_Row(number, values))
    return table


def _read_header(
    table: _Table, cells: tuple[Any, ...], places: WorkbookPlaces
) -> list[Column | None]:
    """The column of each cell of the header row (``None``: empty header)."""
    known = {
        name: column
        for column in table.sheet.columns
        for name in spellings(column.label) | {column.key}
    }
    columns: list[Column | None] = []
    for cell in cells:
        header = "" if cell is None else str(cell).strip()
        column = known.get(folded(header)) if header else None
        if header and column is None:
            problem = _("the column «%(column)s» is not part of the catalogue format.")
        elif column is not None and column.key in table.headers:
            problem = _("the column «%(column)s» appears twice.")
        else:
            if column is not None:
                table.headers[column.key] = header
            columns.append(column)
            continue
        raise import_refused(places.at(table, 1), problem % {"column": header})
    for column in table.sheet.columns:
        if column.key not in table.headers:
            raise import_refused(
                places.at(table, 1),
                _("the column «%(column)s» is missing.") % {"column": column.label},
            )
    return columns


def _version_key(table: _Table, row: _Row, places: WorkbookPlaces) -> _VersionKey:
    for key in VERSION_KEYS:
        if key not in row.values:
            raise import_refused(
                places.at(table, row.number),
                _("“%(key)s” is missing.") % {"key": places.column_name(table, key)},
            )
    return row.values["local_code"], row.values["valid_from"]


@dataclass(frozen=True)
class _Version:
    path: Path
    row: int
    data: dict[str, Any]


def _document(tables: dict[str, _Table], places: WorkbookPlaces) -> dict[str, Any]:
    """The interchange document: procedures in the order of their first version
    row; components and steps by their number, then by row; fees and reasons by
    row. Records the row of every procedure, version and part in ``places``."""
    procedures: dict[str, dict[str, Any]] = {}  # by local code
    first: dict[str, tuple[Path, int]] = {}  # local code → path, first row
    versions: dict[_VersionKey, _Version] = {}
    table = tables[VERSIONS.key]
    for row in table.rows:
        key = _version_key(table, row, places)
        code, national_code = key[0], row.values.get("national_code")
        if code not in procedures:
            first[code] = (("procedures", len(procedures)), row.number)
            places.rows[first[code][0]] = (table, row.number)
            procedures[code] = {
                "national_code": national_code,
                "local_code": code,
                "versions": [],
            }
        elif national_code != procedures[code]["national_code"]:
            raise import_refused(
                places.at(table, row.number, "national_code"),
                _("the national code differs from the one on row %(row)s.")
                % {"row": first[code][1]},
            )
        if key in versions:
            raise import_refused(
                places.at(table, row.number),
                _(
                    "this version (same local code and start date) is already on "
                    "row %(row)s."
                )
                % {"row": versions[key].row},
            )
        data = {k: v for k, v in row.values.items() if k not in PROCEDURE_KEYS}
        data.update({part.key: [] for part in PARTS})
        path = (*first[code][0], "versions", len(procedures[code]["versions"]))
        procedures[code]["versions"].append(data)
        places.rows[path] = (table, row.number)
        versions[key] = _Version(path, row.number, data)
    for part in PARTS:
        _attach_parts(tables[part.key], versions, places, table.title)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedures": list(procedures.values()),
    }


def _attach_parts(
    table: _Table,
    versions: dict[_VersionKey, _Version],
    places: WorkbookPlaces,
    versions_title: str,
) -> None:
    grouped: dict[_VersionKey, list[_Row]] = {}
    for row in table.rows:
        key = _version_key(table, row, places)
        if key not in versions:
            raise import_refused(
                places.at(table, row.number),
                _(
                    "there is no version %(code)s from %(date)s on the sheet "
                    "«%(sheet)s»."
                )
                % {
                    "code": key[0],
                    "date": date.fromisoformat(key[1]).strftime("%d/%m/%Y"),
                    "sheet": versions_title,
                },
            )
        grouped.setdefault(key, []).append(row)
    for key, rows in grouped.items():
        version = versions[key]
        for index, row in enumerate(_ordered(table, rows, places)):
            item = {
                k: v for k, v in row.values.items() if k not in (*VERSION_KEYS, ORDER)
            }
            version.data[table.sheet.key].append(item)
            places.rows[(*version.path, table.sheet.key, index)] = (table, row.number)


def _ordered(table: _Table, rows: list[_Row], places: WorkbookPlaces) -> list[_Row]:
    """Rows by their number (components, steps); unnumbered rows after, by row."""
    used: dict[int, int] = {}
    for row in rows:
        order = row.values.get(ORDER)
        if order is None:
            continue
        if order in used:
            raise import_refused(
                places.at(table, row.number, ORDER),
                _(
                    "the number %(order)s is already used on row %(row)s for this "
                    "version."
                )
                % {"order": order, "row": used[order]},
            )
        used[order] = row.number
    return sorted(
        rows,
        key=lambda r: (ORDER not in r.values, r.values.get(ORDER, 0), r.number),
    )
