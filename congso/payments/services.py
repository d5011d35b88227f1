"""Writes of the payments app: orders, the gateway's messages, reconciliation.

Every gateway message (browser return, notification, reconciliation query) goes
through :func:`_settle`, which locks the order row, decides from the verified
result and the transition table, and appends a :class:`PaymentEvent`: the
return and the notification may arrive in either order, or twice, and the order
is paid once, with one receipt and one ``payments.payment_completed`` message."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.audit.services import audit_record
from congso.core.errors import ApplicationError, ConflictError, NotFoundError
from congso.core.outbox import outbox_publish
from congso.core.text import nfc
from congso.payments.constants import PaymentAction as A
from congso.payments.constants import PaymentEventKind as K
from congso.payments.constants import PaymentOutcome as O
from congso.payments.constants import PaymentStatus as S
from congso.payments.models import PaymentEvent, PaymentOrder
from congso.payments.providers.base import (
    GatewayOrder,
    GatewayResult,
    GatewayStatus,
    GatewayUnavailable,
    NotificationAnswer,
    PaymentProvider,
)
from congso.payments.providers.registry import payment_provider_get
from congso.payments.receipts import receipt_issue
from congso.payments.workflow import next_status

logger = logging.getLogger(__name__)

COMPLETED_TOPIC = "payments.payment_completed"
#: How long the gateway accepts payment for a started order (vnp_ExpireDate).
PAYMENT_WINDOW = timedelta(minutes=15)
MAX_AMOUNT = 10**12

_PAST = {A.PAY: "paid", A.FAIL: "failed", A.CANCEL: "cancelled", A.EXPIRE: "expired"}
_OUTCOME = {A.PAY: O.PAID, A.FAIL: O.FAILED, A.CANCEL: O.CANCELLED, A.EXPIRE: O.EXPIRED}
_ANSWER = {
    O.BAD_SIGNATURE: NotificationAnswer.INVALID_SIGNATURE,
    O.NOT_FOUND: NotificationAnswer.ORDER_NOT_FOUND,
    O.AMOUNT_MISMATCH: NotificationAnswer.INVALID_AMOUNT,
    O.ALREADY_SETTLED: NotificationAnswer.ALREADY_CONFIRMED,
}

Actor = AbstractBaseUser | None


class PaymentError(ApplicationError):
    pass


def _txn_ref(now: datetime) -> str:
    return f"{timezone.localtime(now):%y%m%d}{secrets.token_hex(5).upper()}"


@transaction.atomic
def payment_order_create(
    *,
    object_type: str,
    object_id: str,
    amount: int,
    description: str,
    payer_name: str,
    payee: str = "",
    actor: Actor = None,
) -> PaymentOrder:
    """The amount due for ``(object_type, object_id)``. A pending order for the
    same object and amount is returned instead of a second one."""
    if not isinstance(amount, int) or amount <= 0:
        raise PaymentError(_("The amount to pay must be greater than 0 VND."))
    if amount >= MAX_AMOUNT:
        raise PaymentError(_("The amount to pay is too large."))
    description = nfc(description).strip()
    if not description:
        raise PaymentError(_("Describe what is being paid for."))
    existing = PaymentOrder.objects.filter(
        object_type=object_type, object_id=object_id, status=S.PENDING
    ).first()
    if existing is not None:
        if existing.amount != amount:
            raise ConflictError(
                _("A payment of another amount is awaiting payment; cancel it first."),
                code="pending_order",
            )
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            order = PaymentOrder.objects.create(
                txn_ref=_txn_ref(now),
                object_type=object_type,
                object_id=str(object_id),
                amount=amount,
                description=description[:255],
                payer_name=nfc(payer_name).strip()[:255],
                payee=nfc(payee).strip()[:255],
            )
    except IntegrityError:  # a concurrent request created the pending order
        return PaymentOrder.objects.get(
            object_type=object_type, object_id=object_id, status=S.PENDING
        )
    audit_record(
        event_type="payments.payment_order.created",
        actor=actor,
        obj=order,
        data={
            "object_type": object_type,
            "object_id": str(object_id),
            "amount": amount,
            "txn_ref": order.txn_ref,
        },
    )
    return order


def gateway_order(order: PaymentOrder) -> GatewayOrder:
    return GatewayOrder(
        txn_ref=order.txn_ref,
        amount=order.amount,
        description=f"{order.description} {order.txn_ref}",
        created_at=order.started_at or order.created_at,
        expires_at=order.expires_at or order.created_at + PAYMENT_WINDOW,
    )


@transaction.atomic
def payment_start(*, order: PaymentOrder, return_url: str, client_ip: str) -> str:
    """Send the pending ``order`` to the configured gateway: the signed address
    to redirect the payer to (valid for :data:`PAYMENT_WINDOW`)."""
    locked = PaymentOrder.objects.select_for_update().get(pk=order.pk)
    if locked.status != S.PENDING:
        raise PaymentError(
            _("This payment is no longer awaiting payment."), code="not_pending"
        )
    provider = payment_provider_get()
    now = timezone.now()
    locked.provider = provider.name
    locked.started_at = now
    locked.expires_at = now + PAYMENT_WINDOW
    locked.row_version += 1
    locked.save()
    audit_record(
        event_type="payments.payment_order.started",
        actor=None,
        obj=locked,
        data={"provider": provider.name, "expires_at": locked.expires_at},
    )
    return provider.payment_url(gateway_order(locked), return_url, client_ip)


@transaction.atomic
def payment_order_cancel(*, order: PaymentOrder, actor: Actor = None) -> PaymentOrder:
    """Withdraw a pending order (the fee changed, the dossier was withdrawn). A
    payment the gateway reports later still settles it (workflow docstring)."""
    locked = PaymentOrder.objects.select_for_update().get(pk=order.pk)
    if locked.status != S.PENDING:
        raise PaymentError(
            _("This payment is no longer awaiting payment."), code="not_pending"
        )
    _apply(locked, A.CANCEL, None, None, timezone.now(), actor=actor)
    return locked


@dataclass(frozen=True)
class Settlement:
    order: PaymentOrder | None
    outcome: O
    answer: NotificationAnswer

    @property
    def changed(self) -> bool:
        return self.outcome in {O.PAID, O.FAILED, O.CANCELLED, O.EXPIRED}


def _decide(
    order: PaymentOrder | None, result: GatewayResult, kind: K, now: datetime
) -> O | A:
    """The outcome of a verified result, or the action to apply."""
    if not result.signature_valid:
        return O.BAD_SIGNATURE
    if order is None:
        return O.NOT_FOUND
    wrong = result.amount is not None and result.amount != order.amount
    if wrong or (result.status is GatewayStatus.PAID and result.amount is None):
        return O.AMOUNT_MISMATCH
    if result.status is GatewayStatus.PAID:
        return O.ALREADY_SETTLED if order.status == S.PAID else A.PAY
    if result.status in {GatewayStatus.FAILED, GatewayStatus.CANCELLED}:
        if order.status != S.PENDING:
            return O.ALREADY_SETTLED
        return A.FAIL if result.status is GatewayStatus.FAILED else A.CANCEL
    expired = order.expires_at is not None and order.expires_at < now
    if kind == K.QUERY and order.status == S.PENDING and expired:
        return A.EXPIRE
    return O.NO_CHANGE


@transaction.atomic
def _settle(
    *, result: GatewayResult, kind: K, provider: PaymentProvider, now: datetime
) -> Settlement:
    order = (
        PaymentOrder.objects.select_for_update().filter(txn_ref=result.txn_ref).first()
        if result.txn_ref
        else None
    )
    decision = _decide(order, result, kind, now)
    if isinstance(decision, A) and order is not None:
        _apply(order, decision, result, provider, now)
        outcome = _OUTCOME[decision]
    else:
        outcome = decision if isinstance(decision, O) else O.NOT_FOUND
    answer = _ANSWER.get(outcome, NotificationAnswer.CONFIRMED)
    PaymentEvent.objects.create(
        order=order if result.signature_valid else None,
        txn_ref=result.txn_ref,
        kind=kind,
        params=dict(result.params),
        signature_valid=result.signature_valid,
        outcome=outcome,
        response_code=(
            provider.notification_answer(answer).get("RspCode", "")
            if kind == K.NOTIFICATION
            else result.response_code
        ),
    )
    return Settlement(order=order, outcome=outcome, answer=answer)


def _apply(
    order: PaymentOrder,
    action: A,
    result: GatewayResult | None,
    provider: PaymentProvider | None,
    now: datetime,
    *,
    actor: Actor = None,
) -> None:
    """One transition of a locked order: row, audit, and on payment the receipt
    and the outbox message."""
    before = order.status
    order.status = next_status(S(before), action)
    if action is A.PAY and result is not None and provider is not None:
        order.paid_at = result.paid_at or now
        order.gateway_transaction_no = result.transaction_no
        order.bank_code = result.bank_code
        order.channel = provider.channel
        order.provider = order.provider or provider.name
    order.row_version += 1
    order.save()
    data: dict[str, Any] = {"from": before, "to": order.status}
    if result is not None:
        data |= {"transaction_no": result.transaction_no, "code": result.response_code}
    audit_record(
        event_type=f"payments.payment_order.{_PAST[action]}",
        actor=actor,
        obj=order,
        data=data,
    )
    if action is A.PAY:
        receipt = receipt_issue(order=order, now=now)
        outbox_publish(
            topic=COMPLETED_TOPIC,
            payload={
                "order_id": order.pk,
                "object_type": order.object_type,
                "object_id": order.object_id,
                "amount": order.amount,
                "channel": order.channel,
                "paid_at": order.paid_at.astimezone(UTC).isoformat()
                if order.paid_at
                else None,
                "receipt_number": receipt.number,
            },
            dedup_key=f"{COMPLETED_TOPIC}:{order.pk}",
        )


def payment_return_handle(*, params: Mapping[str, str]) -> PaymentOrder:
    """The payer's browser back from the gateway: verify, record, settle (the
    same as the notification would; idempotent)."""
    provider = payment_provider_get()
    result = provider.verify_return(params)
    settlement = _settle(
        result=result, kind=K.RETURN, provider=provider, now=timezone.now()
    )
    if settlement.outcome == O.BAD_SIGNATURE:
        raise PaymentError(
            _("The payment gateway's answer could not be verified."), code="signature"
        )
    if settlement.order is None:
        raise NotFoundError(_("The payment was not found."))
    settlement.order.refresh_from_db()
    return settlement.order


def payment_notification_handle(*, params: Mapping[str, str]) -> dict[str, str]:
    """The gateway's server-to-server notification (IPN): verify the signature,
    the order and the amount, settle idempotently, and return the answer the
    gateway expects (``{"RspCode": "00", "Message": "Confirm Success"}`` …)."""
    provider = payment_provider_get()
    try:
        result = provider.verify_notification(params)
        settlement = _settle(
            result=result, kind=K.NOTIFICATION, provider=provider, now=timezone.now()
        )
    except Exception:  # the gateway retries on 99
        logger.exception("Payment notification failed")
        return provider.notification_answer(NotificationAnswer.UNKNOWN_ERROR)
    return provider.notification_answer(settlement.answer)


def payment_reconcile(
    *, older_than_minutes: int = 15, now: datetime | None = None
) -> int:
    """Ask the gateway about every order sent to it more than
    ``older_than_minutes`` ago and still pending; settle what it says (paid,
    failed; expired once its payment window has passed). Each order in its own
    transaction; an unreachable gateway is skipped until the next run. Returns
    how many orders changed."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=older_than_minutes)
    orders = PaymentOrder.objects.filter(
        status=S.PENDING, started_at__isnull=False, started_at__lte=cutoff
    ).order_by("started_at")
    changed = 0
    for order in orders.iterator():
        try:
            provider = payment_provider_get(order.provider or None)
            result = provider.query(gateway_order(order))
        except (GatewayUnavailable, LookupError) as error:
            logger.warning("Reconciliation of %s skipped: %s", order.txn_ref, error)
            continue
        settlement = _settle(result=result, kind=K.QUERY, provider=provider, now=now)
        changed += settlement.changed
    return changed
