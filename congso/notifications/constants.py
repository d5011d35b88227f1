"""Choices and event keys of the notifications app."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The outbox topic of one delivery; payload ``{"notification_id": "<uuid>"}``.
TOPIC_DELIVER: Final = "notifications.deliver"

EVENT_SUBMITTED: Final = "dossier.submitted"
EVENT_RECEIVED: Final = "dossier.received"
EVENT_SUPPLEMENT_REQUESTED: Final = "dossier.supplement_requested"
EVENT_REFUSED: Final = "dossier.refused"
EVENT_RESULT_READY: Final = "dossier.result_ready"
EVENT_APOLOGISED: Final = "dossier.apologised"

#: Labels of the known events (other keys are shown as they are).
EVENT_LABELS: Final[dict[str, Promise]] = {
    EVENT_SUBMITTED: _("Dossier submitted online"),
    EVENT_RECEIVED: _("Dossier received"),
    EVENT_SUPPLEMENT_REQUESTED: _("Supplement requested"),
    EVENT_REFUSED: _("Dossier refused"),
    EVENT_RESULT_READY: _("Result ready"),
    EVENT_APOLOGISED: _("Apology and new date"),
}


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")


class NotificationStatus(models.TextChoices):
    #: Waiting for its (first or next) delivery attempt.
    QUEUED = "queued", pgettext_lazy("notification status", "Queued")
    SENT = "sent", pgettext_lazy("notification status", "Sent")
    #: The provider refused it for good (invalid recipient): never retried.
    FAILED = "failed", pgettext_lazy("notification status", "Failed")
    #: Every attempt the outbox allows failed (``CONGSO_OUTBOX_MAX_ATTEMPTS``).
    DEAD = "dead", pgettext_lazy("notification status", "Gave up")


#: Audit event types.
AUDIT_SENT: Final = "notifications.notification.sent"
AUDIT_FAILED: Final = "notifications.notification.failed"
