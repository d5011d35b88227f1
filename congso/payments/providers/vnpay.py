"""The VNPAY-style wire protocol (pure: values in, values out).

**VNPAY-style, not a certified VNPAY integration.** It follows the parameter
names and signing rules of VNPAY's public merchant documentation (payment API
2.1.0), which most Vietnamese gateways resemble; a real contract must be tested
against the gateway's sandbox before going live.

Payment redirect (``GET <gateway>?…``): ``vnp_Version`` (2.1.0), ``vnp_Command``
(``pay``), ``vnp_TmnCode`` (terminal), ``vnp_Amount`` (VND × 100),
``vnp_CurrCode`` (VND), ``vnp_TxnRef`` (our order reference), ``vnp_OrderInfo``
(description without Vietnamese marks), ``vnp_OrderType`` (``other``),
``vnp_Locale`` (``vn``), ``vnp_ReturnUrl``, ``vnp_IpAddr``, ``vnp_CreateDate`` and
``vnp_ExpireDate`` (``yyyyMMddHHmmss``, Vietnam time), ``vnp_SecureHash``.

Return and notification (IPN, ``GET`` to our URL): ``vnp_TmnCode``, ``vnp_TxnRef``,
``vnp_Amount``, ``vnp_OrderInfo``, ``vnp_ResponseCode`` (``00`` success, ``24``
cancelled by the customer, others failure), ``vnp_TransactionStatus`` (``00``
success), ``vnp_TransactionNo``, ``vnp_BankCode``, ``vnp_BankTranNo``,
``vnp_CardType``, ``vnp_PayDate``, ``vnp_SecureHash``.

**Signature**: HMAC-SHA512 with the terminal's secret over the ``vnp_*``
parameters (except ``vnp_SecureHash`` and ``vnp_SecureHashType``, and empty ones),
sorted by name and URL-encoded (``quote_plus``) as ``k=v&k=v``; hex digest.

IPN answer: JSON ``{"RspCode": "00", "Message": "Confirm Success"}``; ``02`` order
already confirmed, ``04`` invalid amount, ``97`` invalid signature, ``01`` order
not found, ``99`` unknown error.

Query (``querydr``, JSON ``POST``): ``vnp_RequestId``, ``vnp_Version``,
``vnp_Command``, ``vnp_TmnCode``, ``vnp_TxnRef``, ``vnp_OrderInfo``,
``vnp_TransactionDate``, ``vnp_CreateDate``, ``vnp_IpAddr``; the request and the
answer are signed with HMAC-SHA512 over their fields joined by ``|`` in the
orders :data:`QUERY_REQUEST_FIELDS` and :data:`QUERY_RESPONSE_FIELDS`. Answer
``vnp_ResponseCode`` ``00`` (found) or ``91`` (no such transaction)."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Final
from urllib.parse import quote_plus, urlencode
from zoneinfo import ZoneInfo

from congso.payments.providers.base import (
    GatewayOrder,
    GatewayResult,
    GatewayStatus,
    GatewayUnavailable,
    NotificationAnswer,
)

VERSION: Final = "2.1.0"
VN_TZ: Final = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMAT: Final = "%Y%m%d%H%M%S"
HASH_PARAM: Final = "vnp_SecureHash"
_UNSIGNED: Final = frozenset({HASH_PARAM, "vnp_SecureHashType"})
_ORDER_INFO_CHARS = re.compile(r"[^A-Za-z0-9 .,:/_-]+")
_MARK_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})

IPN_ANSWERS: Final[Mapping[NotificationAnswer, dict[str, str]]] = {
    NotificationAnswer.CONFIRMED: {"RspCode": "00", "Message": "Confirm Success"},
    NotificationAnswer.ORDER_NOT_FOUND: {"RspCode": "01", "Message": "Order not found"},
    NotificationAnswer.ALREADY_CONFIRMED: {
        "RspCode": "02",
        "Message": "Order already confirmed",
    },
    NotificationAnswer.INVALID_AMOUNT: {"RspCode": "04", "Message": "Invalid amount"},
    NotificationAnswer.INVALID_SIGNATURE: {
        "RspCode": "97",
        "Message": "Invalid signature",
    },
    NotificationAnswer.UNKNOWN_ERROR: {"RspCode": "99", "Message": "Unknown error"},
}

QUERY_REQUEST_FIELDS: Final = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_RESPONSE_FIELDS: Final = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


def order_info(text: str, *, limit: int = 255) -> str:
    """The gateway's ``vnp_OrderInfo``: Vietnamese marks removed (đ → d, case
    kept), only letters, digits, spaces and ``.,:/_-``, at most ``limit``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_MARK_EXTRA))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_ORDER_INFO_CHARS.sub(" ", plain).split())[:limit]


def format_time(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=VN_TZ)
    except (TypeError, ValueError):
        return None


def hash_data(params: Mapping[str, str]) -> str:
    """The signed string of a redirect, return or notification."""
    items = sorted(
        (k, str(v))
        for k, v in params.items()
        if k.startswith("vnp_") and k not in _UNSIGNED and str(v) != ""
    )
    return urlencode(items, quote_via=quote_plus)


