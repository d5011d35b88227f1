"""The document-work figures of :mod:`congso.documents.selectors.statistics`
for a period, with agency and unit names from the organisation tree, as an
Excel workbook (one sheet per agencies and units) and a short PDF report.

This is a working report, not a form of the decree: its wording is translated
(English msgids, ``locale/fragments/docexp.po``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from congso.accounts.selectors import AgencyTree, agency_tree_get
from congso.documents.exports.common import (
    Block,
    CellValue,
    Column,
    Heading,
    agency_names,
    heading_get,
    new_workbook,
    period_check,
    render_pdf,
    sheet_write,
    short_date,
    workbook_bytes,
)
from congso.documents.selectors.statistics import (
    AgencyFigures,
    UnitFigures,
    agency_figures,
    unit_figures,
)

TEMPLATE = "documents/exports/statistics.html"


@dataclass(frozen=True)
class AgencyLine:
    name: str
    figures: AgencyFigures

    def cells(self) -> tuple[CellValue, ...]:
        f = self.figures
        return (
            self.name,
            f.incoming,
            f.incoming_electronic,
            f.incoming_electronic_share,
            f.incoming_on_network,
            f.incoming_on_network_share,
            f.incoming_registered_late,
            f.incoming_overdue,
            f.outgoing,
            f.outgoing_electronic,
            f.outgoing_electronic_share,
        )


@dataclass(frozen=True)
class UnitLine:
    name: str
    agency_name: str
    figures: UnitFigures

    def cells(self) -> tuple[CellValue, ...]:
        f = self.figures
        return (
            self.name,
            self.agency_name,
            f.assigned,
            f.done,
            f.done_late,
            f.open_overdue,
        )


@dataclass(frozen=True)
class StatisticsReport:
    """Figures per agency and per unit for ``[date_from, date_to]``; every agency
    and unit asked for has a line, with zeros when nothing happened."""

    heading: Heading | None
    date_from: date
    date_to: date
    today: date
    agencies: tuple[AgencyLine, ...]
    units: tuple[UnitLine, ...]


def _agency_columns() -> tuple[Column, ...]:
    return (
        Column(_("Agency"), 36),
        Column(_("Incoming documents"), 11, "number"),
        Column(_("Received electronically"), 12, "number"),
        Column(_("Received electronically (%)"), 12, "percent"),
        Column(_("Handled fully on the network"), 13, "number"),
        Column(_("Handled fully on the network (%)"), 13, "percent"),
        Column(_("Registered late"), 11, "number"),
        Column(_("Handled late or overdue"), 12, "number"),
        Column(_("Outgoing documents issued"), 11, "number"),
        Column(_("Sent electronically"), 12, "number"),
        Column(_("Sent electronically (%)"), 12, "percent"),
    )


def _unit_columns() -> tuple[Column, ...]:
    return (
        Column(_("Unit"), 34),
        Column(_("Agency"), 34),
        Column(_("Directed to the unit"), 12, "number"),
        Column(_("Done"), 10, "number"),
        Column(_("Done after the deadline"), 12, "number"),
        Column(_("Open and overdue"), 12, "number"),
    )


def _units_below(tree: AgencyTree, agency_ids: Sequence[int]) -> list[int]:
    """The internal units of the agencies, each agency's in tree order."""
    out: list[int] = []

    def walk(node_id: int) -> None:
        for child in tree.children.get(node_id, []):
            if tree.nodes[child].is_internal_unit:
                out.append(child)
                walk(child)

    for agency_id in agency_ids:
        walk(agency_id)
    return out


def _owner(tree: AgencyTree, unit_id: int) -> int | None:
    for node in reversed(tree.path(unit_id)):
        if not node.is_internal_unit:
            return node.id
    return None


def _no_agency_figures(agency_id: int) -> AgencyFigures:
    return AgencyFigures(
        agency_id=agency_id,
        incoming=0,
        incoming_electronic=0,
        incoming_on_network=0,
        incoming_registered_late=0,
        incoming_overdue=0,
        outgoing=0,
        outgoing_electronic=0,
    )


