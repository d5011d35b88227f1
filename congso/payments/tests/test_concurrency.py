"""The browser return and the notification arriving at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection

from congso.core.models import OutboxMessage
from congso.payments.constants import PaymentStatus
from congso.payments.models import PaymentOrder, Receipt
from congso.payments.services import (
    COMPLETED_TOPIC,
    payment_notification_handle,
    payment_return_handle,
)
from congso.payments.tests.helpers import pay


@pytest.mark.django_db(transaction=True)
def test_concurrent_return_and_notification_pay_once(make_order: Any):
    """Two threads settle the same payment: one paid state, one receipt, one
    outbox message, and the notification is answered 00 or 02."""
    order = make_order()
    result = pay(order)

    def via_return() -> str:
        try:
            return str(payment_return_handle(params=result).status)
        finally:
            connection.close()

    def via_notification() -> str:
        try:
            return payment_notification_handle(params=result)["RspCode"]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        returned = pool.submit(via_return)
        notified = pool.submit(via_notification)
        assert returned.result(timeout=60) == PaymentStatus.PAID
        assert notified.result(timeout=60) in {"00", "02"}
    assert PaymentOrder.objects.get(pk=order.pk).status == PaymentStatus.PAID
    assert Receipt.objects.filter(order=order).count() == 1
    assert OutboxMessage.objects.filter(topic=COMPLETED_TOPIC).count() == 1
    outcomes = sorted(order.events.values_list("outcome", flat=True))
    assert outcomes == ["already_settled", "paid"]
