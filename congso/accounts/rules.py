"""Permission predicates (``rules``) for the organisation.

Object permissions take an agency id (``int``) or an :class:`AgencyNode`; the scope is
computed for today's tree. Registered names follow ``<app>.<verb>_<entity>``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rules.permissions import add_perm
from rules.predicates import predicate

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.selectors import Scope, scope_get

MANAGERS = (Role.AGENCY_LEADER, Role.UNIT_HEAD, Role.SYSTEM_ADMIN)
OVERSEERS = (Role.AGENCY_LEADER, Role.SYSTEM_ADMIN)


def user_scope(user: User) -> Scope:
    """The user's scope today, memoised on the user object for one request."""
    today = timezone.localdate()
    cached: Scope | None = getattr(user, "_congso_scope", None)
    if cached is None or cached.on != today:
        cached = scope_get(user=user, on=today)
        user._congso_scope = cached  # type: ignore[attr-defined]  # per-request memo
    return cached


def _agency_id(target: Any) -> int | None:
    if target is None:
        return None
    return int(getattr(target, "id", target))


@predicate
def can_view_agency(user: User, agency: Any) -> bool:
    agency_id = _agency_id(agency)
    return (
        agency_id is not None
        and user.is_authenticated
        and user_scope(user).covers(agency_id)
    )


@predicate
def can_manage_officials(user: User, agency: Any) -> bool:
    agency_id = _agency_id(agency)
    return (
        agency_id is not None
        and user.is_authenticated
        and user_scope(user).covers(agency_id, MANAGERS)
    )


@predicate
def can_view_audit(user: User, agency: Any) -> bool:
    agency_id = _agency_id(agency)
    return (
        agency_id is not None
        and user.is_authenticated
        and user_scope(user).covers(agency_id, OVERSEERS)
    )


add_perm("accounts.view_agency", can_view_agency)
add_perm("accounts.view_officials", can_manage_officials)
add_perm("accounts.view_audit", can_view_audit)
