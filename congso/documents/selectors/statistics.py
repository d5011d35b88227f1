"""Figures the district reports on document work, for any period, per agency
and per unit: share of documents received and sent electronically, share
handled fully on the network, overdue documents and registration delays."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Q
from django.utils import timezone

from congso.documents.constants import (
    INCOMING_OPEN,
    AssignmentStatus,
    DeliveryChannel,
    IncomingChannel,
    OutgoingStatus,
)
from congso.documents.models import (
    Delivery,
    HandlingAssignment,
    IncomingDocument,
    OutgoingDocument,
)


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class AgencyFigures:
    """One agency's document work in a period."""

    agency_id: int
    incoming: int
    incoming_electronic: int
    incoming_on_network: int
    incoming_registered_late: int
    incoming_overdue: int
    outgoing: int
    outgoing_electronic: int

    @property
    def incoming_electronic_share(self) -> float | None:
        return _share(self.incoming_electronic, self.incoming)

    @property
    def incoming_on_network_share(self) -> float | None:
        return _share(self.incoming_on_network, self.incoming)

    @property
    def outgoing_electronic_share(self) -> float | None:
        return _share(self.outgoing_electronic, self.outgoing)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's handling of directed documents in a period."""

    unit_id: int
    assigned: int
    done: int
    done_late: int
    open_overdue: int


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(date_from, time.min, tzinfo=tz),
        datetime.combine(date_to, time.max, tzinfo=tz),
    )


def agency_figures(
    *, agency_ids: Iterable[int], date_from: date, date_to: date, today: date
) -> list[AgencyFigures]:
    """Incoming documents received and outgoing documents issued in the period."""
    ids = list(agency_ids)
    start, end = _bounds(date_from, date_to)
    overdue = Q(status__in=list(INCOMING_OPEN), due_date__lt=today) | Q(
        completed_at__isnull=False, due_date__isnull=False
    ) & Q(completed_at__date__gt=F("due_date"))
    incoming = {
        row["agency_id"]: row
        for row in IncomingDocument.objects.filter(
            agency_id__in=ids, received_at__range=(start, end)
        )
        .values("agency_id")
        .annotate(
            total=Count("id"),
            electronic=Count("id", filter=~Q(channel=IncomingChannel.PAPER)),
            on_network=Count("id", filter=Q(handled_on_network=True)),
            late=Count("id", filter=Q(registered_at__date__gt=F("registration_due"))),
            overdue=Count("id", filter=overdue),
        )
    }
    paper = Delivery.objects.filter(channel=DeliveryChannel.PAPER).values("outgoing_id")
    outgoing = {
        row["agency_id"]: row
        for row in OutgoingDocument.objects.filter(
            agency_id__in=ids,
            issued_at__range=(start, end),
            status__in=[
                OutgoingStatus.ISSUED,
                OutgoingStatus.RECALLED,
                OutgoingStatus.REPLACED,
            ],
        )
        .values("agency_id")
        .annotate(
            total=Count("id", distinct=True),
            electronic=Count(
                "id",
                filter=~Q(pk__in=paper) & Q(deliveries__isnull=False),
                distinct=True,
            ),
        )
    }
    return [
        AgencyFigures(
            agency_id=agency_id,
            incoming=incoming.get(agency_id, {}).get("total", 0),
            incoming_electronic=incoming.get(agency_id, {}).get("electronic", 0),
            incoming_on_network=incoming.get(agency_id, {}).get("on_network", 0),
            incoming_registered_late=incoming.get(agency_id, {}).get("late", 0),
            incoming_overdue=incoming.get(agency_id, {}).get("overdue", 0),
            outgoing=outgoing.get(agency_id, {}).get("total", 0),
            outgoing_electronic=outgoing.get(agency_id, {}).get("electronic", 0),
        )
        for agency_id in ids
        if agency_id in incoming or agency_id in outgoing
    ]


def unit_figures(
    *, unit_ids: Iterable[int], date_from: date, date_to: date, today: date
) -> list[UnitFigures]:
    """Assignments directed to each unit in the period and how they ended."""
    start, end = _bounds(date_from, date_to)
    rows = (
        HandlingAssignment.objects.filter(
            unit_id__in=list(unit_ids), directed_at__range=(start, end)
        )
        .values("unit_id")
        .annotate(
            assigned=Count("id"),
            done=Count("id", filter=Q(status=AssignmentStatus.DONE)),
            done_late=Count(
                "id",
                filter=Q(status=AssignmentStatus.DONE, deadline__isnull=False)
                & Q(completed_at__date__gt=F("deadline")),
            ),
            open_overdue=Count(
                "id",
                filter=~Q(status=AssignmentStatus.DONE) & Q(deadline__lt=today),
            ),
        )
        .order_by("unit_id")
    )
    return [UnitFigures(**row) for row in rows]
