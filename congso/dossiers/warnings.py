"""Deadline warnings (cảnh báo hạn xử lý): the daily scan publishes one outbox
message per open dossier that is due soon or overdue; its handler writes a warning
for the official holding the dossier. Both steps are idempotent: the message is
de-duplicated per dossier, kind and day, and the warning row is unique likewise."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from congso.accounts.models import RoleAssignment
from congso.core.outbox import outbox_publish
from congso.core.periods import in_force_on
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import DeadlineWarning, Dossier

#: Open dossiers due within this horizon are "due soon".
DUE_SOON_WITHIN = timedelta(days=1)
OPEN = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS)
TOPIC = "dossiers.deadline_warning"


def deadline_warnings_publish(now: datetime) -> int:
    """The deadline scanner: publish a warning message per dossier due soon or
    overdue at ``now`` (runs inside the scan's transaction)."""
    day = timezone.localdate(now)
    published = 0
    rows = (
        Dossier.objects.filter(status__in=OPEN, due_at__lte=now + DUE_SOON_WITHIN)
        .values_list("pk", "due_at")
        .iterator(chunk_size=2000)
    )
    for pk, due_at in rows:
        overdue = due_at is not None and due_at < now
        kind = (
            DeadlineWarning.Kind.OVERDUE if overdue else DeadlineWarning.Kind.DUE_SOON
        )
        outbox_publish(
            topic=TOPIC,
            payload={"dossier_id": pk, "kind": kind, "day": day.isoformat()},
            dedup_key=f"{TOPIC}:{pk}:{kind}:{day.isoformat()}",
        )
        published += 1
    return published


@transaction.atomic
def deadline_warning_deliver(*, message_id: UUID, payload: dict[str, Any]) -> int:
    """Write the warning for the assignee, or else for every official holding the
    dossier's current role at its current agency. Returns the rows created."""
    dossier = Dossier.objects.filter(pk=payload["dossier_id"], status__in=OPEN).first()
    if dossier is None or dossier.due_at is None:
        return 0  # finished since the scan: nothing to warn about
    day = date.fromisoformat(payload["day"])
    if dossier.assignee_id:
        recipients = [dossier.assignee_id]
    else:
        recipients = list(
            RoleAssignment.objects.filter(
                in_force_on(day),
                Q(agency_id=dossier.current_agency_id),
                role=dossier.current_role,
            ).values_list("user_id", flat=True)
        )
    created = 0
    for user_id in recipients:
        _warning, made = DeadlineWarning.objects.get_or_create(
            dossier=dossier,
            recipient_id=user_id,
            kind=payload["kind"],
            day=day,
            defaults={"due_at": dossier.due_at},
        )
        created += made
    return created
