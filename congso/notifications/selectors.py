"""Notification reads: the delivery history of an object and the demo outbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery
from django.utils.functional import Promise

from congso.core.models import OutboxMessage
from congso.notifications.addresses import mask_address
from congso.notifications.constants import (
    EVENT_LABELS,
    Channel,
    NotificationStatus,
)
from congso.notifications.models import DemoMessage, Notification


@dataclass(frozen=True)
class NotificationEntry:
    """One line of an object's notification history (no full address)."""

    id: uuid.UUID
    event: str
    event_label: str | Promise
    channel: str
    channel_label: str | Promise
    masked_address: str
    status: str
    status_label: str | Promise
    #: Failed attempts so far while still queued (the outbox is retrying).
    failed_attempts: int
    created_at: datetime
    sent_at: datetime | None

    @property
    def is_retrying(self) -> bool:
        return self.status == NotificationStatus.QUEUED and self.failed_attempts > 0


def notification_list_for_object(
    *, object_type: str, object_id: str
) -> list[NotificationEntry]:
    """Every notification about one object (a dossier: ``"dossiers.dossier"`` and
    its code), newest first, for its history. One query."""
    outbox_attempts = OutboxMessage.objects.filter(
        id=OuterRef("outbox_message_id")
    ).values("attempts")[:1]
    rows = (
        Notification.objects.filter(object_type=object_type, object_id=str(object_id))
        .annotate(
            outbox_attempts=Subquery(outbox_attempts, output_field=IntegerField())
        )
        .order_by("-created_at", "-id")
        .values(
            "id",
            "event",
            "channel",
            "address",
            "status",
            "created_at",
            "sent_at",
            "outbox_attempts",
        )
    )
    return [
        NotificationEntry(
            id=row["id"],
            event=row["event"],
            event_label=EVENT_LABELS.get(row["event"], row["event"]),
            channel=row["channel"],
            channel_label=Channel(row["channel"]).label,
            masked_address=mask_address(row["address"]),
            status=row["status"],
            status_label=NotificationStatus(row["status"]).label,
            failed_attempts=(
                row["outbox_attempts"] or 0
                if row["status"] == NotificationStatus.QUEUED
                else 0
            ),
            created_at=row["created_at"],
            sent_at=row["sent_at"],
        )
        for row in rows
    ]


def demo_message_list() -> QuerySet[DemoMessage]:
    """What the demo SMS and Zalo providers sent, newest first."""
    return DemoMessage.objects.order_by("-created_at", "-id")
