"""Driving the simulated gateway in tests."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from django.utils import timezone

from congso.payments.contrib.simulator.provider import simulator_get
from congso.payments.models import PaymentOrder
from congso.payments.services import payment_start


def start(order: PaymentOrder) -> dict[str, str]:
    """Start the payment; the signed redirect's parameters."""
    url = payment_start(
        order=order,
        return_url="http://testserver/payments/return/",
        client_ip="127.0.0.1",
    )
    return dict(parse_qsl(urlsplit(url).query))


def pay(order: PaymentOrder, decision: str = "success") -> dict[str, str]:
    """Start, open the simulator's page and decide: the signed result."""
    sim = simulator_get()
    sim.session_open(start(order))
    return dict(sim.decide(order.txn_ref, decision, now=timezone.now()).result)
