"""A VNPAY-style gateway over HTTP (``vnpay_style``): the protocol of
:mod:`congso.payments.providers.vnpay` spoken to ``CONGSO_PAYMENTS_GATEWAY_URL``
(payment page) and ``CONGSO_PAYMENTS_QUERY_URL`` (query API) with the terminal
code and secret the gateway issued (``CONGSO_PAYMENTS_TERMINAL``,
``CONGSO_PAYMENTS_SECRET``). Not a certified integration: test it on the
gateway's sandbox first."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from congso.payments.constants import PaymentChannel
from congso.payments.providers import vnpay
from congso.payments.providers.base import (
    GatewayOrder,
    GatewayResult,
    GatewayUnavailable,
    NotificationAnswer,
)

QUERY_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class GatewayConfig:
    terminal: str
    secret: str
    pay_url: str
    query_url: str


class VnpayStyleProvider:
    name = "vnpay_style"
    label = "Cổng thanh toán (kiểu VNPAY)"
    channel: int = PaymentChannel.PROVINCIAL_GATEWAY

    def config(self) -> GatewayConfig:
        config = GatewayConfig(
            terminal=settings.PAYMENTS_TERMINAL,
            secret=settings.PAYMENTS_SECRET,
            pay_url=settings.PAYMENTS_GATEWAY_URL,
            query_url=settings.PAYMENTS_QUERY_URL,
        )
        if not (config.terminal and config.secret and config.pay_url):
            raise ImproperlyConfigured(
                "The vnpay_style gateway needs CONGSO_PAYMENTS_GATEWAY_URL, "
                "CONGSO_PAYMENTS_TERMINAL and CONGSO_PAYMENTS_SECRET."
            )
        return config

    def payment_url(self, order: GatewayOrder, return_url: str, client_ip: str) -> str:
        config = self.config()
        params = vnpay.pay_params(
            order, terminal=config.terminal, return_url=return_url, client_ip=client_ip
        )
        separator = "&" if "?" in config.pay_url else "?"
        return f"{config.pay_url}{separator}{vnpay.signed_query(params, config.secret)}"

    def verify_return(self, params: Mapping[str, str]) -> GatewayResult:
        config = self.config()
        return vnpay.result_from_params(
            params, terminal=config.terminal, secret=config.secret
        )

    def verify_notification(self, params: Mapping[str, str]) -> GatewayResult:
        return self.verify_return(params)

    def notification_answer(self, answer: NotificationAnswer) -> dict[str, str]:
        return dict(vnpay.IPN_ANSWERS[answer])

    def query(self, order: GatewayOrder) -> GatewayResult:
        config = self.config()
        body = vnpay.query_request(
            order,
            terminal=config.terminal,
            secret=config.secret,
            request_id=secrets.token_hex(16),
            now=timezone.now(),
            client_ip="127.0.0.1",
        )
        answer = self.post_query(config, body)
        return vnpay.result_from_query(
            answer,
            txn_ref=order.txn_ref,
            terminal=config.terminal,
            secret=config.secret,
        )

    def post_query(self, config: GatewayConfig, body: dict[str, str]) -> dict[str, Any]:
        if not config.query_url.startswith(("https://", "http://")):
            raise GatewayUnavailable("CONGSO_PAYMENTS_QUERY_URL is not set")
        request = urllib.request.Request(  # noqa: S310  # http(s) checked above
            config.query_url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310  # http(s) checked above
                request, timeout=QUERY_TIMEOUT_SECONDS
            ) as response:
                answer = json.loads(response.read())
        except (OSError, ValueError) as error:
            raise GatewayUnavailable(str(error)) from None
        if not isinstance(answer, dict):
            raise GatewayUnavailable("the query answer is not a JSON object")
        return answer
