"""Home-page work panels of the dossiers app: counts per queue, deadline warnings."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.rules import user_scope
from congso.core.panels import PanelItem, WorkPanel
from congso.dossiers.models import DeadlineWarning
from congso.dossiers.selectors import (
    Queue,
    deadline_warning_list_for_user,
    dossier_queue_counts,
)

ONE_STOP_ROLES: frozenset[str] = frozenset(
    r.value
    for r in (
        Role.RECEPTION_OFFICER,
        Role.SPECIALIST,
        Role.UNIT_HEAD,
        Role.AGENCY_LEADER,
    )
)
TONES = {Queue.DUE_SOON: "warn", Queue.OVERDUE: "danger"}


def dossier_queues_panel(request: HttpRequest) -> WorkPanel | None:
    """Officials of the one-stop process: how many dossiers wait in each queue."""
    user = request.user
    if not isinstance(user, User) or not ONE_STOP_ROLES & user_scope(user).roles:
        return None
    counts = dossier_queue_counts(user=user)
    base = reverse("dossiers:dossier-list")
    items = [
        PanelItem(
            label=queue.label,
            value=counts.get(queue.value, 0),
            url=f"{base}?queue={queue.value}",
            tone=TONES.get(queue, "") if counts.get(queue.value) else "",
        )
        for queue in Queue
        if queue != Queue.ALL
    ]
    return WorkPanel(
        title=_("Dossiers waiting"),
        items=items,
        note=_("Due soon means an appointment within the next 2 days."),
        order=20,
    )


def deadline_warnings_panel(request: HttpRequest) -> WorkPanel | None:
    """Warnings of the last days for dossiers the official holds."""
    user = request.user
    if not isinstance(user, User):
        return None
    since = timezone.localdate() - timedelta(days=2)
    warnings = deadline_warning_list_for_user(user=user, since=since)
    if not warnings:
        return None
    return WorkPanel(
        title=_("Deadline warnings"),
        items=[
            PanelItem(
                label=w.dossier.code,
                value=str(w.get_kind_display()),
                url=reverse("dossiers:dossier-detail", args=[w.dossier.code]),
                tone="danger" if w.kind == DeadlineWarning.Kind.OVERDUE else "warn",
            )
            for w in warnings
        ],
        order=15,
    )
