"""The payment order's lifecycle (pure): one transition table.

``paid`` is terminal. A payment reported by a correctly signed gateway message is
money received, so it settles an order that we had already marked failed,
cancelled or expired (the citizen paid late, or the gateway corrected itself);
the other end states are final."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from congso.core.workflow import TransitionNotAllowedError, table_actions, table_next
from congso.payments.constants import PaymentAction as A
from congso.payments.constants import PaymentStatus as S

TRANSITIONS: Final[Mapping[tuple[S, A], S]] = {
    (S.PENDING, A.PAY): S.PAID,
    (S.PENDING, A.FAIL): S.FAILED,
    (S.PENDING, A.CANCEL): S.CANCELLED,
    (S.PENDING, A.EXPIRE): S.EXPIRED,
    (S.FAILED, A.PAY): S.PAID,
    (S.CANCELLED, A.PAY): S.PAID,
    (S.EXPIRED, A.PAY): S.PAID,
}


def next_status(current: S, action: A) -> S:
    return table_next(TRANSITIONS, S(current), A(action))


def allowed_actions(current: S) -> frozenset[A]:
    return frozenset(table_actions(TRANSITIONS, current))


__all__ = ["TRANSITIONS", "TransitionNotAllowedError", "allowed_actions", "next_status"]
