"""The VNPAY-style protocol: signatures round-trip, tampering is detected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from congso.payments.providers import vnpay
from congso.payments.providers.base import (
    GatewayOrder,
    GatewayStatus,
    GatewayUnavailable,
)

SECRET = "s3cret"
ORDER = GatewayOrder(
    txn_ref="260105ABCDEF0123",
    amount=50_000,
    description="Lệ phí cấp phép – Đợt 1 (hồ sơ H01)",
    created_at=datetime(2026, 1, 5, 2, 0, tzinfo=UTC),
    expires_at=datetime(2026, 1, 5, 2, 15, tzinfo=UTC),
)


def _params() -> dict[str, str]:
    return vnpay.pay_params(
        ORDER,
        terminal="T1",
        return_url="https://x.vn/payments/return/",
        client_ip="1.2.3.4",
    )


def test_pay_params_use_gateway_conventions():
    """Amount ×100, Vietnam time, ASCII order info without marks (đ → d)."""
    params = _params()
    assert params["vnp_Amount"] == "5000000"
    assert params["vnp_CreateDate"] == "20260105090000"
    assert params["vnp_OrderInfo"] == "Le phi cap phep Dot 1 ho so H01"


def test_signed_query_is_sorted_and_verifies():
    """The query is sorted by name, URL-encoded, and its hash verifies."""
    query = vnpay.signed_query(_params(), SECRET)
    names = [part.split("=")[0] for part in query.split("&")]
    assert names[:-1] == sorted(names[:-1])
    assert names[-1] == "vnp_SecureHash"
    assert "vnp_ReturnUrl=https%3A%2F%2Fx.vn%2Fpayments%2Freturn%2F" in query
    from urllib.parse import parse_qsl

    parsed = dict(parse_qsl(query))
    assert vnpay.signature_ok(parsed, SECRET)
    assert len(parsed["vnp_SecureHash"]) == 128  # SHA-512 hex


@pytest.mark.parametrize(
    ("field", "value"),
    [("vnp_Amount", "100"), ("vnp_TxnRef", "OTHER"), ("vnp_SecureHash", "00")],
)
def test_tampering_breaks_the_signature(field: str, value: str):
    """Any changed parameter (or hash) fails verification."""
    params = _params()
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)
    params[field] = value
    assert not vnpay.signature_ok(params, SECRET)


def test_wrong_secret_and_missing_hash_fail():
    params = _params()
    params["vnp_SecureHash"] = vnpay.sign(params, "other")
    assert not vnpay.signature_ok(params, SECRET)
    del params["vnp_SecureHash"]
    assert not vnpay.signature_ok(params, SECRET)


def _result(**changes: str) -> dict[str, str]:
    params = {
        "vnp_TmnCode": "T1",
        "vnp_TxnRef": ORDER.txn_ref,
        "vnp_Amount": "5000000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionStatus": "00",
        "vnp_TransactionNo": "14000001",
        "vnp_BankCode": "NCB",
        "vnp_PayDate": "20260105091030",
        **changes,
    }
    params["vnp_SecureHash"] = vnpay.sign(params, SECRET)
    return params


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, GatewayStatus.PAID),
        (
            {"vnp_ResponseCode": "24", "vnp_TransactionStatus": "02"},
            GatewayStatus.CANCELLED,
        ),
        (
            {"vnp_ResponseCode": "51", "vnp_TransactionStatus": "02"},
            GatewayStatus.FAILED,
        ),
    ],
)
def test_results_are_read(changes: dict[str, str], status: GatewayStatus):
    result = vnpay.result_from_params(_result(**changes), terminal="T1", secret=SECRET)
    assert result.signature_valid
    assert result.status is status
    assert result.amount == 50_000
    assert result.paid_at == datetime(2026, 1, 5, 2, 10, 30, tzinfo=UTC)


def test_result_of_another_terminal_is_invalid():
    result = vnpay.result_from_params(_result(), terminal="T2", secret=SECRET)
    assert not result.signature_valid


def test_query_request_and_answer_round_trip():
    """The querydr request and answer are signed over their '|'-joined fields."""
    body = vnpay.query_request(
        ORDER,
        terminal="T1",
        secret=SECRET,
        request_id="r1",
        now=ORDER.created_at,
        client_ip="127.0.0.1",
    )
    assert vnpay.query_request_ok(body, SECRET)
    assert not vnpay.query_request_ok({**body, "vnp_TxnRef": "X"}, SECRET)
    answer = {
        "vnp_ResponseId": "a",
        "vnp_Command": "querydr",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "T1",
        "vnp_TxnRef": ORDER.txn_ref,
        "vnp_Amount": "5000000",
        "vnp_TransactionStatus": "00",
    }
    answer["vnp_SecureHash"] = vnpay.pipe_hash(
        answer, vnpay.QUERY_RESPONSE_FIELDS, SECRET
    )
    result = vnpay.result_from_query(
        answer, txn_ref=ORDER.txn_ref, terminal="T1", secret=SECRET
    )
    assert (result.signature_valid, result.status) == (True, GatewayStatus.PAID)
    forged = {**answer, "vnp_Amount": "1"}
    assert not vnpay.result_from_query(
        forged, txn_ref=ORDER.txn_ref, terminal="T1", secret=SECRET
    ).signature_valid
    with pytest.raises(GatewayUnavailable):
        vnpay.result_from_query(
            {"vnp_ResponseCode": "99"},
            txn_ref=ORDER.txn_ref,
            terminal="T1",
            secret=SECRET,
        )
