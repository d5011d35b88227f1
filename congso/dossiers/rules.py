"""Who may do what to a dossier: per action, the roles allowed and where they must
hold them — at the receiving unit, at the agency of the current step, or at the
competent authority (one-stop.md §2.2: permissions follow the receiving/competent
split)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from congso.accounts.constants import Role
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
