"""Who may do what to a dossier: per action, the roles allowed and where they must
hold them — at the receiving unit, at the agency of the current step, or at the
competent authority (one-stop.md §2.2: permissions follow the receiving/competent
split)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from congso.accounts.constants import Role
from congso.accounts.selectors import Scope
from congso.dossiers.constants import DossierAction as A

RECEIVING, STEP, COMPETENT = "receiving", "step", "competent"

HANDLERS = (Role.SPECIALIST, Role.UNIT_HEAD, Role.AGENCY_LEADER)
DECIDERS = (Role.UNIT_HEAD, Role.AGENCY_LEADER)

#: action → ((roles, where), …): any one pair grants the action.
ACTION_GRANTS: Final[Mapping[A, tuple[tuple[tuple[str, ...], str], ...]]] = {
    A.RECEIVE: (((Role.RECEPTION_OFFICER,), RECEIVING),),
    A.FORWARD: (((Role.RECEPTION_OFFICER,), RECEIVING),),
    A.HAND_OVER: ((HANDLERS, STEP),),
    A.REQUEST_SUPPLEMENT: (((Role.RECEPTION_OFFICER,), RECEIVING), (HANDLERS, STEP)),
    A.SUPPLEMENT: (((Role.RECEPTION_OFFICER,), RECEIVING),),
    A.APOLOGISE: ((DECIDERS, STEP), ((Role.AGENCY_LEADER,), COMPETENT)),
    A.RESOLVE: ((DECIDERS, STEP),),
    A.RETURN_RESULT: (((Role.RECEPTION_OFFICER,), RECEIVING),),
    A.REFUSE: (((Role.RECEPTION_OFFICER,), RECEIVING), (DECIDERS, STEP)),
    A.STOP: ((DECIDERS, STEP), ((Role.AGENCY_LEADER,), COMPETENT)),
    A.WITHDRAW: (((Role.RECEPTION_OFFICER,), RECEIVING),),
}

#: Roles that take part in one-stop handling and so may comment on a dossier they
#: see, or attach working files to it (ý kiến, tài liệu đính kèm).
NOTE_ROLES: Final = (Role.RECEPTION_OFFICER, *HANDLERS)


def can_comment(scope: Scope, *, agency_ids: Iterable[int | None]) -> bool:
    """Whoever sees the dossier through a one-stop role at one of its agencies
    (receiving unit, competent authority, any step's agency) may comment."""
    return any(a is not None and scope.covers(a, NOTE_ROLES) for a in agency_ids)


def can_attach(
    scope: Scope,
    *,
    unfinished: bool,
    receiving_agency_id: int,
    held_step_agency_ids: Iterable[int],
) -> bool:
    """Working files are attached while the dossier is unfinished, by the receiving
    desk or by an official of an agency holding or having held one of its steps."""
    if not unfinished:
        return False
    if scope.covers(receiving_agency_id, (Role.RECEPTION_OFFICER,)):
        return True
    return any(scope.covers(a, NOTE_ROLES) for a in held_step_agency_ids)
