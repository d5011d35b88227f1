"""The feedback (PAKN) lifecycle as one literal table (pure).

submitted → accepted / refused → (supplement requested, once) → in handling →
answered (chờ công khai) → published (đã công khai). Forwarding to another agency
puts the item back to *submitted* there and restarts the 5.2 clock; the citizen may
raise an answered or published item again, which reopens its handling."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from congso.core.workflow import TransitionNotAllowedError, table_actions, table_next
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.constants import FeedbackStatus as S

TRANSITIONS: Final[Mapping[tuple[S, A], S]] = {
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, A.REFUSE): S.REFUSED,
    (S.SUBMITTED, A.FORWARD): S.SUBMITTED,  # another agency; the clock restarts
    (S.ACCEPTED, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,  # once only
    (S.ACCEPTED, A.ASSIGN): S.IN_HANDLING,
    (S.ACCEPTED, A.ANSWER): S.ANSWERED,
    (S.ACCEPTED, A.FORWARD): S.SUBMITTED,
    (S.SUPPLEMENT_REQUESTED, A.SUPPLEMENT): S.IN_HANDLING,
    (S.SUPPLEMENT_REQUESTED, A.REFUSE): S.REFUSED,  # the citizen never answered
    (S.IN_HANDLING, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,  # once only
    (S.IN_HANDLING, A.ASSIGN): S.IN_HANDLING,  # reassign
    (S.IN_HANDLING, A.ANSWER): S.ANSWERED,
    (S.IN_HANDLING, A.FORWARD): S.SUBMITTED,
    (S.ANSWERED, A.PUBLISH): S.PUBLISHED,
    (S.ANSWERED, A.RERAISE): S.IN_HANDLING,  # counts against 5.3
    (S.PUBLISHED, A.RERAISE): S.IN_HANDLING,
}


def next_status(current: S, action: A) -> S:
    return table_next(TRANSITIONS, current, action)


def allowed_actions(current: S) -> list[A]:
    """Actions allowed from ``current``, in table order."""
    return table_actions(TRANSITIONS, current)


__all__ = ["TRANSITIONS", "TransitionNotAllowedError", "allowed_actions", "next_status"]
