"""Notifications and the demo providers' outbox."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.notifications.constants import Channel, NotificationStatus


class Notification(models.Model):
    """One message (thông báo) to one recipient on one channel about one object,
    such as a dossier (``"dossiers.dossier"`` and its code). The text is rendered
    when the notification is requested and kept as sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=100)
    event = models.CharField(_("event"), max_length=60)
    channel = models.CharField(
        pgettext_lazy("notification", "channel"), max_length=10, choices=Channel.choices
    )
    recipient_name = models.CharField(
        pgettext_lazy("notification", "recipient"), max_length=200, blank=True
    )
    address = models.CharField(_("address"), max_length=254)
    subject = models.CharField(
        pgettext_lazy("notification", "subject"), max_length=250, blank=True
    )
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    provider = models.CharField(_("provider"), max_length=40, blank=True)
    provider_message_id = models.CharField(
        _("provider message id"), max_length=200, blank=True
    )
    #: The outbox message that delivers it (for the retry state shown in history).
    outbox_message_id = models.UUIDField(_("outbox message"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["object_type", "object_id", "created_at"],
                name="notif_object_idx",
            ),
            models.Index(fields=["status", "created_at"], name="notif_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.channel} ({self.status})"


class DemoMessage(models.Model):
    """What the demo SMS and Zalo providers "sent" (tin nhắn mô phỏng): shown to
    staff at ``/notifications/demo-outbox/`` instead of reaching a phone."""

    id = models.BigAutoField(primary_key=True)
    channel = models.CharField(
        pgettext_lazy("notification", "channel"), max_length=10, choices=Channel.choices
    )
    provider = models.CharField(_("provider"), max_length=40)
    sender = models.CharField(_("sender"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=254)
    body = models.TextField(_("body"))
    segments = models.PositiveSmallIntegerField(_("segments"), default=1)
    #: The platform's idempotency key: a re-sent notification is not stored twice.
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=100, unique=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("demo message")
        verbose_name_plural = _("demo messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.address}"
