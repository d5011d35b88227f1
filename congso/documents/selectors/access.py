"""Who may read which documents (conventions §10: lists are permission-scoped).

An official reads the non-secret documents of the agencies they work in (a role
anywhere in the agency, its offices or units) and those directed to their
units. Secret documents (độ mật) are read only by the agency's leaders and
document clerks, the heads of the units directed to handle them, their
assignees, reviewers and signer, and officials granted access by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from congso.accounts.constants import AgencyKind, Role
from congso.accounts.models import User
from congso.accounts.selectors import AgencyTree, Scope, agency_tree_get, scope_get
from congso.documents.constants import Secrecy
from congso.documents.models import (
    DocumentAccess,
    HandlingAssignment,
    ReviewStep,
)

SECRET_READERS = (Role.AGENCY_LEADER, Role.DOCUMENT_CLERK)


def agency_of(tree: AgencyTree, node_id: int) -> int:
    """The agency a node belongs to: itself, or the nearest ancestor that is not
    an internal unit (a unit shares its agency's legal identity)."""
    for node in reversed(tree.path(node_id)):
        if node.kind != AgencyKind.INTERNAL_UNIT:
            return node.id
    return node_id


def works_in(scope: Scope, tree: AgencyTree, agency_id: int) -> bool:
    """Whether the official holds a role in the agency or one of its units."""
    return any(agency_of(tree, a) == agency_id for a in scope.agency_ids())


@dataclass(frozen=True)
class DocumentScope:
    """An official's reach over documents on one day. ``head_unit_ids``: units
    the official may assign in (unit heads, and leaders over their agency);
    ``unit_head_ids``: the units the official heads (their assignment queue)."""

    user_id: int
    on: date
    member_agency_ids: frozenset[int]
    unit_ids: frozenset[int]
    head_unit_ids: frozenset[int]
    unit_head_ids: frozenset[int]
    secret_agency_ids: frozenset[int]
    clerk_agency_ids: frozenset[int]
    leader_agency_ids: frozenset[int]


def document_scope_get(*, user: User, on: date) -> DocumentScope:
    tree = agency_tree_get(on=on)
    scope = scope_get(user=user, on=on, tree=tree)
    covered = scope.agency_ids()
    return DocumentScope(
        user_id=user.pk,
        on=on,
        member_agency_ids=frozenset(agency_of(tree, a) for a in covered),
        unit_ids=covered,
        head_unit_ids=scope.agency_ids([Role.UNIT_HEAD, Role.AGENCY_LEADER]),
        unit_head_ids=scope.agency_ids([Role.UNIT_HEAD]),
        secret_agency_ids=scope.agency_ids(SECRET_READERS),
        clerk_agency_ids=scope.agency_ids([Role.DOCUMENT_CLERK]),
        leader_agency_ids=scope.agency_ids([Role.AGENCY_LEADER]),
    )


def incoming_visible_q(scope: DocumentScope) -> Q:
    assigned_to_units = Exists(
        HandlingAssignment.objects.filter(
            incoming=OuterRef("pk"), unit_id__in=scope.unit_ids
        )
    )
    headed = Exists(
        HandlingAssignment.objects.filter(
            incoming=OuterRef("pk"), unit_id__in=scope.head_unit_ids
        )
    )
    assignee = Exists(
        HandlingAssignment.objects.filter(
            incoming=OuterRef("pk"), assignee_id=scope.user_id
        )
    )
    granted = Exists(
        DocumentAccess.objects.filter(incoming=OuterRef("pk"), user_id=scope.user_id)
    )
    open_ = Q(secrecy=Secrecy.NONE) & (
        Q(agency_id__in=scope.member_agency_ids) | assigned_to_units
    )
    secret = ~Q(secrecy=Secrecy.NONE) & (
        Q(agency_id__in=scope.secret_agency_ids) | headed | assignee | granted
    )
    return open_ | secret


def outgoing_visible_q(scope: DocumentScope) -> Q:
    reviewer = Exists(
        ReviewStep.objects.filter(outgoing=OuterRef("pk"), reviewer_id=scope.user_id)
    )
    granted = Exists(
        DocumentAccess.objects.filter(outgoing=OuterRef("pk"), user_id=scope.user_id)
    )
    open_ = Q(secrecy=Secrecy.NONE) & Q(agency_id__in=scope.member_agency_ids)
    secret = ~Q(secrecy=Secrecy.NONE) & (
        Q(agency_id__in=scope.secret_agency_ids)
        | Q(created_by_id=scope.user_id)
        | Q(signer_id=scope.user_id)
        | reviewer
        | granted
    )
    return open_ | secret
