"""Home-page work panel of the documents app: what waits for the official."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.core.panels import PanelItem, WorkPanel
from congso.documents.selectors.access import document_scope_get
from congso.documents.selectors.documents import work_queues_get


def documents_panel(request: HttpRequest) -> WorkPanel | None:
    """Officials working in an agency: documents waiting for them, by kind."""
    user = request.user
    if not isinstance(user, User):
        return None
    scope = document_scope_get(user=user, on=timezone.localdate())
    if not scope.member_agency_ids:
        return None
    q = work_queues_get(user=user, scope=scope, today=scope.on)
    url = reverse("documents:work")
    rows = [
        (_("To direct"), q.to_direct.count(), ""),
        (_("To handle"), q.to_handle.count() + q.to_assign.count(), ""),
        (_("To review or sign"), q.to_review.count() + q.to_sign.count(), ""),
        (_("To issue"), q.to_issue.count() + q.to_submit.count(), ""),
        (_("Overdue"), q.overdue.count(), "danger"),
    ]
    return WorkPanel(
        title=_("Documents waiting"),
        items=[
            PanelItem(label=label, value=value, url=url, tone=tone if value else "")
            for label, value, tone in rows
        ],
        order=30,
    )
