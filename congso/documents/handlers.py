"""Outbox topic handlers of the documents app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.documents.reminders import TOPIC as TOPIC_REMINDER
from congso.documents.reminders import reminder_deliver
from congso.documents.services.delivery import delivery_receive
from congso.documents.services.incoming import TOPIC_OCR
from congso.documents.services.issuance import TOPIC_DELIVER
from congso.documents.services.recognition import file_recognise


@outbox_handler(TOPIC_DELIVER)
def delivery_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: a delivery is registered at the recipient once."""
    delivery_receive(delivery_id=int(payload["delivery_id"]))


@outbox_handler(TOPIC_OCR)
def ocr_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: a file already recognised is left alone."""
    file_recognise(file_id=int(payload["file_id"]))


@outbox_handler(TOPIC_REMINDER)
def reminder_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: one reminder per assignment, recipient, kind and day."""
    reminder_deliver(payload=payload)