def _hmac(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def sign(params: Mapping[str, str], secret: str) -> str:
    return _hmac(secret, hash_data(params))


def signed_query(params: Mapping[str, str], secret: str) -> str:
    """``params`` sorted and URL-encoded, with ``vnp_SecureHash`` appended."""
    return f"{hash_data(params)}&{HASH_PARAM}={sign(params, secret)}"


def signature_ok(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get(HASH_PARAM, "")).lower()
    return bool(given) and hmac.compare_digest(given, sign(params, secret))


def pay_params(
    order: GatewayOrder, *, terminal: str, return_url: str, client_ip: str
) -> dict[str, str]:
    return {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": terminal,
        "vnp_Amount": str(order.amount * 100),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": order.txn_ref,
        "vnp_OrderInfo": order_info(order.description) or order.txn_ref,
        "vnp_OrderType": "other",
        "vnp_Locale": "vn",
        "vnp_ReturnUrl": return_url,
        "vnp_IpAddr": client_ip or "127.0.0.1",
        "vnp_CreateDate": format_time(order.created_at),
        "vnp_ExpireDate": format_time(order.expires_at),
    }


def _amount(text: str | None) -> int | None:
    try:
        value = int(str(text))
    except (TypeError, ValueError):
        return None
    return value // 100 if value >= 0 and value % 100 == 0 else None


def _status(response_code: str, transaction_status: str) -> GatewayStatus:
    if response_code == "00" and transaction_status == "00":
        return GatewayStatus.PAID
    if response_code == "24":
        return GatewayStatus.CANCELLED
    if transaction_status == "01":
        return GatewayStatus.PENDING
    return GatewayStatus.FAILED


def result_from_params(
    params: Mapping[str, str], *, terminal: str, secret: str
) -> GatewayResult:
    """A return or notification, verified."""
    clean = {str(k): str(v) for k, v in params.items()}
    valid = signature_ok(clean, secret) and clean.get("vnp_TmnCode") == terminal
    response_code = clean.get("vnp_ResponseCode", "")
    return GatewayResult(
        signature_valid=valid,
        txn_ref=clean.get("vnp_TxnRef", "")[:64],
        status=_status(response_code, clean.get("vnp_TransactionStatus", "")),
        amount=_amount(clean.get("vnp_Amount")),
        transaction_no=clean.get("vnp_TransactionNo", "")[:64],
        bank_code=clean.get("vnp_BankCode", "")[:32],
        paid_at=parse_time(clean.get("vnp_PayDate", "")),
        response_code=response_code[:8],
        params=clean,
    )


def pipe_hash(values: Mapping[str, str], fields: tuple[str, ...], secret: str) -> str:
    return _hmac(secret, "|".join(str(values.get(f, "")) for f in fields))


def query_request(
    order: GatewayOrder,
    *,
    terminal: str,
    secret: str,
    request_id: str,
    now: datetime,
    client_ip: str,
) -> dict[str, str]:
    body = {
        "vnp_RequestId": request_id,
        "vnp_Version": VERSION,
        "vnp_Command": "querydr",
        "vnp_TmnCode": terminal,
        "vnp_TxnRef": order.txn_ref,
        "vnp_OrderInfo": f"Truy van giao dich {order.txn_ref}",
        "vnp_TransactionDate": format_time(order.created_at),
        "vnp_CreateDate": format_time(now),
        "vnp_IpAddr": client_ip,
    }
    body[HASH_PARAM] = pipe_hash(body, QUERY_REQUEST_FIELDS, secret)
    return body


def query_request_ok(body: Mapping[str, str], secret: str) -> bool:
    given = str(body.get(HASH_PARAM, "")).lower()
    expected = pipe_hash(body, QUERY_REQUEST_FIELDS, secret)
    return bool(given) and hmac.compare_digest(given, expected)


def result_from_query(
    answer: Mapping[str, str], *, txn_ref: str, terminal: str, secret: str
) -> GatewayResult:
    """A ``querydr`` answer, verified (and checked to be about ``txn_ref``);
    an error answer raises :class:`GatewayUnavailable`."""
    clean = {str(k): str(v) for k, v in answer.items()}
    given = clean.get(HASH_PARAM, "").lower()
    expected = pipe_hash(clean, QUERY_RESPONSE_FIELDS, secret)
    response_code = clean.get("vnp_ResponseCode", "")
    valid = (
        bool(given)
        and hmac.compare_digest(given, expected)
        and clean.get("vnp_TmnCode") == terminal
        and (response_code == "91" or clean.get("vnp_TxnRef") == txn_ref)
    )
    if response_code == "91":
        status = GatewayStatus.NOT_FOUND
    elif response_code == "00":
        status = _status("00", clean.get("vnp_TransactionStatus", ""))
    else:
        raise GatewayUnavailable(f"query answered {response_code or 'nothing'}")
    return GatewayResult(
        signature_valid=valid,
        txn_ref=txn_ref,
        status=status,
        amount=_amount(clean.get("vnp_Amount")),
        transaction_no=clean.get("vnp_TransactionNo", "")[:64],
        bank_code=clean.get("vnp_BankCode", "")[:32],
        paid_at=parse_time(clean.get("vnp_PayDate", "")),
        response_code=response_code[:8],
        params=clean,
    )
