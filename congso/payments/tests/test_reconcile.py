"""Reconciliation: the gateway's query settles what the notification missed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from congso.audit.models import AuditEvent
from congso.core.models import OutboxMessage
from congso.payments.constants import PaymentStatus
from congso.payments.contrib.simulator.provider import (
    NOTIFICATION_TOPIC,
    simulator_get,
    simulator_notification_schedule,
)
from congso.payments.models import Receipt
from congso.payments.services import COMPLETED_TOPIC, payment_reconcile
from congso.payments.tests.helpers import pay, start

pytestmark = pytest.mark.django_db


def test_notification_never_sent_is_found_by_reconciliation(make_order: Any):
    """Marker …111: no notification, the payer closed the browser; the query
    settles the order, once."""
    order = make_order(amount=50_111)
    pay(order)
    sim = simulator_get().get(order.txn_ref)
    assert sim is not None
    assert simulator_notification_schedule(sim) == 0
    assert not OutboxMessage.objects.filter(topic=NOTIFICATION_TOPIC).exists()
    assert payment_reconcile() == 0  # too recent
    later = timezone.now() + timedelta(minutes=16)
    assert payment_reconcile(now=later) == 1
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID
    assert order.events.get().kind == "query"
    assert Receipt.objects.filter(order=order).count() == 1
    assert payment_reconcile(now=later) == 0
    assert OutboxMessage.objects.filter(topic=COMPLETED_TOPIC).count() == 1


def test_abandoned_payment_expires(make_order: Any):
    """Sent to the gateway, never decided: expired once the window has passed."""
    order = make_order()
    simulator_get().session_open(start(order))
    assert payment_reconcile(now=timezone.now() + timedelta(minutes=10)) == 0
    assert payment_reconcile(now=timezone.now() + timedelta(minutes=20)) == 1
    order.refresh_from_db()
    assert order.status == PaymentStatus.EXPIRED
    assert AuditEvent.objects.filter(
        event_type="payments.payment_order.expired", object_id=str(order.pk)
    ).exists()


def test_never_redirected_order_is_left_alone(make_order: Any):
    """An order not yet sent to the gateway is not queried."""
    order = make_order()
    assert payment_reconcile(now=timezone.now() + timedelta(days=1)) == 0
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING


def test_failed_payment_found_by_reconciliation(make_order: Any):
    order = make_order(amount=20_111)
    pay(order, "failure")
    assert payment_reconcile(now=timezone.now() + timedelta(minutes=16)) == 1
    order.refresh_from_db()
    assert order.status == PaymentStatus.FAILED
