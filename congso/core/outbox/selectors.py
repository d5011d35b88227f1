"""Outbox reads: the health figures shown to system administrators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from congso.core.models import OutboxMessage, OutboxStatus

#: A pending message due longer than this means the worker is not keeping up.
OVERDUE_AFTER = timedelta(minutes=5)


@dataclass(frozen=True)
class OutboxHealth:
    pending: int
    overdue: int
    dead: int

    @property
    def is_healthy(self) -> bool:
        return self.overdue == 0 and self.dead == 0


def outbox_health(*, now: datetime | None = None) -> OutboxHealth:
    """Counts of pending messages, pending messages due for over five minutes
    (``overdue``: the worker is down or slow) and dead messages. One query."""
    now = now or timezone.now()
    pending = Q(status=OutboxStatus.PENDING)
    counts = OutboxMessage.objects.aggregate(
        pending=Count("id", filter=pending),
        overdue=Count("id", filter=pending & Q(available_at__lt=now - OVERDUE_AFTER)),
        dead=Count("id", filter=Q(status=OutboxStatus.DEAD)),
    )
    return OutboxHealth(
        pending=counts["pending"], overdue=counts["overdue"], dead=counts["dead"]
    )
