"""Outbox topic handlers of the dossiers app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.dossiers.warnings import TOPIC, deadline_warning_deliver


@outbox_handler(TOPIC)
def deadline_warning_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    deadline_warning_deliver(message_id=message_id, payload=payload)
