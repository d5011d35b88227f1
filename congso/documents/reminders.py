"""Reminders before handling deadlines (nhắc việc): the daily deadline scan
publishes one outbox message per open assignment due within a day or overdue;
the handler writes a reminder for the assignee (or the unit's heads while the
unit has not assigned it), and for the directing leader once it is overdue.
Both steps are idempotent: de-duplicated per assignment, kind and day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from congso.accounts.constants import Role
from congso.accounts.models import RoleAssignment
from congso.core.outbox import outbox_publish
from congso.core.periods import in_force_on
from congso.documents.constants import AssignmentStatus, IncomingStatus
from congso.documents.models import DocumentReminder, HandlingAssignment

TOPIC = "documents.deadline_reminder"
DUE_SOON_WITHIN = timedelta(days=1)


def _open() -> Any:
    return HandlingAssignment.objects.filter(
        incoming__status=IncomingStatus.IN_PROGRESS, deadline__isnull=False
    ).exclude(status=AssignmentStatus.DONE)


def reminders_publish(now: datetime) -> int:
    """The deadline scanner (inside the scan's transaction)."""
    day = timezone.localdate(now)
    published = 0
    rows = (
        _open()
        .filter(deadline__lte=day + DUE_SOON_WITHIN)
        .values_list("pk", "deadline")
    )
    for pk, deadline in rows.iterator(chunk_size=2000):
        kind = (
            DocumentReminder.Kind.OVERDUE
            if deadline < day
            else DocumentReminder.Kind.DUE_SOON
        )
        outbox_publish(
            topic=TOPIC,
            payload={"assignment_id": pk, "kind": kind, "day": day.isoformat()},
            dedup_key=f"{TOPIC}:{pk}:{kind}:{day.isoformat()}",
        )
        published += 1
    return published


@transaction.atomic
def reminder_deliver(*, payload: dict[str, Any]) -> int:
    """Write the reminders of one assignment; the rows created."""
    row = _open().filter(pk=payload["assignment_id"]).first()
    if row is None or row.deadline is None:
        return 0  # done since the scan
    day = date.fromisoformat(payload["day"])
    if row.assignee_id:
        recipients = {row.assignee_id}
    else:
        recipients = set(
            RoleAssignment.objects.filter(
                in_force_on(day), agency_id=row.unit_id, role=Role.UNIT_HEAD
            ).values_list("user_id", flat=True)
        )
    if payload["kind"] == DocumentReminder.Kind.OVERDUE:
        recipients.add(row.directed_by_id)
    created = 0
    for user_id in sorted(recipients):
        _reminder, made = DocumentReminder.objects.get_or_create(
            assignment=row,
            recipient_id=user_id,
            kind=payload["kind"],
            day=day,
            defaults={"deadline": row.deadline},
        )
        created += made
    return created
