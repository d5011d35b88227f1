"""Outbox topic handlers of the notifications app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.notifications.constants import TOPIC_DELIVER
from congso.notifications.services import notification_deliver


@outbox_handler(TOPIC_DELIVER)
def notification_deliver_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: a notification no longer queued is not sent again; the
    notification id is the provider's idempotency key."""
    notification_deliver(
        notification_id=UUID(str(payload["notification_id"])), message_id=message_id
    )
