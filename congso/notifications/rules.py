"""Permission predicates of the notifications app."""

from __future__ import annotations

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.rules import user_scope


@predicate  # type: ignore[untyped-decorator]  # rules ships no types
def can_view_demo_outbox(user: Any) -> bool:
    """Staff members and system administrators."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return bool(user.is_staff) or Role.SYSTEM_ADMIN in user_scope(user).roles


add_perm("notifications.view_demo_outbox", can_view_demo_outbox)  # type: ignore[no-untyped-call]
