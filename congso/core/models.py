"""Core models: the transactional outbox (conventions §6)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Delivered")
    DEAD = "dead", _("Dead")


class OutboxMessage(models.Model):
    """A side effect waiting to leave the transaction that decided it.

    Written by :func:`congso.core.outbox.outbox_publish` in the service's transaction
    and delivered at least once to the one handler of its ``topic``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(_("topic"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict)
    dedup_key = models.CharField(
        _("deduplication key"), max_length=200, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutboxStatus.choices,
        default=OutboxStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("available at"), default=timezone.now)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at"]
        indexes = [
            # The relay query: pending messages that are due, oldest first.
            models.Index(
                fields=["available_at"],
                name="core_outbox_due_idx",
                condition=models.Q(status="pending"),
            ),
            models.Index(fields=["status", "done_at"], name="core_outbox_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.id} ({self.status})"


from congso.core.search.models import SearchEntry  # noqa: E402, F401
