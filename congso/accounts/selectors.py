"""Reads of the organisation tree and of officials' scope (all effective-dated).

Scope rule: an official acts only inside the agencies covered by their role
assignments valid on the day of the action, walked over the tree *as it is on that
day* (organisation.md §3: "permission scope follows the tree at the moment of the
action")."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Prefetch, QuerySet

from congso.accounts.constants import AgencyKind, ScopeKind
from congso.accounts.models import (
    AgencyLineage,
    AgencyVersion,
    CitizenProfile,
    PhoneVerification,
    RoleAssignment,
    User,
)
from congso.core.freshness import VersionToken
from congso.core.periods import in_force_on


@dataclass(frozen=True)
class AgencyNode:
    """One agency as it was on a given day."""

    id: int
    parent_id: int | None
    name: str
    short_name: str
    kind: str
    level: str
    electronic_id: str
    external_code: str
    admin_unit_code: str
    valid_from: date
    valid_to: date | None
    work_schedule_id: int | None = None

    @property
    def is_internal_unit(self) -> bool:
        return self.kind == AgencyKind.INTERNAL_UNIT


@dataclass(frozen=True)
class AgencyTree:
    """The organisation tree on one day: nodes by id and children by parent id."""

    on: date
    nodes: dict[int, AgencyNode]
    children: dict[int | None, list[int]]

    def descendants(self, agency_id: int, *, scope: str) -> set[int]:
        """Ids covered by a role held at ``agency_id`` with the given scope.

        ``unit``: the node and the internal units below it; ``agency``: the node and
        everything below it down to, but excluding, subordinate People's Committees
        (the next level of government) — so a district chairman covers the district's
        offices and centre but not the communes; ``subtree``: everything below."""
        if agency_id not in self.nodes:
            return set()
        covered: set[int] = set()
        stack = [agency_id]
        while stack:
            current = stack.pop()
            if current in covered:
                continue
            covered.add(current)
            stack.extend(
                c for c in self.children.get(current, []) if self._reaches(c, scope)
            )
        return covered

    def _reaches(self, child_id: int, scope: str) -> bool:
        if scope == ScopeKind.SUBTREE:
            return True
        kind = self.nodes[child_id].kind
        if scope == ScopeKind.AGENCY:
            return kind not in (AgencyKind.PEOPLES_COMMITTEE, AgencyKind.MINISTRY)
        return kind == AgencyKind.INTERNAL_UNIT

    def path(self, node_id: int) -> list[AgencyNode]:
        """Ancestors from the root down to the node."""
        result: list[AgencyNode] = []
        current = self.nodes.get(node_id)
        while current is not None:
            result.append(current)
            current = self.nodes.get(current.parent_id) if current.parent_id else None
        return list(reversed(result))


def agency_version_list_on(*, on: date) -> QuerySet[AgencyVersion]:
    """Agency versions in force on ``on``."""
    return AgencyVersion.objects.filter(in_force_on(on)).select_related("admin_unit")


#: Trees by day, each with the token of the table it was built from. A change to any
#: agency version (count or latest ``updated_at``) rebuilds on the next call, in every
#: process, without a restart.
_trees: dict[date, tuple[tuple[object, ...], AgencyTree]] = {}
_trees_lock = threading.Lock()


def _tree_token() -> tuple[object, ...]:
    table = AgencyVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(id), MAX(updated_at) FROM {table}")  # noqa: S608  # table name from the model
        row = cursor.fetchone()
    return tuple(row) if row else ()


tree_version = VersionToken(_tree_token)


def agency_tree_get(*, on: date) -> AgencyTree:
    """The whole organisation tree on a day: at most one small query a second when
    cached (``core.freshness``), one more to rebuild after any change."""
    token = tree_version.get()
    cached = _trees.get(on)
    if cached is not None and cached[0] == token:
        return cached[1]
    tree = _build_tree(on)
    with _trees_lock:
        if len(_trees) > 32:
            _trees.clear()
        _trees[on] = (token, tree)
    return tree


def agency_tree_cache_clear() -> None:
    """Forget the trees built by this process (tests)."""
    _trees.clear()
    tree_version.expire()


def _build_tree(on: date) -> AgencyTree:
    nodes: dict[int, AgencyNode] = {}
    children: dict[int | None, list[int]] = defaultdict(list)
    for v in agency_version_list_on(on=on).order_by("name"):
        nodes[v.agency_id] = AgencyNode(
            id=v.agency_id,
            parent_id=v.parent_id,
            name=v.name,
            short_name=v.short_name,
            kind=v.kind,
            level=v.level,
            electronic_id=v.electronic_id,
            external_code=v.external_code,
            admin_unit_code=v.admin_unit.code if v.admin_unit else "",
            valid_from=v.valid_from,
            valid_to=v.valid_to,
            work_schedule_id=v.work_schedule_id,
        )
        children[v.parent_id].append(v.agency_id)
    return AgencyTree(on=on, nodes=nodes, children=dict(children))


#: Bumped whenever a role assignment is saved or deleted in this process; the
#: per-request memo below is keyed by it, so a change made earlier in the same
#: request is always seen.
_assignments_generation = 0


def role_assignments_changed() -> None:
    """Invalidate the per-request assignment memos (``RoleAssignment`` signals)."""
    global _assignments_generation  # process-wide counter
    _assignments_generation += 1


def role_assignment_list_for_user(*, user: User, on: date) -> list[RoleAssignment]:
    """The official's role assignments valid on ``on``.

    Memoised on the user object, which lives for one request: a reception through the
    API asks for the desk, the scope of the service and the scope of the answer, and
    reads the assignments once."""
    if not user.is_authenticated or not user.is_active:
        return []
    memo: dict[date, tuple[int, list[RoleAssignment]]] = user.__dict__.setdefault(
        "_congso_assignments", {}
    )
    hit = memo.get(on)
    if hit is not None and hit[0] == _assignments_generation:
        return list(hit[1])
    assignments = list(
        RoleAssignment.objects.filter(in_force_on(on), user=user)
        .select_related("agency")
        .order_by("role", "id")
    )
    memo[on] = (_assignments_generation, assignments)
    return list(assignments)


@dataclass(frozen=True)
class Scope:
    """What an official may reach on one day: covered agency ids per role."""

    on: date
    by_role: dict[str, frozenset[int]]
    is_superuser: bool = False

    def agency_ids(self, roles: Iterable[str] | None = None) -> frozenset[int]:
        wanted = self.by_role.keys() if roles is None else roles
        result: set[int] = set()
        for role in wanted:
            result |= self.by_role.get(role, frozenset())
        return frozenset(result)

    def covers(self, agency_id: int, roles: Iterable[str] | None = None) -> bool:
        return agency_id in self.agency_ids(roles)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.by_role)


def scope_get(*, user: User, on: date, tree: AgencyTree | None = None) -> Scope:
    """The official's scope on ``on``. A Django superuser is not given agency scope
    implicitly: platform operators get a ``system_admin`` assignment like anyone."""
    assignments = role_assignment_list_for_user(user=user, on=on)
    if not assignments:
        return Scope(on=on, by_role={}, is_superuser=bool(user.is_superuser))
    tree = tree or agency_tree_get(on=on)
    by_role: dict[str, set[int]] = defaultdict(set)
    for a in assignments:
        by_role[a.role] |= tree.descendants(a.agency_id, scope=a.scope)
    return Scope(
        on=on,
        by_role={role: frozenset(ids) for role, ids in by_role.items()},
        is_superuser=bool(user.is_superuser),
    )


def agency_get_visible(*, user: User, agency_id: int, on: date) -> AgencyNode | None:
    """The agency as of ``on`` when the official may see it, else None (→ 404)."""
    tree = agency_tree_get(on=on)
    if not scope_get(user=user, on=on, tree=tree).covers(agency_id):
        return None
    return tree.nodes.get(agency_id)


def agency_list_visible(*, user: User, on: date) -> list[AgencyNode]:
    """Agencies in the official's scope on ``on``, in tree order."""
    tree = agency_tree_get(on=on)
    visible = scope_get(user=user, on=on, tree=tree).agency_ids()
    ordered: list[AgencyNode] = []

    def walk(parent: int | None) -> None:
        for child in tree.children.get(parent, []):
            if child in visible:
                ordered.append(tree.nodes[child])
            walk(child)

    walk(None)
    return ordered


