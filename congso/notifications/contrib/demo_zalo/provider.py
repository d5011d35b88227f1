"""The demo Zalo provider: a simulator of a Zalo Official Account. Messages are
written to :class:`~congso.notifications.models.DemoMessage` and shown to staff at
``/notifications/demo-outbox/``.

Simulator markers (the last four characters of the Zalo user id, deterministic):
``…0000`` fails on the first attempt only, ``…9999`` always fails (retried, then
given up), ``…1111`` is refused for good (the user does not follow the OA).
The idempotency key is honoured."""

from __future__ import annotations

from django.conf import settings

from congso.notifications.constants import Channel
from congso.notifications.contrib.demo_sms.provider import demo_store, simulate_markers
from congso.notifications.providers.base import DeliveryResult, OutgoingMessage


class DemoZaloProvider:
    name = "demo_zalo"
    channel = Channel.ZALO.value

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        simulate_markers(message.address, message.attempt)
        return demo_store(
            message,
            provider=self.name,
            sender=settings.NOTIFICATIONS_ZALO_OA_NAME,
            segments=1,
        )
