"""Notification writes: request (inside the caller's transaction) and deliver (the
outbox handler's work). Conventions §5, §6."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.utils import timezone

from congso.audit.services import audit_record
from congso.core.models import OutboxMessage
from congso.core.outbox import OutboxUsageError, outbox_publish
from congso.notifications.addresses import (
    email_normalise,
    mask_address,
    phone_normalise,
    zalo_id_normalise,
)
from congso.notifications.constants import (
    AUDIT_FAILED,
    AUDIT_SENT,
    TOPIC_DELIVER,
    Channel,
    NotificationStatus,
)
from congso.notifications.errors import NotificationTemplateMissing
from congso.notifications.models import Notification
from congso.notifications.providers.base import (
    DeliveryError,
    DeliveryResult,
    OutgoingMessage,
    PermanentDeliveryError,
)
from congso.notifications.providers.registry import (
    notification_provider_get,
    provider_name_for,
)
from congso.notifications.rendering import lookup_url_for, render_notification

logger = logging.getLogger(__name__)
ERROR_MAX = 2000


@dataclass(frozen=True)
class Recipient:
    """A citizen to notify. Blank addresses are skipped; a non-blank invalid one
    raises :class:`~congso.notifications.errors.InvalidAddressError`."""

    name: str = ""
    email: str = ""
    phone: str = ""
    zalo_id: str = ""

    def addresses(self) -> list[tuple[Channel, str]]:
        """``(channel, normalised address)`` for every address given."""
        found: list[tuple[Channel, str]] = []
        if self.email.strip():
            found.append((Channel.EMAIL, email_normalise(self.email)))
        if self.phone.strip():
            found.append((Channel.SMS, phone_normalise(self.phone)))
        if self.zalo_id.strip():
            found.append((Channel.ZALO, zalo_id_normalise(self.zalo_id)))
        return found


def notification_request(
    *,
    event: str,
    object_type: str,
    object_id: str,
    recipients: Sequence[Recipient],
    context: Mapping[str, object],
) -> list[Notification]:
    """Queue one notification per recipient and enabled channel with an address,
    rendered now, each with its own ``notifications.deliver`` outbox message.

    Call it inside the caller's transaction (``outbox_publish`` asserts so): the
    notifications exist exactly when the decision they announce commits. Context
    keys used by the templates: ``dossier_code``, ``procedure_name``,
    ``appointment_at``, ``reason``, ``new_date``, ``agency_name``, ``lookup_url``
    (default: the portal lookup page on ``CONGSO_PUBLIC_BASE_URL``); plus
    ``recipient_name`` and ``site_name``, filled in here."""
    if not transaction.get_connection().in_atomic_block:
        raise OutboxUsageError(
            "notification_request() must run inside the caller's transaction."
        )
    enabled = set(settings.NOTIFICATIONS_CHANNELS)
    base = {
        "site_name": settings.SITE_NAME,
        "lookup_url": lookup_url_for(object_type, object_id),
        **context,
    }
    planned = [
        (recipient, channel, address)
        for recipient in recipients
        for channel, address in recipient.addresses()
        if channel in enabled
    ]
    created: list[Notification] = []
    templates_seen = False
    for recipient, channel, address in planned:
        try:
            rendered = render_notification(
                event=event,
                channel=channel,
                context={**base, "recipient_name": recipient.name},
            )
        except TemplateDoesNotExist:
            logger.info("No %s template for notification event %s", channel, event)
            continue
        templates_seen = True
        notification = Notification(
            id=uuid.uuid4(),
            object_type=object_type,
            object_id=str(object_id),
            event=event,
            channel=channel,
            recipient_name=recipient.name,
            address=address,
            subject=rendered.subject,
            body=rendered.body,
        )
        message = outbox_publish(
            topic=TOPIC_DELIVER, payload={"notification_id": str(notification.id)}
        )
        notification.outbox_message_id = message.id
        notification.save(force_insert=True)
        created.append(notification)
    if planned and not templates_seen:
        raise NotificationTemplateMissing(f"No template for event {event!r}.")
    return created


def _attempt_number(message_id: uuid.UUID | None) -> int:
    """This delivery's attempt, counting from 1, from the outbox message."""
    if message_id is None:
        return 1
    done = (
        OutboxMessage.objects.filter(id=message_id)
        .values_list("attempts", flat=True)
        .first()
    )
    return (done or 0) + 1


