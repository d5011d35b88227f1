"""The payment-gateway port (conventions §5): what Công Sở sends to a gateway and
what it gets back. Dataclasses only, never model instances.

The flow is the one Vietnamese gateways share (VNPAY, and the national portal's
Payment Platform in the same spirit): a **signed redirect** of the citizen's
browser to the gateway; the gateway's **signed browser return**; its **signed
server-to-server notification** (IPN), which the merchant answers in the
gateway's format; and a **query** by order reference for reconciliation."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


class GatewayStatus(enum.Enum):
    PAID = "paid"
    FAILED = "failed"
    CANCELLED = "cancelled"
    PENDING = "pending"
    NOT_FOUND = "not_found"


class NotificationAnswer(enum.Enum):
    """What the merchant tells the gateway about its notification."""

    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_SIGNATURE = "invalid_signature"
    ORDER_NOT_FOUND = "order_not_found"
    UNKNOWN_ERROR = "unknown_error"


@dataclass(frozen=True)
class GatewayOrder:
    """The order as the gateway sees it. ``amount`` in whole VND;
    ``description`` already in the gateway's allowed characters."""

    txn_ref: str
    amount: int
    description: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class GatewayResult:
    """A verified (or not: ``signature_valid``) statement of the gateway."""

    signature_valid: bool
    txn_ref: str
    status: GatewayStatus
    amount: int | None = None
    transaction_no: str = ""
    bank_code: str = ""
    paid_at: datetime | None = None
    response_code: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


class GatewayUnavailable(Exception):  # noqa: N818  # reads as a state
    """The gateway cannot be reached or answered nonsense; try again later."""


class PaymentProvider(Protocol):
    """A payment gateway. ``verify_*`` never raise on bad input: they return a
    result with ``signature_valid=False``."""

    name: str
    #: Shown to citizens and officials.
    label: str
    #: ``DuocThanhToanTrucTuyen``: 1 national Payment Platform, 2 local gateway.
    channel: int

    def payment_url(self, order: GatewayOrder, return_url: str, client_ip: str) -> str:
        """The signed address the citizen's browser is sent to."""
        ...

    def verify_return(self, params: Mapping[str, str]) -> GatewayResult: ...

    def verify_notification(self, params: Mapping[str, str]) -> GatewayResult: ...

    def notification_answer(self, answer: NotificationAnswer) -> dict[str, str]:
        """The body the gateway expects in reply to its notification."""
        ...

    def query(self, order: GatewayOrder) -> GatewayResult:
        """The gateway's record of the order; raises :class:`GatewayUnavailable`."""
        ...
