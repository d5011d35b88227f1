"""The document registers of NĐ 30/2020 Phụ lục IV printed from the system
(documents.md §4: "electronic registers must be printable with all columns"):
one :class:`Register` built by a selector (:mod:`.incoming`, :mod:`.outgoing`),
rendered as an A4 landscape PDF or an Excel workbook with the same columns.

Column headers are the decree's wording and are never translated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from congso.documents.exports.common import (
    Block,
    CellValue,
    Column,
    Heading,
    new_workbook,
    render_pdf,
    sheet_write,
    short_date,
    workbook_bytes,
)

TEMPLATE = "documents/exports/register.html"
EMPTY = "Không có văn bản trong kỳ."


class RegisterRow(Protocol):
    """A line of a register: its cells in the register's column order."""

    def cells(self) -> tuple[CellValue, ...]: ...


@dataclass(frozen=True)
class RegisterSection:
    """The rows of one number series (văn bản mật are a separate series);
    ``title`` is printed above them when the register has several."""

    title: str
    rows: Sequence[RegisterRow]


@dataclass(frozen=True)
class Register:
    """A register for a period within one year, ready to render.

    ``file_stem`` is an ASCII name for the download (``so-van-ban-den-2026``);
    ``numbers`` the first and last number in the period ("Từ số … đến số …")."""

    title: str
    sheet_name: str
    file_stem: str
    heading: Heading
    date_from: date
    date_to: date
    columns: tuple[Column, ...]
    sections: tuple[RegisterSection, ...]
    numbers: tuple[int, int] | None = None

    @property
    def year(self) -> int:
        return self.date_from.year

    @property
    def rows(self) -> list[RegisterRow]:
        return [row for section in self.sections for row in section.rows]

    def period_lines(self) -> list[str]:
        """The cover lines of the register (Phụ lục IV, "Bìa và trang đầu")."""
        lines = [
            f"Năm: {self.year}",
            f"Từ ngày {short_date(self.date_from)} đến ngày {short_date(self.date_to)}",
        ]
        if self.numbers is not None:
            lines.append(f"Từ số {self.numbers[0]} đến số {self.numbers[1]}")
        return lines


def _text(value: CellValue) -> str:
    if isinstance(value, date):
        return short_date(value)
    return "" if value is None else str(value)


def register_pdf(register: Register) -> bytes:
    """The register as PDF: A4 landscape, the agency and the period on top, the
    column headers (and their numbers) repeated on every page, page numbers,
    the shipped fonts embedded."""
    total = sum(c.width for c in register.columns)
    kinds = [c.kind for c in register.columns]
    context = {
        "register": register,
        "lines": register.period_lines(),
        "columns": [
            {"header": c.header, "share": round(100 * c.width / total, 2)}
            for c in register.columns
        ],
        "sections": [
            {
                "title": s.title,
                "rows": [
                    [
                        {"text": _text(v), "kind": k}
                        for v, k in zip(row.cells(), kinds, strict=True)
                    ]
                    for row in s.rows
                ],
            }
            for s in register.sections
        ],
        "empty": EMPTY if not register.rows else "",
    }
    return render_pdf(TEMPLATE, context)


def register_xlsx(register: Register) -> bytes:
    """The register as an .xlsx workbook with the PDF's columns: the agency and
    the period as title rows, a frozen header row, dates as date cells."""
    workbook, sheet = new_workbook(register.sheet_name)
    head = register.heading
    titles = [
        head.issuing.upper(),
        register.title,
        " – ".join(register.period_lines()),
    ]
    if head.governing:
        titles.insert(0, head.governing.upper())
    sheet_write(
        sheet,
        titles=titles,
        columns=register.columns,
        blocks=[
            Block(s.title, [row.cells() for row in s.rows]) for s in register.sections
        ],
        empty=EMPTY,
    )
    return workbook_bytes(workbook)