def notification_deliver(
    *, notification_id: uuid.UUID, message_id: uuid.UUID | None = None
) -> Notification:
    """Send one queued notification through its channel's provider (idempotent).

    - Not queued any more (sent, failed, given up): nothing happens.
    - Success: ``sent`` with the provider's message id.
    - :class:`PermanentDeliveryError`: ``failed``, not retried.
    - Any other error: raised, so the outbox retries with back-off; on the outbox's
      last attempt (``CONGSO_OUTBOX_MAX_ATTEMPTS``) the notification is marked
      ``dead`` instead and the error is not raised, so the outcome is recorded.

    The state is read, the provider called, then the result written in its own
    short transaction. Under the outbox the whole runs inside the delivery
    transaction (``outbox_deliver_one``), so providers keep their timeouts short
    (``CONGSO_NOTIFICATIONS_TIMEOUT``)."""
    notification = Notification.objects.get(pk=notification_id)
    if notification.status != NotificationStatus.QUEUED:
        return notification
    attempt = _attempt_number(message_id)
    provider = notification_provider_get(notification.channel)
    outgoing = OutgoingMessage(
        idempotency_key=str(notification.id),
        channel=notification.channel,
        address=notification.address,
        recipient_name=notification.recipient_name,
        subject=notification.subject,
        body=notification.body,
        attempt=attempt,
    )
    try:
        result = provider.send(outgoing)
    except PermanentDeliveryError as exc:
        return _record(notification, NotificationStatus.FAILED, attempt, error=exc)
    except Exception as exc:
        if attempt < settings.OUTBOX_MAX_ATTEMPTS:
            if not isinstance(exc, DeliveryError):
                logger.exception("Notification %s: provider error", notification.id)
            raise
        return _record(notification, NotificationStatus.DEAD, attempt, error=exc)
    return _record(notification, NotificationStatus.SENT, attempt, result=result)


@transaction.atomic
def _record(
    notification: Notification,
    status: NotificationStatus,
    attempt: int,
    *,
    result: DeliveryResult | None = None,
    error: BaseException | None = None,
) -> Notification:
    now: datetime = timezone.now()
    fields: dict[str, object] = {
        "status": status,
        "attempts": attempt,
        "provider": provider_name_for(notification.channel),
        "error": str(error)[:ERROR_MAX] if error else "",
    }
    if result is not None:
        fields.update(provider_message_id=result.provider_message_id, sent_at=now)
    changed = Notification.objects.filter(
        pk=notification.pk, status=NotificationStatus.QUEUED
    ).update(**fields)
    if changed:
        audit_record(
            event_type=AUDIT_SENT
            if status == NotificationStatus.SENT
            else AUDIT_FAILED,
            actor=None,
            object_type=notification.object_type,
            object_id=notification.object_id,
            data={
                "notification_id": str(notification.pk),
                "event": notification.event,
                "channel": notification.channel,
                "address": mask_address(notification.address),
                "status": status.value,
                "attempts": attempt,
            },
        )
    notification.refresh_from_db()
    return notification


@transaction.atomic
def notification_retry(*, notification_id: uuid.UUID) -> Notification:
    """Queue a failed or given-up notification again (an operator's action after
    fixing the cause), with a fresh outbox message."""
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    if notification.status not in (NotificationStatus.FAILED, NotificationStatus.DEAD):
        return notification
    message = outbox_publish(
        topic=TOPIC_DELIVER, payload={"notification_id": str(notification.id)}
    )
    notification.status = NotificationStatus.QUEUED
    notification.outbox_message_id = message.id
    notification.error = ""
    notification.save(update_fields=["status", "outbox_message_id", "error"])
    return notification
