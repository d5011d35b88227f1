"""Outbox topic handlers of the dossiers app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.dossiers.services.citizen import dossier_payment_record
from congso.dossiers.services.results import (
    TOPIC_RESULT_SIGN,
    dossier_result_sign_by_id,
)
from congso.dossiers.warnings import TOPIC, deadline_warning_deliver


@outbox_handler(TOPIC)
def deadline_warning_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    deadline_warning_deliver(message_id=message_id, payload=payload)


@outbox_handler(TOPIC_RESULT_SIGN)
def result_sign_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: the signed copy of an attachment is made once."""
    dossier_result_sign_by_id(
        attachment_id=int(payload["attachment_id"]), actor_id=int(payload["actor_id"])
    )


@outbox_handler("payments.payment_completed")
def payment_completed_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: one payment row per payment order."""
    dossier_payment_record(payload=payload)
