"""The registry of payment gateways. ``CONGSO_PAYMENTS_PROVIDER`` selects the
one used for new payments (default ``simulator``); an order remembers the gateway
it was sent to, and reconciliation asks that one. Tests may register their own."""

from __future__ import annotations

from django.conf import settings

from congso.core.registry import Registry
from congso.payments.providers.base import PaymentProvider

payment_providers: Registry[PaymentProvider] = Registry("payment provider")


def _register_builtin() -> None:
    if "simulator" not in payment_providers:
        from congso.payments.contrib.simulator.provider import SimulatorProvider

        payment_providers.add("simulator", SimulatorProvider())
    if "vnpay_style" not in payment_providers:
        from congso.payments.contrib.vnpay_style.provider import VnpayStyleProvider

        payment_providers.add("vnpay_style", VnpayStyleProvider())


def payment_provider_get(name: str | None = None) -> PaymentProvider:
    """The provider registered as ``name``, by default the configured one
    (``LookupError`` if none)."""
    _register_builtin()
    return payment_providers.get(name or settings.PAYMENTS_PROVIDER)
