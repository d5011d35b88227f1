"""The demo SMS provider: a simulator of a brandname SMS gateway. Messages are
written to :class:`~congso.notifications.models.DemoMessage` and shown to staff
at ``/notifications/demo-outbox/`` instead of reaching a phone.

Simulator markers (the last four digits of the number, deterministic):

- ``…0000``: the first attempt fails (gateway busy), later attempts succeed;
- ``…9999``: every attempt fails (the outbox retries, then gives up);
- ``…1111``: refused for good (unknown subscriber), never retried.

The idempotency key is honoured: sending the same notification again returns the
first message's id and stores nothing new."""

from __future__ import annotations

from django.conf import settings

from congso.notifications.constants import Channel
from congso.notifications.models import DemoMessage
from congso.notifications.providers.base import (
    DeliveryError,
    DeliveryResult,
    OutgoingMessage,
    PermanentDeliveryError,
)
from congso.notifications.text import sms_segments

FAIL_ONCE = "0000"
FAIL_ALWAYS = "9999"
REFUSE = "1111"


def simulate_markers(address: str, attempt: int) -> None:
    """Raise the failure the markers above ask for, if any."""
    if address.endswith(REFUSE):
        raise PermanentDeliveryError(f"Simulator: {address} is not a subscriber.")
    if address.endswith(FAIL_ALWAYS):
        raise DeliveryError(f"Simulator: gateway unavailable (attempt {attempt}).")
    if address.endswith(FAIL_ONCE) and attempt <= 1:
        raise DeliveryError("Simulator: gateway busy on the first attempt.")


def demo_store(
    message: OutgoingMessage, *, provider: str, sender: str, segments: int
) -> DeliveryResult:
    row, _created = DemoMessage.objects.get_or_create(
        idempotency_key=message.idempotency_key,
        defaults={
            "channel": message.channel,
            "provider": provider,
            "sender": sender,
            "address": message.address,
            "body": message.body,
            "segments": segments,
        },
    )
    return DeliveryResult(provider_message_id=f"{provider}-{row.pk}")


class DemoSmsProvider:
    name = "demo_sms"
    channel = Channel.SMS.value

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        simulate_markers(message.address, message.attempt)
        return demo_store(
            message,
            provider=self.name,
            sender=settings.NOTIFICATIONS_SMS_BRANDNAME,
            segments=sms_segments(message.body),
        )
