"""The payer's journey through the pages: order page → simulated gateway →
return page with the receipt; the IPN endpoint; access to receipts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from congso.core.outbox import outbox_drain
from congso.payments.constants import PaymentStatus
from congso.payments.models import PaymentEvent, PaymentOrder, Receipt
from congso.payments.selectors import payment_order_url
from congso.payments.tests.helpers import pay

pytestmark = pytest.mark.django_db


def _through_gateway(client: Client, order: PaymentOrder, decision: str) -> Any:
    response = client.post(payment_order_url(order))
    assert response.status_code == 302
    sim_url = response["Location"]
    assert urlsplit(sim_url).path == reverse("payments:sim-pay")
    page = client.get(sim_url)
    assert page.status_code == 200
    assert "Thanh toán thành công" in page.content.decode()
    back = client.post(reverse("payments:sim-decide", args=[order.txn_ref, decision]))
    assert back.status_code == 302
    assert back["Location"].startswith("http://testserver/payments/return/?")
    return client.get(back["Location"])


def test_happy_path(client: Client, make_order: Any, completed: list[dict[str, Any]]):
    """Pay on the simulator: the return page shows paid and links the receipt;
    the simulator's notification, delivered through the outbox, is a no-op 02."""
    order = make_order()
    page = client.get(payment_order_url(order))
    assert page.status_code == 200
    result = _through_gateway(client, order, "success")
    assert result.status_code == 200
    assert result.context["order"].status == PaymentStatus.PAID
    receipt = Receipt.objects.get(order=order)
    assert receipt.number in result.content.decode()
    pdf = client.get(result.context["receipt_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    outbox_drain()
    ipn = PaymentEvent.objects.get(order=order, kind="notification")
    assert (ipn.outcome, ipn.response_code) == ("already_settled", "02")
    assert len(completed) == 1


def test_failed_payment_page(client: Client, make_order: Any):
    order = make_order()
    result = _through_gateway(client, order, "failure")
    assert result.context["order"].status == PaymentStatus.FAILED
    assert result.context["receipt"] is None
    outbox_drain()
    assert PaymentEvent.objects.filter(order=order, kind="notification").count() == 1


def test_ipn_endpoint_answers_json(client: Client, make_order: Any):
    """GET per the protocol, no CSRF token; the second call is 02; POST works too."""
    order = make_order()
    params = pay(order)
    url = reverse("payments:ipn")
    assert client.get(url, params).json() == {
        "RspCode": "00",
        "Message": "Confirm Success",
    }
    assert client.post(url, params).json()["RspCode"] == "02"
    tampered = {**params, "vnp_Amount": "100"}
    assert client.get(url, tampered).json()["RspCode"] == "97"


def test_return_with_bad_signature_is_400(client: Client, make_order: Any):
    order = make_order()
    params = {**pay(order), "vnp_ResponseCode": "00", "vnp_Amount": "1"}
    assert client.get(reverse("payments:return"), params).status_code == 400


def test_order_page_and_receipt_need_the_key(client: Client, make_order: Any):
    """Without the order's access key: 404 (existence does not leak)."""
    order = make_order()
    detail = reverse("payments:order-detail", args=[order.txn_ref])
    assert client.get(detail).status_code == 404
    assert client.get(detail, {"key": "wrong"}).status_code == 404
    assert client.post(detail).status_code == 404
    from congso.payments.services import payment_return_handle

    payment_return_handle(params=pay(order))
    number = Receipt.objects.get().number
    url = reverse("payments:receipt-download", args=[number])
    assert client.get(url).status_code == 404
    assert client.get(url, {"key": "x" * 43}).status_code == 404
    assert client.get(url, {"key": order.access_key}).status_code == 200


def test_paid_order_cannot_be_started_again(client: Client, make_order: Any):
    from congso.payments.services import payment_return_handle

    order = make_order()
    payment_return_handle(params=pay(order))
    assert client.post(payment_order_url(order)).status_code == 400


def test_simulator_refuses_a_tampered_redirect(client: Client, make_order: Any):
    order = make_order()
    url = client.post(payment_order_url(order))["Location"]
    tampered = url.replace("vnp_Amount=5000000", "vnp_Amount=100")
    assert tampered != url
    assert client.get(tampered).status_code == 400


def test_simulator_is_off_with_another_provider(client: Client, settings: Any):
    settings.PAYMENTS_PROVIDER = "vnpay_style"
    assert client.get(reverse("payments:sim-pay")).status_code == 404
