"""Outbox handlers of the payments app (thin).

``payments.payment_completed`` is published here but handled by the upper app
(dossiers): its one handler is not registered in payments."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.payments.services import payment_notification_handle

logger = logging.getLogger(__name__)


class NotificationNotConfirmed(Exception):  # noqa: N818  # reads as a state
    """Our IPN answered 99: retry, as the gateway would."""


@outbox_handler("payments.simulator_notification")
def simulator_notification_deliver(message_id: UUID, payload: dict[str, Any]) -> None:
    """Deliver the simulated gateway's notification to our IPN handler (see
    ``contrib/simulator/provider.py`` for why it travels through the outbox)."""
    answer = payment_notification_handle(params=payload["params"])
    logger.info("Simulated notification %s answered %s", message_id, answer)
    if answer.get("RspCode") == "99":
        raise NotificationNotConfirmed(str(answer))
