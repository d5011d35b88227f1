"""The simulator as a payment provider (``simulator``, the default). It is the
VNPAY-style adapter with the simulator's terminal and secret, whose pay page is
``/payments/sim/pay/`` and whose query is answered in-process (a single-threaded
development server never waits on itself).

**Notifications go through the outbox.** A real gateway calls our IPN URL from
its servers. The simulator records the signed notification as an outbox message
(``payments.simulator_notification``) in the same step as the customer's
decision; its handler delivers the parameters to
:func:`congso.payments.services.payment_notification_handle`, the function the
IPN view calls. So the notification arrives after the browser return, retried
by the outbox like a gateway retries, and nothing depends on the server being
able to reach its own public address (a sync worker POSTing to itself would
deadlock; behind a proxy the address may not resolve)."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from congso.core.outbox import outbox_publish
from congso.payments.constants import PaymentChannel
from congso.payments.contrib.simulator.gateway import PaymentSimulator, SimTransaction
from congso.payments.contrib.vnpay_style.provider import (
    GatewayConfig,
    VnpayStyleProvider,
)
from congso.payments.providers.base import GatewayUnavailable

TERMINAL = "CONGSOSIM"
NOTIFICATION_TOPIC = "payments.simulator_notification"


def simulator_secret() -> str:
    """The simulated terminal's secret, derived from the Django secret key."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"congso.payments.simulator", hashlib.sha256
    ).hexdigest()


def simulator_get() -> PaymentSimulator:
    return PaymentSimulator(
        Path(settings.PAYMENTS_SIM_DIR), terminal=TERMINAL, secret=simulator_secret()
    )


@transaction.atomic
def simulator_notification_schedule(sim: SimTransaction) -> int:
    """Queue the gateway's notification(s) of a decided transaction; deciding
    again queues nothing more. Returns how many messages were queued."""
    for copy in range(sim.notifications):
        outbox_publish(
            topic=NOTIFICATION_TOPIC,
            payload={"params": sim.result},
            dedup_key=f"{NOTIFICATION_TOPIC}:{sim.txn_ref}:{copy}",
        )
    return sim.notifications


class SimulatorProvider(VnpayStyleProvider):
    name = "simulator"
    label = "Cổng thanh toán mô phỏng"
    channel: int = PaymentChannel.PROVINCIAL_GATEWAY

    def config(self) -> GatewayConfig:
        return GatewayConfig(
            terminal=TERMINAL,
            secret=simulator_secret(),
            pay_url=reverse("payments:sim-pay"),
            query_url="",
        )

    def post_query(self, config: GatewayConfig, body: dict[str, str]) -> dict[str, Any]:
        from congso.payments.contrib.simulator.gateway import SimulatorError

        try:
            return simulator_get().query_answer(body, now=timezone.now())
        except SimulatorError as error:
            raise GatewayUnavailable(str(error)) from None