def statistics_report_get(
    *,
    agency_ids: Iterable[int],
    date_from: date,
    date_to: date,
    today: date,
    unit_ids: Iterable[int] | None = None,
    reporting_agency_id: int | None = None,
) -> StatisticsReport:
    """The report for the agencies (and their internal units, unless
    ``unit_ids`` names the units); names as the tree stood on ``date_to``.
    ``reporting_agency_id`` prints that agency's name on top."""
    period_check(date_from, date_to)
    agencies = list(dict.fromkeys(agency_ids))
    tree = agency_tree_get(on=date_to)
    units = (
        list(dict.fromkeys(unit_ids))
        if unit_ids is not None
        else (_units_below(tree, agencies))
    )
    owners = {u: _owner(tree, u) for u in units}
    names = {i: n.name for i, n in tree.nodes.items()}
    missing = [i for i in (*agencies, *units, *owners.values()) if i and i not in names]
    names |= agency_names(missing, on=date_to)
    by_agency = {
        f.agency_id: f
        for f in agency_figures(
            agency_ids=agencies, date_from=date_from, date_to=date_to, today=today
        )
    }
    by_unit = {
        f.unit_id: f
        for f in unit_figures(
            unit_ids=units, date_from=date_from, date_to=date_to, today=today
        )
    }
    return StatisticsReport(
        heading=(
            heading_get(agency_id=reporting_agency_id, on=date_to)
            if reporting_agency_id
            else None
        ),
        date_from=date_from,
        date_to=date_to,
        today=today,
        agencies=tuple(
            AgencyLine(
                names.get(a, f"#{a}"),
                by_agency.get(a) or _no_agency_figures(a),
            )
            for a in agencies
        ),
        units=tuple(
            UnitLine(
                names.get(u, f"#{u}"),
                names.get(owners[u] or 0, ""),
                by_unit.get(u)
                or UnitFigures(
                    unit_id=u, assigned=0, done=0, done_late=0, open_overdue=0
                ),
            )
            for u in units
        ),
    )


def _titles(report: StatisticsReport) -> list[str]:
    titles = [_("Document work statistics"), _period(report)]
    if report.heading is not None:
        titles.insert(0, report.heading.issuing.upper())
    return titles


def _period(report: StatisticsReport) -> str:
    return _("From %(start)s to %(end)s (figures as of %(today)s)") % {
        "start": short_date(report.date_from),
        "end": short_date(report.date_to),
        "today": short_date(report.today),
    }


def statistics_xlsx(report: StatisticsReport) -> bytes:
    """Two sheets, agencies and units, each with the title rows, a frozen
    header row and numbers as numbers (shares in per cent, one decimal)."""
    workbook, sheet = new_workbook(_("By agency"))
    sheet_write(
        sheet,
        titles=_titles(report),
        columns=_agency_columns(),
        blocks=[Block("", [line.cells() for line in report.agencies])],
        empty=_("No agency."),
    )
    units = workbook.create_sheet(_("By unit")[:31])
    sheet_write(
        units,
        titles=_titles(report),
        columns=_unit_columns(),
        blocks=[Block("", [line.cells() for line in report.units])],
        empty=_("No unit."),
    )
    return workbook_bytes(workbook)


def _texts(values: Sequence[CellValue]) -> list[dict[str, object]]:
    """PDF cells: numbers right-aligned, shares with a decimal comma."""
    out: list[dict[str, object]] = []
    for value in values:
        if isinstance(value, float):
            out.append({"text": f"{value:.1f}".replace(".", ","), "right": True})
        elif isinstance(value, int):
            out.append({"text": str(value), "right": True})
        else:
            out.append({"text": "" if value is None else str(value), "right": False})
    return out


def _headers(columns: Sequence[Column]) -> list[dict[str, object]]:
    total = sum(c.width for c in columns)
    return [
        {"header": c.header, "share": round(100 * c.width / total, 2)} for c in columns
    ]


def statistics_pdf(report: StatisticsReport) -> bytes:
    """The same two tables as a short A4 landscape report."""
    context = {
        "heading": report.heading,
        "title": _("Document work statistics"),
        "period": _period(report),
        "tables": [
            {
                "title": _("By agency"),
                "columns": _headers(_agency_columns()),
                "rows": [_texts(line.cells()) for line in report.agencies],
            },
            {
                "title": _("By unit"),
                "columns": _headers(_unit_columns()),
                "rows": [_texts(line.cells()) for line in report.units],
            },
        ],
        "empty": _("Nothing in this period."),
    }
    return render_pdf(TEMPLATE, context)
