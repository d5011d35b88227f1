"""The notification port (conventions §5): what Công Sở hands to an e-mail, SMS or
Zalo provider and what it gets back. Dataclasses only, never model instances.

A provider either returns a :class:`DeliveryResult` or raises:
:class:`DeliveryError` for a failure worth retrying (network, gateway busy), or
:class:`PermanentDeliveryError` when retrying cannot help (unknown subscriber).
Providers must accept the same ``idempotency_key`` again: delivery is at least once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    """One rendered notification. ``address`` is E.164 for SMS (``+84…``), an
    e-mail address, or a Zalo follower id; ``attempt`` counts from 1."""

    idempotency_key: str
    channel: str
    address: str
    recipient_name: str
    subject: str
    body: str
    attempt: int = 1


@dataclass(frozen=True)
class DeliveryResult:
    provider_message_id: str


class DeliveryError(Exception):
    """The message could not be delivered now; the outbox will try again."""


class PermanentDeliveryError(DeliveryError):
    """The provider refused the message for good; it is not retried."""


class NotificationProvider(Protocol):
    """An e-mail, SMS or Zalo sender."""

    #: Registry name, e.g. ``demo_sms``.
    name: str
    #: The channel it serves (``email``, ``sms``, ``zalo``).
    channel: str

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        """Deliver ``message`` or raise :class:`DeliveryError`."""
        ...
