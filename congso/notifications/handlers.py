"""Outbox topic handlers of the notifications app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction

from congso.core.outbox import outbox_handler
from congso.notifications.constants import TOPIC_DELIVER
from congso.notifications.models import Notification
from congso.notifications.services import (
    Recipient,
    notification_deliver,
    notification_request,
)


@outbox_handler(TOPIC_DELIVER)
def notification_deliver_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: a notification no longer queued is not sent again; the
    notification id is the provider's idempotency key."""
    notification_deliver(
        notification_id=UUID(str(payload["notification_id"])), message_id=message_id
    )


@outbox_handler("accounts.phone_code_requested")
def phone_code_sms_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """The SMS with a citizen's phone verification code (congso.accounts.citizens).
    Idempotent: one notification per verification row."""
    object_id = str(payload["verification_id"])
    with transaction.atomic():
        if Notification.objects.filter(
            object_type="accounts.phoneverification",
            object_id=object_id,
            event="accounts.phone_code",
        ).exists():
            return
        notification_request(
            event="accounts.phone_code",
            object_type="accounts.phoneverification",
            object_id=object_id,
            recipients=[
                Recipient(name=str(payload.get("name", "")), phone=payload["phone"])
            ],
            context={"code": payload["code"], "minutes": payload.get("minutes", "")},
        )
