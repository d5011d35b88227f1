"""A payment-gateway simulator that speaks the VNPAY-style protocol of
:mod:`congso.payments.providers.vnpay` (the demo's default gateway), in plain
Python over files, separate from Công Sở's database like a real gateway's.

The citizen's browser arrives with the signed redirect; :meth:`session_open`
verifies it (signature, terminal) and records a pending transaction. The "bank"
page (``/payments/sim/``) offers *Thanh toán thành công*, *Thất bại* and *Hủy*;
:meth:`decide` settles the transaction once and returns the signed result
parameters, which the views send back through the browser (return URL) **and**
as the server-to-server notification. :meth:`query_answer` answers the
``querydr`` reconciliation query.

**Marker amounts** (the amount's last three digits, in VND) make failures
deterministic:

* ``…111`` (e.g. 50 111) — the notification is never sent: only the browser
  return or reconciliation finds the payment;
* ``…222`` — the notification is sent twice;
* ``…333`` — the gateway reports 1 000 VND more than was ordered (a wrong
  amount: the platform must refuse it, answer ``04``);
* ``…444`` — the return and the notification are signed with a wrong key (the
  platform must refuse them, answer ``97``)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

from congso.payments.providers import vnpay

NO_NOTIFICATION: Final = 111
NOTIFY_TWICE: Final = 222
WRONG_AMOUNT: Final = 333
BAD_SIGNATURE: Final = 444
WRONG_AMOUNT_DELTA: Final = 1000
DECISIONS: Final = {
    # decision: (status, vnp_ResponseCode, vnp_TransactionStatus)
    "success": ("paid", "00", "00"),
    "failure": ("failed", "51", "02"),  # 51: insufficient funds
    "cancel": ("cancelled", "24", "02"),  # 24: the customer cancelled
}
_REF = re.compile(r"^[A-Za-z0-9]{1,64}$")


class SimulatorError(Exception):
    """Refused by the simulated gateway (bad signature, unknown order, …)."""


@dataclass
class SimTransaction:
    txn_ref: str
    amount: int
    order_info: str
    return_url: str
    created_at: str
    status: str = "pending"
    result: dict[str, str] = field(default_factory=dict)

    @property
    def marker(self) -> int:
        return self.amount % 1000

    @property
    def notifications(self) -> int:
        """How many server-to-server notifications the gateway sends."""
        return {NO_NOTIFICATION: 0, NOTIFY_TWICE: 2}.get(self.marker, 1)


class PaymentSimulator:
    """The simulated gateway of one terminal over one directory."""

    def __init__(self, directory: Path, *, terminal: str, secret: str) -> None:
        self.directory = directory
        self.terminal = terminal
        self.secret = secret

    def session_open(self, params: Mapping[str, str]) -> SimTransaction:
        """Accept a signed payment redirect; the same order again returns the
        recorded transaction."""
        clean = {str(k): str(v) for k, v in params.items()}
        if not vnpay.signature_ok(clean, self.secret):
            raise SimulatorError("Chữ ký không hợp lệ")
        if clean.get("vnp_TmnCode") != self.terminal:
            raise SimulatorError("Mã website (vnp_TmnCode) không đúng")
        try:
            amount = int(clean["vnp_Amount"]) // 100
            txn_ref, return_url = clean["vnp_TxnRef"], clean["vnp_ReturnUrl"]
        except (KeyError, ValueError):
            raise SimulatorError("Thiếu tham số hoặc tham số sai định dạng") from None
        self._path(txn_ref)  # validates the reference
        with self._locked():
            existing = self.get(txn_ref)
            if existing is not None:
                return existing
            transaction = SimTransaction(
                txn_ref=txn_ref,
                amount=amount,
                order_info=clean.get("vnp_OrderInfo", ""),
                return_url=return_url,
                created_at=clean.get("vnp_CreateDate", ""),
            )
            self._write(transaction)
        return transaction

    def get(self, txn_ref: str) -> SimTransaction | None:
        try:
            path = self._path(txn_ref)
        except SimulatorError:
            return None
        if not path.exists():
            return None
        return SimTransaction(**json.loads(path.read_text(encoding="utf-8")))

    def decide(self, txn_ref: str, decision: str, *, now: datetime) -> SimTransaction:
        """The customer's choice on the bank page. Deciding twice changes nothing."""
        if decision not in DECISIONS:
            raise SimulatorError("unknown decision")
        with self._locked():
            transaction = self.get(txn_ref)
            if transaction is None:
                raise SimulatorError("unknown transaction")
            if transaction.status != "pending":
                return transaction
            status, response_code, transaction_status = DECISIONS[decision]
            reported = transaction.amount + (
                WRONG_AMOUNT_DELTA if transaction.marker == WRONG_AMOUNT else 0
            )
            result = {
                "vnp_TmnCode": self.terminal,
                "vnp_TxnRef": txn_ref,
                "vnp_Amount": str(reported * 100),
                "vnp_OrderInfo": transaction.order_info,
                "vnp_ResponseCode": response_code,
                "vnp_TransactionStatus": transaction_status,
                "vnp_TransactionNo": str(secrets.randbelow(90_000_000) + 10_000_000),
                "vnp_BankCode": "NCB",
                "vnp_BankTranNo": f"VNP{secrets.randbelow(10**8):08d}",
                "vnp_CardType": "ATM",
                "vnp_PayDate": vnpay.format_time(now),
            }
            key = self.secret if transaction.marker != BAD_SIGNATURE else "wrong-key"
            result[vnpay.HASH_PARAM] = vnpay.sign(result, key)
            transaction.status = status
            transaction.result = result
            self._write(transaction)
        return transaction

    def query_answer(self, body: Mapping[str, str], *, now: datetime) -> dict[str, str]:
        """The signed answer to a ``querydr`` request."""
        if not vnpay.query_request_ok(body, self.secret):
            raise SimulatorError("Chữ ký không hợp lệ")
        transaction = self.get(str(body.get("vnp_TxnRef", "")))
        answer = {
            "vnp_ResponseId": secrets.token_hex(16),
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.terminal,
            "vnp_TxnRef": str(body.get("vnp_TxnRef", "")),
            "vnp_ResponseCode": "91",
            "vnp_Message": "Khong tim thay giao dich",
        }
        if transaction is not None:
            result = transaction.result
            answer |= {
                "vnp_ResponseCode": "00",
                "vnp_Message": "QueryDR Success",
                "vnp_Amount": result.get("vnp_Amount", str(transaction.amount * 100)),
                "vnp_BankCode": result.get("vnp_BankCode", ""),
                "vnp_PayDate": result.get("vnp_PayDate", ""),
                "vnp_TransactionNo": result.get("vnp_TransactionNo", ""),
                "vnp_TransactionType": "01",
                "vnp_TransactionStatus": result.get("vnp_TransactionStatus", "01"),
                "vnp_OrderInfo": transaction.order_info,
            }
        answer[vnpay.HASH_PARAM] = vnpay.pipe_hash(
            answer, vnpay.QUERY_RESPONSE_FIELDS, self.secret
        )
        return answer

    # Storage ---------------------------------------------------------------------
    def _path(self, txn_ref: str) -> Path:
        if not _REF.match(txn_ref):
            raise SimulatorError("Mã giao dịch không hợp lệ")
        return self.directory / f"{txn_ref}.json"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with (self.directory / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, transaction: SimTransaction) -> None:
        data = json.dumps(asdict(transaction), ensure_ascii=False).encode()
        fd, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temp).replace(self._path(transaction.txn_ref))
