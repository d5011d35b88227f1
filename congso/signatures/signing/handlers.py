"""Outbox topic handlers of the signing service (thin). Registered from
``SignaturesConfig.ready()`` through :mod:`congso.signatures.signing.setup`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.signatures.signing.constants import TOPIC_REQUEST_SUBMIT
from congso.signatures.signing.requests import signing_request_submit


@outbox_handler(TOPIC_REQUEST_SUBMIT)
def signing_request_submit_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Idempotent: a request already sent or finished is left alone, and the
    request id is the provider's idempotency key."""
    signing_request_submit(request_id=UUID(str(payload["request_id"])))
