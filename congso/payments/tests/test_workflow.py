"""The transition table: every pair is either in it or refused."""

from __future__ import annotations

import itertools

import pytest

from congso.payments.constants import PaymentAction, PaymentStatus
from congso.payments.workflow import TRANSITIONS, TransitionNotAllowedError, next_status


@pytest.mark.parametrize(
    ("status", "action"), list(itertools.product(PaymentStatus, PaymentAction))
)
def test_every_pair(status: PaymentStatus, action: PaymentAction):
    if (status, action) in TRANSITIONS:
        assert next_status(status, action) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(TransitionNotAllowedError):
            next_status(status, action)


def test_paid_is_terminal():
    assert not [pair for pair in TRANSITIONS if pair[0] == PaymentStatus.PAID]
