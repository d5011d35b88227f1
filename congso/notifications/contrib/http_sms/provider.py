"""A generic JSON SMS gateway with a brandname (tin nhắn thương hiệu).

Request (``POST CONGSO_NOTIFICATIONS_SMS_URL``, header
``Authorization: Bearer CONGSO_NOTIFICATIONS_SMS_TOKEN`` and
``Idempotency-Key: <notification id>``)::

    {"brandname": "UBND-HUE", "to": "84905123678", "message": "Ho so ...",
     "request_id": "<notification id>", "unicode": false}

Answer: a 2xx JSON object with ``message_id`` (or ``id``). A 4xx answer (but
408/409/425/429) is a permanent refusal; 5xx, timeouts and network errors are
retried by the outbox. Most Vietnamese gateways (Viettel, VNPT, FPT, eSMS…) take
this shape with different field names: adapt the field names in a copy of this
package rather than in the service."""

from __future__ import annotations

from django.conf import settings

from congso.notifications.constants import Channel
from congso.notifications.contrib.http_json import post_json
from congso.notifications.providers.base import (
    DeliveryError,
    DeliveryResult,
    OutgoingMessage,
)


class HttpSmsProvider:
    name = "http_sms"
    channel = Channel.SMS.value

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        token = settings.NOTIFICATIONS_SMS_TOKEN
        answer = post_json(
            settings.NOTIFICATIONS_SMS_URL,
            {
                "brandname": settings.NOTIFICATIONS_SMS_BRANDNAME,
                "to": message.address.removeprefix("+"),
                "message": message.body,
                "request_id": message.idempotency_key,
                "unicode": False,
            },
            headers={
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": message.idempotency_key,
            },
            timeout=settings.NOTIFICATIONS_TIMEOUT,
        )
        message_id = answer.get("message_id") or answer.get("id")
        if not message_id:
            raise DeliveryError(f"SMS gateway gave no message id: {answer!r}")
        return DeliveryResult(provider_message_id=str(message_id))
