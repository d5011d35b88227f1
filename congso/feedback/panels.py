"""Home-page work panels: the feedback queue of officials, a citizen's feedback."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.core.panels import PanelItem, WorkPanel
from congso.feedback import selectors

TONES = {selectors.Queue.DUE_SOON: "warn", selectors.Queue.OVERDUE: "danger"}
LABELS = {
    selectors.Queue.NEW: _("New"),
    selectors.Queue.DUE_SOON: _("Due soon"),
    selectors.Queue.OVERDUE: _("Overdue"),
}


def feedback_queue_panel(request: HttpRequest) -> WorkPanel | None:
    """Leaders and desks: new, due-soon and overdue feedback."""
    user = request.user
    if not isinstance(user, User) or not selectors.is_feedback_official(user):
        return None
    counts = selectors.feedback_queue_counts(user=user)
    base = reverse("feedback:queue")
    return WorkPanel(
        title=_("Feedback and recommendations"),
        items=[
            PanelItem(
                label=label,
                value=counts.get(queue, 0),
                url=f"{base}?queue={queue}",
                tone=TONES.get(queue, "") if counts.get(queue) else "",
            )
            for queue, label in LABELS.items()
        ],
        order=40,
    )


def citizen_feedback_panel(request: HttpRequest) -> WorkPanel | None:
    """Citizens: their feedback and the dossiers waiting for a rating."""
    user = request.user
    if not isinstance(user, User) or selectors.is_official(user):
        return None
    return WorkPanel(
        title=_("My feedback"),
        items=[
            PanelItem(
                label=_("Feedback sent"),
                value=selectors.feedback_list_for_citizen(user=user).count(),
                url=reverse("feedback:my-list"),
            ),
            PanelItem(
                label=_("Finished dossiers to rate"),
                value=selectors.dossier_list_to_rate(user=user).count(),
                url=reverse("feedback:my-list"),
            ),
        ],
        order=10,
    )
