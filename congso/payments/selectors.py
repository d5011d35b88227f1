"""Reads of the payments app."""

from __future__ import annotations

import hmac

from django.db.models import QuerySet
from django.urls import reverse

from congso.payments.models import PaymentOrder, Receipt


def payment_order_for_payer(*, txn_ref: str, key: str) -> PaymentOrder | None:
    """The order if ``key`` is its access key (constant-time), else ``None``."""
    order = PaymentOrder.objects.filter(txn_ref=txn_ref).first()
    if order is None or not hmac.compare_digest(order.access_key, key or ""):
        return None
    return order


def receipt_for_payer(*, number: str, key: str) -> Receipt | None:
    receipt = Receipt.objects.select_related("order").filter(number=number).first()
    if receipt is None or not hmac.compare_digest(receipt.order.access_key, key or ""):
        return None
    return receipt


def receipt_for_order(order: PaymentOrder) -> Receipt | None:
    return Receipt.objects.filter(order=order).first()


def payment_orders_for_object(
    *, object_type: str, object_id: str
) -> QuerySet[PaymentOrder]:
    """The orders of one object (a dossier), newest first, with their receipts:
    what the upper app shows as the payment status."""
    return PaymentOrder.objects.filter(
        object_type=object_type, object_id=object_id
    ).select_related("receipt")


def payment_order_url(order: PaymentOrder) -> str:
    """The payer's page of the order (amount, "Pay online"), with its key."""
    path = reverse("payments:order-detail", kwargs={"txn_ref": order.txn_ref})
    return f"{path}?key={order.access_key}"


def receipt_url(receipt: Receipt, order: PaymentOrder) -> str:
    path = reverse("payments:receipt-download", kwargs={"number": receipt.number})
    return f"{path}?key={order.access_key}"
