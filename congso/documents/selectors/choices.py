"""Choices offered on the document forms, from the organisation tree on a day."""

from __future__ import annotations

from datetime import date

from congso.accounts.constants import AgencyKind, Role
from congso.accounts.selectors import agency_tree_get, official_list_for_agencies
from congso.documents.constants import INCOMING_OPEN
from congso.documents.models import IncomingDocument


def units_of(*, agency_id: int, on: date) -> list[tuple[int, str]]:
    """The agency's internal units (phòng, văn phòng), in tree order."""
    tree = agency_tree_get(on=on)
    return [
        (node.id, node.name)
        for node in (tree.nodes[c] for c in tree.children.get(agency_id, []))
        if node.kind == AgencyKind.INTERNAL_UNIT
    ]


def directable_units(*, agency_id: int, on: date) -> list[tuple[int, str]]:
    """Units a leader may direct documents to: the agency's own units and its
    subordinate agencies (offices, centres, communes below it)."""
    tree = agency_tree_get(on=on)
    return [
        (node.id, node.name)
        for node in (tree.nodes[c] for c in tree.children.get(agency_id, []))
    ]


def signers_of(*, agency_id: int, on: date) -> list[tuple[int, str]]:
    """Officials who may sign for the agency: its leaders."""
    return [
        (u.pk, u.get_full_name() or u.username)
        for u in official_list_for_agencies(agency_ids=[agency_id], on=on)
        if any(a.role == Role.AGENCY_LEADER for a in u.current_assignments)  # type: ignore[attr-defined]
    ]


def officials_of(*, agency_ids: list[int], on: date) -> list[tuple[int, str]]:
    return [
        (u.pk, u.get_full_name() or u.username)
        for u in official_list_for_agencies(agency_ids=agency_ids, on=on)
    ]


def recipients_for(*, agency_id: int, on: date) -> list[tuple[int, str]]:
    """Other agencies on the network (not internal units), by name."""
    tree = agency_tree_get(on=on)
    rows = [
        (node.id, node.name)
        for node in tree.nodes.values()
        if node.kind != AgencyKind.INTERNAL_UNIT and node.id != agency_id
    ]
    return sorted(rows, key=lambda r: r[1])


def reply_candidates(*, agency_id: int) -> list[tuple[int, str]]:
    """Incoming documents of the agency still being handled (a reply may answer
    them), newest first."""
    return [
        (
            d.pk,
            f"{d.arrival_number}/{d.arrival_year} – {d.number_symbol} {d.subject[:80]}",
        )
        for d in IncomingDocument.objects.filter(
            agency_id=agency_id, status__in=list(INCOMING_OPEN)
        ).order_by("-received_at")[:200]
    ]


def agency_names(*, on: date) -> dict[int, str]:
    """Names of every agency and unit on the day, by id (from the cached tree)."""
    return {i: node.name for i, node in agency_tree_get(on=on).nodes.items()}


def symbol_abbreviations(
    *, agency_id: int, unit_id: int | None, on: date
) -> tuple[str, str]:
    """The agency's and the drafting unit's abbreviations in document symbols
    (their short names, e.g. UBND and VHXH); "" where there is none."""
    from congso.accounts.selectors import agency_version_on

    agency = agency_version_on(agency_id=agency_id, on=on)
    unit = agency_version_on(agency_id=unit_id, on=on) if unit_id else None
    return (agency.short_name if agency else "", unit.short_name if unit else "")
