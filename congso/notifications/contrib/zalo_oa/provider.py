"""Zalo Official Account messages (tin nhắn Zalo OA).

**Unverified against the real Zalo API**: the shape below follows Zalo's published
OA "consultation message" API (v3.0) as documented at the time of writing, and is
tested only against a local stub. Check the current documentation, the message
type your OA may send (consultation vs. transaction vs. ZNS template messages, and
their time windows and fees) and the token refresh flow before production use.

Request (``POST CONGSO_NOTIFICATIONS_ZALO_URL``, default
``https://openapi.zalo.me/v3.0/oa/message/cs``; header
``access_token: CONGSO_NOTIFICATIONS_ZALO_ACCESS_TOKEN``)::

    {"recipient": {"user_id": "<follower id>"}, "message": {"text": "Hồ sơ ..."}}

Answer: ``{"error": 0, "message": "Success", "data": {"message_id": "..."}}``;
a non-zero ``error`` is retried by the outbox."""

from __future__ import annotations

from django.conf import settings

from congso.notifications.constants import Channel
from congso.notifications.contrib.http_json import post_json
from congso.notifications.providers.base import (
    DeliveryError,
    DeliveryResult,
    OutgoingMessage,
)

#: Zalo's limit on the text of one message.
TEXT_MAX = 2000


class ZaloOaProvider:
    name = "zalo_oa"
    channel = Channel.ZALO.value

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        answer = post_json(
            settings.NOTIFICATIONS_ZALO_URL,
            {
                "recipient": {"user_id": message.address},
                "message": {"text": message.body[:TEXT_MAX]},
            },
            headers={"access_token": settings.NOTIFICATIONS_ZALO_ACCESS_TOKEN},
            timeout=settings.NOTIFICATIONS_TIMEOUT,
        )
        if answer.get("error") != 0:
            raise DeliveryError(
                f"Zalo error {answer.get('error')}: {answer.get('message')}"
            )
        data = answer.get("data")
        message_id = data.get("message_id") if isinstance(data, dict) else None
        if not message_id:
            raise DeliveryError(f"Zalo gave no message id: {answer!r}")
        return DeliveryResult(provider_message_id=str(message_id))
