"""The dossier lifecycle as one literal table (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from congso.core.workflow import TransitionNotAllowedError, table_actions, table_next
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.constants import DossierStatus as S

TRANSITIONS: Final[Mapping[tuple[S, A], S]] = {
    (S.SUBMITTED, A.RECEIVE): S.RECEIVED,
    (S.SUBMITTED, A.REFUSE): S.REFUSED,
    (S.SUBMITTED, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.FORWARD): S.IN_PROGRESS,
    (S.RECEIVED, A.REFUSE): S.REFUSED,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.IN_PROGRESS, A.HAND_OVER): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED,  # pauses; once only
    (S.IN_PROGRESS, A.APOLOGISE): S.IN_PROGRESS,  # new date, once, before the due date
    (S.IN_PROGRESS, A.RESOLVE): S.RESOLVED,
    (S.IN_PROGRESS, A.REFUSE): S.REFUSED,
    (S.IN_PROGRESS, A.STOP): S.STOPPED,
    (S.IN_PROGRESS, A.WITHDRAW): S.WITHDRAWN,
    (S.SUPPLEMENT_REQUESTED, A.SUPPLEMENT): S.IN_PROGRESS,
    (S.SUPPLEMENT_REQUESTED, A.STOP): S.STOPPED,
    (S.SUPPLEMENT_REQUESTED, A.WITHDRAW): S.WITHDRAWN,
    (S.RESOLVED, A.RETURN_RESULT): S.RETURNED,
}


def next_status(current: S, action: A) -> S:
    return table_next(TRANSITIONS, current, action)


def allowed_actions(current: S) -> list[A]:
    """Actions allowed from ``current``, in table order."""
    return table_actions(TRANSITIONS, current)


__all__ = ["TRANSITIONS", "TransitionNotAllowedError", "allowed_actions", "next_status"]
