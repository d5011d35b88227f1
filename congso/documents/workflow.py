"""The lifecycles of incoming and outgoing documents as literal tables (pure). Services call :func:`incoming_next` and
:func:`outgoing_next`; a pair not in the table is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from congso.core.workflow import TransitionNotAllowedError, table_actions, table_next
from congso.documents.constants import IncomingAction as IA  # noqa: N817  # short names keep the tables readable
from congso.documents.constants import IncomingStatus as IS  # noqa: N817  # short names keep the tables readable
from congso.documents.constants import OutgoingAction as OA  # noqa: N817  # short names keep the tables readable
from congso.documents.constants import OutgoingStatus as OS  # noqa: N817  # short names keep the tables readable

INCOMING_TRANSITIONS: Final[Mapping[tuple[IS, IA], IS]] = {
    (IS.REGISTERED, IA.SUBMIT): IS.AWAITING_DIRECTION,
    (IS.REGISTERED, IA.DIRECT): IS.IN_PROGRESS,
    (IS.REGISTERED, IA.FILE): IS.FILED,
    (IS.REGISTERED, IA.RETURN): IS.RETURNED,
    (IS.REGISTERED, IA.RECALL): IS.RECALLED,
    (IS.AWAITING_DIRECTION, IA.DIRECT): IS.IN_PROGRESS,
    (IS.AWAITING_DIRECTION, IA.FILE): IS.FILED,
    (IS.AWAITING_DIRECTION, IA.RETURN): IS.RETURNED,
    (IS.AWAITING_DIRECTION, IA.RECALL): IS.RECALLED,
    (IS.IN_PROGRESS, IA.DIRECT): IS.IN_PROGRESS,  # more units, a new deadline
    (IS.IN_PROGRESS, IA.ASSIGN): IS.IN_PROGRESS,
    (IS.IN_PROGRESS, IA.PROPOSE): IS.IN_PROGRESS,
    (IS.IN_PROGRESS, IA.REPLY_LINK): IS.IN_PROGRESS,
    (IS.IN_PROGRESS, IA.COMPLETE): IS.COMPLETED,
    (IS.IN_PROGRESS, IA.RECALL): IS.RECALLED,
    (IS.COMPLETED, IA.REPLY_LINK): IS.COMPLETED,
    (IS.COMPLETED, IA.RECALL): IS.RECALLED,
    (IS.FILED, IA.RECALL): IS.RECALLED,
}

OUTGOING_TRANSITIONS: Final[Mapping[tuple[OS, OA], OS]] = {
    (OS.DRAFT, OA.EDIT): OS.DRAFT,
    (OS.DRAFT, OA.SUBMIT): OS.IN_REVIEW,
    (OS.DRAFT, OA.CANCEL): OS.CANCELLED,
    (OS.IN_REVIEW, OA.APPROVE): OS.IN_REVIEW,  # the service moves on to the signer
    (OS.IN_REVIEW, OA.RETURN): OS.DRAFT,
    (OS.AWAITING_SIGNATURE, OA.SIGN): OS.SIGNED,
    (OS.AWAITING_SIGNATURE, OA.RETURN): OS.DRAFT,
    (OS.SIGNED, OA.ISSUE): OS.ISSUED,
    (OS.ISSUED, OA.RECALL): OS.RECALLED,
    (OS.ISSUED, OA.REPLACE): OS.REPLACED,
}


def incoming_next(current: IS, action: IA) -> IS:
    return table_next(INCOMING_TRANSITIONS, current, action)


def outgoing_next(current: OS, action: OA) -> OS:
    return table_next(OUTGOING_TRANSITIONS, current, action)


def incoming_actions(current: IS) -> list[IA]:
    return table_actions(INCOMING_TRANSITIONS, current)


def outgoing_actions(current: OS) -> list[OA]:
    return table_actions(OUTGOING_TRANSITIONS, current)


__all__ = [
    "INCOMING_TRANSITIONS",
    "OUTGOING_TRANSITIONS",
    "TransitionNotAllowedError",
    "incoming_actions",
    "incoming_next",
    "outgoing_actions",
    "outgoing_next",
]
