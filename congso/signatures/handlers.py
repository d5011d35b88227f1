"""Outbox topic handlers of the signatures app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.signatures.constants import TOPIC_CERTIFICATE_REVOKED
from congso.signatures.services import certificate_revocation_publish


@outbox_handler(TOPIC_CERTIFICATE_REVOKED)
def certificate_revoked_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: the CA ignores a serial it has already revoked."""
    certificate_revocation_publish(certificate_id=int(payload["certificate_id"]))
