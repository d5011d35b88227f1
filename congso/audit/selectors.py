"""Reads of the audit trail (nhật ký). Permission scoping is the caller's: accounts
passes the agency ids the user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from congso.audit.models import AuditEvent


def audit_event_list_for_agency(
    *,
    agency_ids: Iterable[int],
    event_type: str = "",
    actor_id: int | None = None,
    occurred_from: dt.datetime | None = None,
    occurred_to: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Events recorded for ``agency_ids``, newest first.

    ``event_type`` ending with ``.`` is a prefix (``"dossiers."``); otherwise exact.
    ``occurred_from`` is inclusive and ``occurred_to`` exclusive."""
    events = AuditEvent.objects.filter(agency_id__in=list(agency_ids))
    if event_type.endswith("."):
        events = events.filter(event_type__startswith=event_type)
    elif event_type:
        events = events.filter(event_type=event_type)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if occurred_from is not None:
        events = events.filter(occurred_at__gte=occurred_from)
    if occurred_to is not None:
        events = events.filter(occurred_at__lt=occurred_to)
    return events.order_by("-seq")


def audit_event_list_for_object(
    *, object_type: str, object_id: str | int
) -> QuerySet[AuditEvent]:
    """Events about one object (``object_type`` = ``app_label.model_name``), newest
    first."""
    return AuditEvent.objects.filter(
        object_type=object_type, object_id=str(object_id)
    ).order_by("-seq")
