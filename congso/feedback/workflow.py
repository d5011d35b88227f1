"""The feedback (PAKN) lifecycle as one literal table (pure; imports constants only).

submitted → accepted / refused → (supplement requested, once) → in handling →
answered (chờ công khai) → published (đã công khai). Forwarding to another agency
puts the item back to *submitted* there and restarts the 5.2 clock; the citizen may
raise an answered or published item again, which reopens its handling."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

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


class TransitionNotAllowedError(Exception):
    """The action is not allowed in the item's current state."""

    def __init__(self, current: S, action: A) -> None:
        self.current, self.action = current, action
        super().__init__(f"{action} is not allowed in state {current}")


def next_status(current: S, action: A) -> S:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowedError(current, action) from None


def allowed_actions(current: S) -> list[A]:
    """Actions allowed from ``current``, in table order."""
    return [action for (state, action) in TRANSITIONS if state == current]
