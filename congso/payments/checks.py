"""System checks of the payments app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


@checks.register("payments")
def check_payments_provider(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The simulator lets anyone mark a fee paid: warn outside development."""
    if settings.PAYMENTS_PROVIDER == "simulator" and not settings.DEBUG:
        return [
            checks.Warning(
                "Payments use the gateway simulator: any payer can mark a fee paid.",
                hint="Set CONGSO_PAYMENTS_PROVIDER (and its URL, terminal, secret).",
                id="payments.W001",
            )
        ]
    return []
