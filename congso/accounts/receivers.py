"""Sign-in events into the audit trail; role-assignment and organisation changes
into the per-process caches.

Signals, not service calls, because sign-in is performed by Django/allauth's own views;
recording it is decoupled infrastructure (conventions §3)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from congso.accounts.middleware import CITIZEN_SESSION_KEY
from congso.accounts.models import AgencyVersion, CitizenProfile, RoleAssignment, User
from congso.accounts.selectors import role_assignments_changed, tree_version
from congso.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="congso.audit_signed_in")
def audit_signed_in(
    sender: Any, request: HttpRequest, user: User, **kwargs: Any
) -> None:
    """Also marks a citizen's session (``middleware.CitizenBoundaryMiddleware``)."""
    is_citizen = CitizenProfile.objects.filter(user_id=user.pk).exists()
    if request is not None and hasattr(request, "session"):
        request.session[CITIZEN_SESSION_KEY] = is_citizen
    kind = "citizen" if is_citizen else "official"
    with transaction.atomic():
        audit_record(event_type=f"accounts.{kind}.signed_in", actor=user, obj=user)


@receiver(user_logged_out, dispatch_uid="congso.audit_signed_out")
def audit_signed_out(
    sender: Any, request: HttpRequest, user: User | None, **kwargs: Any
) -> None:
    if user is not None:
        with transaction.atomic():
            audit_record(
                event_type="accounts.official.signed_out", actor=user, obj=user
            )


@receiver(user_login_failed, dispatch_uid="congso.audit_sign_in_failed")
def audit_sign_in_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    """Only the username tried is kept (never the password)."""
    username = str(
        credentials.get("username")
        or credentials.get("login")
        or credentials.get("email")
        or ""
    )[:150]
    with transaction.atomic():
        audit_record(
            event_type="accounts.official.sign_in_failed",
            actor=None,
            data={"username": username},
        )


@receiver(post_save, sender=RoleAssignment, dispatch_uid="congso.assignment_saved")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="congso.assignment_deleted")
def _assignment_changed(**_kwargs: Any) -> None:
    role_assignments_changed()


@receiver(post_save, sender=AgencyVersion, dispatch_uid="congso.agency_version_saved")
@receiver(
    post_delete, sender=AgencyVersion, dispatch_uid="congso.agency_version_deleted"
)
def _tree_changed(**_kwargs: Any) -> None:
    """The next tree read in this process asks the database (``core.freshness``)."""
    tree_version.expire()
    transaction.on_commit(tree_version.expire)
