"""What the citizen is told about their feedback: acceptance, refusal, a request
for information and the answer, through ``notifications`` (the templates live in
this app, ``templates/notifications/feedback.*``)."""

from __future__ import annotations

import logging
from typing import Final

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from congso.core.errors import ApplicationError
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.models import Feedback
from congso.notifications.services import Recipient, notification_request

logger = logging.getLogger(__name__)

OBJECT_TYPE: Final = "feedback.feedback"
EVENT_ACCEPTED: Final = "feedback.accepted"
EVENT_REFUSED: Final = "feedback.refused"
EVENT_SUPPLEMENT_REQUESTED: Final = "feedback.supplement_requested"
EVENT_ANSWERED: Final = "feedback.answered"
#: The milestones the citizen is told about, by the action that reaches them.
EVENTS: Final[dict[str, str]] = {
    A.ACCEPT: EVENT_ACCEPTED,
    A.REFUSE: EVENT_REFUSED,
    A.REQUEST_SUPPLEMENT: EVENT_SUPPLEMENT_REQUESTED,
    A.ANSWER: EVENT_ANSWERED,
}


def detail_url(item: Feedback) -> str:
    """The citizen's page of the item on ``CONGSO_PUBLIC_BASE_URL`` (or "")."""
    if not settings.PUBLIC_BASE_URL:
        return ""
    path = reverse("feedback:my-detail", kwargs={"code": item.code})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def citizen_notify(*, item: Feedback, action: str, agency_name: str) -> None:
    """Queue the citizen's messages for ``action`` on every address they gave;
    an address the providers refuse is logged and skipped (savepoint)."""
    event = EVENTS.get(action)
    if event is None or not (item.contact_email or item.contact_phone):
        return
    reason = {
        A.REFUSE: item.refusal_reason,
        A.REQUEST_SUPPLEMENT: item.supplement_request,
    }.get(A(action), "")
    context = {
        "feedback_code": item.code,
        "feedback_title": item.title,
        "agency_name": agency_name,
        "reason": reason,
        "due_at": item.handling_due_at,
        "lookup_url": detail_url(item),
    }
    recipient = Recipient(
        name=item.contact_name, email=item.contact_email, phone=item.contact_phone
    )
    try:
        with transaction.atomic():
            notification_request(
                event=event,
                object_type=OBJECT_TYPE,
                object_id=item.code,
                recipients=[recipient],
                context=context,
            )
    except ApplicationError as exc:
        logger.warning("Feedback %s: notification not queued: %s", item.code, exc)