def agency_history_get(
    *, agency_id: int
) -> tuple[list[AgencyVersion], list[AgencyLineage], list[AgencyLineage]]:
    """All versions of an agency with its predecessor and successor links."""
    versions = list(
        AgencyVersion.objects.filter(agency_id=agency_id)
        .select_related("admin_unit")
        .order_by("valid_from")
    )
    lineage = AgencyLineage.objects.select_related(
        "predecessor", "successor"
    ).prefetch_related(
        Prefetch("predecessor__versions"), Prefetch("successor__versions")
    )
    predecessors = list(lineage.filter(successor_id=agency_id))
    successors = list(lineage.filter(predecessor_id=agency_id))
    return versions, predecessors, successors


def official_list_for_agencies(
    *, agency_ids: Iterable[int], on: date
) -> QuerySet[User]:
    """Officials holding a role in any of the agencies on ``on``."""
    return (
        User.objects.filter(
            in_force_on(on, "role_assignments__"),
            role_assignments__agency_id__in=list(agency_ids),
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(in_force_on(on)).order_by(
                    "role"
                ),
                to_attr="current_assignments",
            )
        )
        .order_by("full_name", "username")
    )


def user_primary_agency(*, user: User, on: date) -> tuple[int, str] | None:
    """(agency id, name) of the official's first assignment on ``on``, for snapshots."""
    assignment = (
        RoleAssignment.objects.filter(in_force_on(on), user=user).order_by("id").first()
    )
    if assignment is None:
        return None
    version = (
        AgencyVersion.objects.filter(in_force_on(on), agency_id=assignment.agency_id)
        .only("name")
        .first()
    )
    return assignment.agency_id, version.name if version else ""


