"""Assigning a dossier to an official (phân công xử lý hồ sơ)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.accounts.selectors import scope_get
from congso.audit.services import audit_record
from congso.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from congso.dossiers.models import Dossier
from congso.dossiers.rules import HANDLERS
from congso.dossiers.selectors import dossier_assign_allowed


@transaction.atomic
def dossier_assign(
    *,
    dossier: Dossier,
    assignee: User,
    actor: User,
    expected_version: int | None = None,
) -> Dossier:
    """Assign or reassign an open dossier to an official holding a handling role at
    the agency where it currently is; unit heads and leaders there may do it."""
    today = timezone.localdate()
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if expected_version is not None and locked.row_version != expected_version:
        raise ConflictError(
            _("The dossier was changed by someone else. Reload it and try again."),
            code="stale",
        )
    if not dossier_assign_allowed(
        scope=scope_get(user=actor, on=today), dossier=locked
    ):
        raise PermissionDeniedError(
            _("Your role does not allow assigning this dossier."), code="role"
        )
    agency_id = locked.current_agency_id
    if agency_id is None or not scope_get(user=assignee, on=today).covers(
        agency_id, HANDLERS
    ):
        raise ApplicationError(
            _("This official does not handle dossiers at the agency holding it."),
            code="assignee",
        )
    previous = locked.assignee_id
    locked.assignee = assignee
    locked.row_version += 1
    locked.save(update_fields=["assignee", "row_version", "updated_at"])
    audit_record(
        event_type="dossiers.dossier.assigned",
        actor=actor,
        obj=locked,
        data={"code": locked.code, "assignee": assignee.pk, "previous": previous},
    )
    return locked
