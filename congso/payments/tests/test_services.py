"""Payment services against the simulated gateway: creation, the return/IPN
race, idempotency, refused notifications, failures, audit and outbox."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest

from congso.audit.models import AuditEvent
from congso.core.errors import ConflictError
from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.payments.constants import PaymentChannel, PaymentOutcome, PaymentStatus
from congso.payments.contrib.simulator.provider import simulator_secret
from congso.payments.models import PaymentEvent, PaymentOrder, Receipt
from congso.payments.providers import vnpay
from congso.payments.services import (
    COMPLETED_TOPIC,
    PaymentError,
    payment_notification_handle,
    payment_order_cancel,
    payment_order_create,
    payment_return_handle,
)
from congso.payments.tests.helpers import pay

pytestmark = pytest.mark.django_db

OK = {"RspCode": "00", "Message": "Confirm Success"}
ALREADY = {"RspCode": "02", "Message": "Order already confirmed"}


def _completed_messages() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(topic=COMPLETED_TOPIC))


def _audit_types(order: PaymentOrder) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_type="payments.paymentorder", object_id=str(order.pk)
        )
        .order_by("seq")
        .values_list("event_type", flat=True)
    )


@pytest.mark.parametrize("amount", [0, -50_000])
def test_amount_must_be_positive(amount: int):
    """An amount ≤ 0 is refused with a message, and nothing is stored."""
    with pytest.raises(PaymentError):
        payment_order_create(
            object_type="dossiers.dossier",
            object_id="X",
            amount=amount,
            description="Lệ phí",
            payer_name="A",
        )
    assert not PaymentOrder.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="payments.").exists()


def test_pending_order_is_reused(make_order: Any):
    """A second request for the same object and amount returns the pending order;
    another amount is a conflict until the first is cancelled."""
    first = make_order()
    assert make_order().pk == first.pk
    with pytest.raises(ConflictError):
        make_order(amount=60_000)
    payment_order_cancel(order=first)
    assert make_order(amount=60_000).pk != first.pk
    assert PaymentOrder.objects.count() == 2


def test_description_kept_in_vietnamese_nfc(make_order: Any):
    """Our record keeps the Vietnamese (NFC) text; the gateway gets it without marks."""
    order = payment_order_create(
        object_type="t.t",
        object_id="1",
        amount=1000,
        description="Le\u0302\u0323 phi\u0301",
        payer_name="",
    )
    assert order.description == "Lệ phí"
    assert vnpay.order_info(order.description) == "Le phi"


def test_return_then_notification(make_order: Any, completed: list[dict[str, Any]]):
    """The browser return marks paid with a receipt; the later notification is
    answered 02 and changes nothing; one outbox message is delivered once."""
    order = make_order()
    result = pay(order)
    returned = payment_return_handle(params=result)
    assert returned.status == PaymentStatus.PAID
    assert returned.channel == PaymentChannel.PROVINCIAL_GATEWAY
    assert returned.gateway_transaction_no == result["vnp_TransactionNo"]
    assert payment_notification_handle(params=result) == ALREADY
    assert payment_return_handle(params=result).status == PaymentStatus.PAID
    assert Receipt.objects.filter(order=order).count() == 1
    assert len(_completed_messages()) == 1
    outbox_drain()
    receipt = Receipt.objects.get(order=order)
    assert completed == [
        {
            "order_id": order.pk,
            "object_type": "dossiers.dossier",
            "object_id": order.object_id,
            "amount": 50_000,
            "channel": 2,
            "paid_at": returned.paid_at.astimezone(UTC).isoformat()
            if returned.paid_at
            else None,
            "receipt_number": receipt.number,
        }
    ]
    outcomes = list(order.events.values_list("kind", "outcome"))
    assert outcomes == [
        ("return", PaymentOutcome.PAID),
        ("notification", PaymentOutcome.ALREADY_SETTLED),
        ("return", PaymentOutcome.ALREADY_SETTLED),
    ]


def test_notification_then_return(make_order: Any):
    """The notification first: 00 and paid; the return finds it paid."""
    order = make_order()
    result = pay(order)
    assert payment_notification_handle(params=result) == OK
    assert payment_notification_handle(params=result) == ALREADY
    assert payment_return_handle(params=result).status == PaymentStatus.PAID
    assert Receipt.objects.count() == 1
    assert len(_completed_messages()) == 1
    assert _audit_types(order) == [
        "payments.payment_order.created",
        "payments.payment_order.started",
        "payments.payment_order.paid",
    ]
    assert AuditEvent.objects.filter(event_type="payments.receipt.issued").count() == 1


def test_wrong_amount_is_refused(make_order: Any):
    """Marker …333: the gateway reports another amount: 04, not paid."""
    order = make_order(amount=50_333)
    result = pay(order)
    assert payment_notification_handle(params=result) == {
        "RspCode": "04",
        "Message": "Invalid amount",
    }
    assert payment_return_handle(params=result).status == PaymentStatus.PENDING
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING
    assert not Receipt.objects.exists()
    assert not _completed_messages()


def test_bad_signature_is_refused(make_order: Any):
    """Marker …444: signed with a wrong key: 97, the return is an error, and the
    event is recorded without being linked to the order."""
    order = make_order(amount=50_444)
    result = pay(order)
    assert payment_notification_handle(params=result)["RspCode"] == "97"
    with pytest.raises(PaymentError):
        payment_return_handle(params=result)
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING
    events = PaymentEvent.objects.filter(txn_ref=order.txn_ref)
    assert [(e.signature_valid, e.order_id) for e in events] == [(False, None)] * 2


def test_unknown_order_is_01(make_order: Any):
    order = make_order()
    result = pay(order)
    result["vnp_TxnRef"] = "NOSUCHORDER"
    result["vnp_SecureHash"] = vnpay.sign(result, simulator_secret())
    assert payment_notification_handle(params=result)["RspCode"] == "01"


def test_notification_sent_twice(make_order: Any, completed: list[dict[str, Any]]):
    """Marker …222: two notifications; the first pays, the second is 02."""
    order = make_order(amount=50_222)
    pay(order)
    from congso.payments.contrib.simulator.provider import (
        simulator_get,
        simulator_notification_schedule,
    )

    sim = simulator_get().get(order.txn_ref)
    assert sim is not None
    assert simulator_notification_schedule(sim) == 2
    outbox_drain()
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID
    assert list(order.events.values_list("outcome", flat=True)) == [
        PaymentOutcome.PAID,
        PaymentOutcome.ALREADY_SETTLED,
    ]
    assert len(completed) == 1


@pytest.mark.parametrize(
    ("decision", "status"),
    [("failure", PaymentStatus.FAILED), ("cancel", PaymentStatus.CANCELLED)],
)
def test_failed_or_cancelled_payment(make_order: Any, decision: str, status: str):
    """A failed or cancelled payment ends the order without receipt or message;
    the next request creates a new order."""
    order = make_order()
    result = pay(order, decision)
    assert payment_return_handle(params=result).status == status
    assert payment_notification_handle(params=result) == ALREADY
    assert not Receipt.objects.exists()
    assert not _completed_messages()
    assert _audit_types(order)[-1] == f"payments.payment_order.{status}"
    assert make_order().pk != order.pk


def test_late_payment_settles_a_cancelled_order(make_order: Any):
    """Money the gateway confirms is recorded even if we had cancelled the order."""
    order = make_order()
    result = pay(order)
    payment_order_cancel(order=order)
    assert payment_notification_handle(params=result) == OK
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID
    assert Receipt.objects.filter(order=order).exists()