def agency_reference_code(
    *, agency_id: int, on: date, tree: AgencyTree | None = None
) -> str:
    """The code that prefixes an agency's dossier codes: the nearest node, from the
    agency up, with an external system code (preferred) or an agency e-ID; "" if none."""
    for node in reversed((tree or agency_tree_get(on=on)).path(agency_id)):
        if node.external_code or node.electronic_id:
            return node.external_code or node.electronic_id
    return ""


def agency_version_on(*, agency_id: int, on: date) -> AgencyVersion | None:
    """The agency's version in force on ``on``, or its last one if it had ended by
    then (a dossier of a former district still prints under that district's name)."""
    return (
        AgencyVersion.objects.filter(agency_id=agency_id, valid_from__lte=on)
        .select_related("admin_unit")
        .order_by("-valid_from")
        .first()
    )


# Citizens (công dân) -------------------------------------------------------------


def citizen_profile_get(*, user: User | AnonymousUser) -> CitizenProfile | None:
    """The citizen's profile, or None for anonymous users and officials.

    Memoised on the user object (one request), so the decorator, the navbar and the
    view share one query."""
    if not user.is_authenticated:
        return None
    memo = user.__dict__
    if "_congso_citizen_profile" not in memo:
        memo["_congso_citizen_profile"] = CitizenProfile.objects.filter(
            user_id=user.pk
        ).first()
    profile: CitizenProfile | None = memo["_congso_citizen_profile"]
    return profile


def citizen_profile_forget(*, user: User) -> None:
    """Drop the memo of :func:`citizen_profile_get` (after a change)."""
    user.__dict__.pop("_congso_citizen_profile", None)


def citizen_has_verified_email(*, user: User) -> bool:
    verified: bool = EmailAddress.objects.filter(
        user_id=user.pk, verified=True
    ).exists()
    return verified


def citizen_is_verified(*, user: User | AnonymousUser) -> bool:
    """A citizen may submit once one contact is verified: an e-mail address
    (allauth's ``EmailAddress``), the phone number (SMS code), or the identity itself
    (signed in through the national e-identity)."""
    profile = citizen_profile_get(user=user)
    if profile is None:
        return False
    if profile.identity_verified or profile.phone_verified_at is not None:
        return True
    return citizen_has_verified_email(user=profile.user)


def user_is_official(*, user: User | AnonymousUser) -> bool:
    """Staff, or anyone holding a role assignment (whatever its dates)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user_id=user.pk).exists()


def citizen_personal_id_taken(*, personal_id: str, exclude_user_id: int | None) -> bool:
    """Whether another account already holds the personal ID."""
    taken = CitizenProfile.objects.filter(personal_id=personal_id)
    if exclude_user_id is not None:
        taken = taken.exclude(user_id=exclude_user_id)
    return taken.exists()


def phone_verification_get_pending(*, user: User) -> PhoneVerification | None:
    """The latest code sent to the citizen and not yet used."""
    return (
        PhoneVerification.objects.filter(user=user, used_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
