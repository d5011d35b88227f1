"""Who handles feedback (PAKN) and who sees ratings.

- The agency concerned handles its feedback: its **leaders** (``agency_leader``)
  and its **reception officers** — including the one-stop desk of a People's
  Committee, whose officers sit at the service centre below it (the desk is the
  PC's, so a desk's nearest People's Committee counts as theirs).
- Accept, refuse, ask for information, forward and assign: leaders and desk.
- Answer: leaders, desk, or the official the item is assigned to.
- Publish the answer: leaders only.
- Ratings of the dossiers received by an agency: its leaders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from congso.accounts.constants import AgencyKind, Role
from congso.accounts.selectors import AgencyTree, Scope
from congso.feedback.constants import FeedbackAction as A

DESK_AND_LEADERS: Final = (Role.RECEPTION_OFFICER, Role.AGENCY_LEADER)
LEADERS: Final = (Role.AGENCY_LEADER,)

#: Official action → the roles at the agency concerned that grant it.
ACTION_GRANTS: Final[Mapping[A, tuple[str, ...]]] = {
    A.ACCEPT: DESK_AND_LEADERS,
    A.REFUSE: DESK_AND_LEADERS,
    A.REQUEST_SUPPLEMENT: DESK_AND_LEADERS,
    A.FORWARD: DESK_AND_LEADERS,
    A.ASSIGN: DESK_AND_LEADERS,
    A.ANSWER: DESK_AND_LEADERS,
    A.PUBLISH: LEADERS,
}
#: Actions an assignee may take on the item assigned to them.
ASSIGNEE_ACTIONS: Final = frozenset({A.ANSWER, A.REQUEST_SUPPLEMENT})


def feedback_agency_ids(
    scope: Scope, tree: AgencyTree, roles: Iterable[str] = DESK_AND_LEADERS
) -> frozenset[int]:
    """Agencies whose feedback the official handles with one of ``roles``."""
    wanted = tuple(roles)
    ids = set(scope.agency_ids(wanted))
    if Role.RECEPTION_OFFICER in wanted:
        for desk in scope.agency_ids([Role.RECEPTION_OFFICER]):
            for node in reversed(tree.path(desk)):
                if node.kind == AgencyKind.PEOPLES_COMMITTEE:
                    ids.add(node.id)
                    break
    return frozenset(ids)


def can_act(
    scope: Scope,
    tree: AgencyTree,
    *,
    action: A,
    agency_id: int,
    is_assignee: bool = False,
) -> bool:
    """May the official take ``action`` on an item of ``agency_id``?"""
    roles = ACTION_GRANTS.get(action)
    if roles is None:
        return False
    if is_assignee and action in ASSIGNEE_ACTIONS:
        return True
    return agency_id in feedback_agency_ids(scope, tree, roles)


def rating_agency_ids(scope: Scope) -> frozenset[int]:
    """Receiving units whose dossiers' ratings the official sees (leaders)."""
    return scope.agency_ids(LEADERS)
