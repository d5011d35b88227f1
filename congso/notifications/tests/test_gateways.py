"""The HTTP SMS and Zalo OA adapters against a stub gateway on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import transaction

from congso.core.outbox import outbox_drain
from congso.notifications.contrib.http_sms.provider import HttpSmsProvider
from congso.notifications.contrib.zalo_oa.provider import ZaloOaProvider
from congso.notifications.models import DemoMessage, Notification
from congso.notifications.providers.base import (
    DeliveryError,
    OutgoingMessage,
    PermanentDeliveryError,
)
from congso.notifications.services import Recipient, notification_request


@dataclass
class Stub:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    answer: dict[str, Any] = field(default_factory=lambda: {"message_id": "gw-1"})


@pytest.fixture
def stub() -> Iterator[Stub]:
    state = Stub(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name
            length = int(self.headers["Content-Length"])
            state.requests.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": json.loads(self.rfile.read(length)),
                }
            )
            body = json.dumps(state.answer).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def sms_gateway(settings, stub: Stub) -> Stub:
    settings.NOTIFICATIONS_SMS_URL = stub.url
    settings.NOTIFICATIONS_SMS_TOKEN = "tok-123"
    settings.NOTIFICATIONS_SMS_BRANDNAME = "UBND-HUE"
    settings.NOTIFICATIONS_TIMEOUT = 5
    return stub


SMS = OutgoingMessage(
    idempotency_key="6f1c7f0e-0000-4000-8000-000000000001",
    channel="sms",
    address="+84905123678",
    recipient_name="",
    subject="",
    body="Ho so H57.10.01-260312-0001 da duoc tiep nhan.",
)


def test_http_sms_posts_the_gateway_shape(sms_gateway: Stub):
    """Brandname, number without +, text, idempotency key and bearer token."""
    result = HttpSmsProvider().send(SMS)
    assert result.provider_message_id == "gw-1"
    (request,) = sms_gateway.requests
    assert request["path"] == "/send"
    assert request["json"] == {
        "brandname": "UBND-HUE",
        "to": "84905123678",
        "message": SMS.body,
        "request_id": SMS.idempotency_key,
        "unicode": False,
    }
    assert request["headers"]["authorization"] == "Bearer tok-123"
    assert request["headers"]["idempotency-key"] == SMS.idempotency_key


@pytest.mark.parametrize(
    ("status", "answer", "error"),
    [
        (500, {"error": "busy"}, DeliveryError),
        (429, {"error": "slow down"}, DeliveryError),
        (400, {"error": "bad number"}, PermanentDeliveryError),
        (200, {"ok": True}, DeliveryError),  # no message id
    ],
)
def test_http_sms_failures(sms_gateway: Stub, status, answer, error):
    """5xx and 429 are retryable, other 4xx permanent, a 2xx without an id retryable."""
    sms_gateway.status, sms_gateway.answer = status, answer
    with pytest.raises(error) as caught:
        HttpSmsProvider().send(SMS)
    assert (caught.type is PermanentDeliveryError) == (error is PermanentDeliveryError)


def test_http_sms_unreachable_or_unconfigured(settings):
    settings.NOTIFICATIONS_SMS_URL = "http://127.0.0.1:9/send"  # discard port: closed
    settings.NOTIFICATIONS_TIMEOUT = 2
    with pytest.raises(DeliveryError) as caught:
        HttpSmsProvider().send(SMS)
    assert not isinstance(caught.value, PermanentDeliveryError)
    settings.NOTIFICATIONS_SMS_URL = ""
    with pytest.raises(DeliveryError, match="not configured"):
        HttpSmsProvider().send(SMS)


@pytest.mark.django_db
def test_http_sms_through_the_outbox(settings, sms_gateway: Stub, dossier_context):
    """Selected by setting, the gateway gets the folded text once per notification."""
    settings.NOTIFICATIONS_SMS_PROVIDER = "http_sms"
    with transaction.atomic():
        (notification,) = notification_request(
            event="dossier.received",
            object_type="dossiers.dossier",
            object_id="H57.10.01-260312-0001",
            recipients=[Recipient(phone="0905123678")],
            context=dossier_context,
        )
    outbox_drain()
    outbox_drain()
    notification = Notification.objects.get()
    assert (notification.status, notification.provider) == ("sent", "http_sms")
    assert notification.provider_message_id == "gw-1"
    assert len(sms_gateway.requests) == 1
    assert sms_gateway.requests[0]["json"]["message"] == notification.body
    assert not DemoMessage.objects.exists()


def test_zalo_oa_posts_the_oa_message_shape(settings, stub: Stub):
    settings.NOTIFICATIONS_ZALO_URL = stub.url
    settings.NOTIFICATIONS_ZALO_ACCESS_TOKEN = "zalo-tok"
    stub.answer = {"error": 0, "message": "Success", "data": {"message_id": "z-9"}}
    message = OutgoingMessage(
        idempotency_key="k",
        channel="zalo",
        address="4568123456789012345",
        recipient_name="",
        subject="",
        body="Hồ sơ đã có kết quả.",
    )
    assert ZaloOaProvider().send(message).provider_message_id == "z-9"
    (request,) = stub.requests
    assert request["headers"]["access_token"] == "zalo-tok"
    assert request["json"] == {
        "recipient": {"user_id": "4568123456789012345"},
        "message": {"text": "Hồ sơ đã có kết quả."},
    }
    stub.answer = {"error": -216, "message": "Access token is invalid"}
    with pytest.raises(DeliveryError, match="-216"):
        ZaloOaProvider().send(message)
