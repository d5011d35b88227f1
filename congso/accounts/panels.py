"""Home-page work panels contributed by the organisation app."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.rules import user_scope
from congso.accounts.selectors import agency_tree_get, role_assignment_list_for_user
from congso.calendar.selectors import calendar_day_list_effective
from congso.core.errors import ApplicationError
from congso.core.outbox.selectors import outbox_health
from congso.core.panels import PanelItem, WorkPanel


def my_roles_panel(request: HttpRequest) -> WorkPanel | None:
    """Every official: positions held today and where."""
    user = request.user
    if not isinstance(user, User):
        return None
    scope = user_scope(user)
    assignments = role_assignment_list_for_user(user=user, on=scope.on)
    if not assignments:
        return None
    tree = agency_tree_get(on=scope.on)
    items = [
        PanelItem(
            label=f"{a.position_title or a.get_role_display()} — "
            f"{tree.nodes[a.agency_id].name if a.agency_id in tree.nodes else ''}",
            value=str(a.get_role_display()),
            url=reverse("accounts:agency-detail", args=[a.agency_id]),
        )
        for a in assignments
    ]
    return WorkPanel(title=_("My positions"), items=items, order=10)


def system_panel(request: HttpRequest) -> WorkPanel | None:
    """System administrators: background delivery health."""
    user = request.user
    if not isinstance(user, User) or Role.SYSTEM_ADMIN not in user_scope(user).roles:
        return None
    health = outbox_health()
    return WorkPanel(
        title=_("Background jobs"),
        items=[
            PanelItem(_("Messages waiting"), health.pending),
            PanelItem(
                _("Messages overdue"),
                health.overdue,
                tone="warn" if health.overdue else "ok",
            ),
            PanelItem(
                _("Messages failed permanently"),
                health.dead,
                url=reverse("admin:core_outboxmessage_changelist")
                + "?status__exact=dead",
                tone="danger" if health.dead else "ok",
            ),
        ],
        order=90,
    )


def calendar_panel(request: HttpRequest) -> WorkPanel | None:
    """Every official: weekdays off and make-up working days of the next 60 days."""
    if not isinstance(request.user, User):
        return None
    today = user_scope(request.user).on
    horizon = today + timedelta(days=60)
    items: list[PanelItem] = []
    for year in sorted({today.year, horizon.year}):
        try:
            days = calendar_day_list_effective(year=year)
        except ApplicationError:
            continue
        items += [
            PanelItem(
                label=f"{d.date:%d/%m/%Y} — {d.name_vi}",
                value=str(
                    _("Make-up working day") if d.is_working_day else _("Day off")
                ),
                tone="warn" if d.is_working_day else "",
            )
            for d in days
            if today <= d.date <= horizon
        ]
    return WorkPanel(
        title=_("Working calendar, next 60 days"),
        items=items,
        note=_("Deadlines skip days off and count make-up working days."),
        order=80,
    )
