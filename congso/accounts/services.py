"""Writes to the organisation tree and officials' roles. Every change is atomic and
leaves an audit event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import DEFAULT_SCOPE, AgencyKind, LineageKind, Role
from congso.accounts.models import (
    AdminUnit,
    Agency,
    AgencyLineage,
    AgencyVersion,
    CitizenProfile,
    RoleAssignment,
    User,
)
from congso.accounts.selectors import role_assignments_changed
from congso.audit.services import audit_record
from congso.calendar.models import WorkSchedule
from congso.core.errors import ApplicationError, ConflictError
from congso.core.periods import not_ended_before, open_after
from congso.core.text import nfc

#: The attributes of an agency that a new version may change.
VERSION_FIELDS: tuple[str, ...] = (
    "name",
    "short_name",
    "kind",
    "level",
    "parent",
    "admin_unit",
    "work_schedule",
    "electronic_id",
    "external_code",
    "address",
    "legal_basis",
)


class OrganisationError(ApplicationError):
    """A refused change to the organisation tree."""


@dataclass(frozen=True)
class AgencyData:
    """The versioned attributes of an agency (one period)."""

    name: str
    kind: str
    level: str
    short_name: str = ""
    parent: Agency | None = None
    admin_unit: AdminUnit | None = None
    work_schedule: WorkSchedule | None = None
    electronic_id: str = ""
    external_code: str = ""
    address: str = ""
    legal_basis: str = ""


def _snapshot(version: AgencyVersion) -> dict[str, Any]:
    return {
        "name": version.name,
        "short_name": version.short_name,
        "kind": version.kind,
        "level": version.level,
        "parent_id": version.parent_id,
        "admin_unit_id": version.admin_unit_id,
        "work_schedule_id": version.work_schedule_id,
        "electronic_id": version.electronic_id,
        "external_code": version.external_code,
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
    }


def agency_version_validate(version: AgencyVersion) -> AgencyVersion:
    """Check an unsaved version (fields, parent in force, no cycle); raise
    :class:`OrganisationError`. Used by services and by the administration's forms."""
    return _validated_version(version)


def _validated_version(version: AgencyVersion) -> AgencyVersion:
    try:
        version.full_clean(exclude=["agency"])
    except ValidationError as exc:
        raise OrganisationError(
            _("The agency data is invalid."),
            code="invalid",
            extra={"errors": exc.message_dict},
        ) from exc
    if version.parent_id is not None:
        parent_alive = AgencyVersion.objects.filter(
            not_ended_before(version.valid_from),
            agency_id=version.parent_id,
            valid_from__lte=version.valid_from,
        ).exists()
        if not parent_alive:
            raise OrganisationError(
                _("The parent agency does not exist on the start date."),
                code="parent_not_valid",
            )
        if version.agency_id and _is_ancestor(
            version.agency_id, version.parent_id, version.valid_from
        ):
            raise OrganisationError(
                _("An agency cannot be placed under itself or one of its units."),
                code="cycle",
            )
    if version.kind == AgencyKind.INTERNAL_UNIT and version.parent_id is None:
        raise OrganisationError(
            _("An internal unit must belong to an agency."), code="unit_without_parent"
        )
    return version


def _is_ancestor(agency_id: int, candidate_child_id: int, on: date) -> bool:
    """True when ``agency_id`` is ``candidate_child_id`` or one of its ancestors."""
    seen: set[int] = set()
    current: int | None = candidate_child_id
    while current is not None and current not in seen:
        if current == agency_id:
            return True
        seen.add(current)
        current = (
            AgencyVersion.objects.filter(
                not_ended_before(on),
                agency_id=current,
                valid_from__lte=on,
            )
            .values_list("parent_id", flat=True)
            .first()
        )
    return False


@transaction.atomic
def agency_create(*, data: AgencyData, valid_from: date, actor: User | None) -> Agency:
    """Create an agency or internal unit (cơ quan, đơn vị) in force from ``valid_from``."""
    agency = Agency.objects.create()
    version = _validated_version(
        AgencyVersion(
            agency=agency,
            valid_from=valid_from,
            name=nfc(data.name).strip(),
            short_name=nfc(data.short_name).strip(),
            kind=data.kind,
            level=data.level,
            parent=data.parent,
            admin_unit=data.admin_unit,
            work_schedule=data.work_schedule,
            electronic_id=data.electronic_id,
            external_code=data.external_code,
            address=nfc(data.address).strip(),
            legal_basis=nfc(data.legal_basis).strip(),
        )
    )
    version.save()
    audit_record(
        event_type="accounts.agency.created",
        actor=actor,
        obj=agency,
        data=_snapshot(version),
    )
    return agency


def _current_version(agency: Agency, on: date) -> AgencyVersion:
    version = (
        AgencyVersion.objects.select_for_update()
        .filter(
            not_ended_before(on),
            agency=agency,
            valid_from__lte=on,
        )
        .first()
    )
    if version is None:
        raise OrganisationError(
            _("The agency is not in force on %(date)s.")
            % {"date": on.strftime("%d/%m/%Y")},
            code="not_in_force",
        )
    return version


@transaction.atomic
def agency_version_change(
    *, agency: Agency, effective_date: date, changes: dict[str, Any], actor: User | None
) -> AgencyVersion:
    """Change an agency from ``effective_date`` (rename, move, new identifiers…): the
    version in force is closed the day before and a new one starts. Past records keep
    pointing at the version that acted."""
    allowed = set(VERSION_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise OrganisationError(
            _("Unknown agency fields: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    current = _current_version(agency, effective_date)
    if (
        current.valid_to is not None
        and current.valid_to >= effective_date
        and (
            AgencyVersion.objects.filter(
                agency=agency, valid_from__gt=effective_date
            ).exists()
        )
    ):
        raise ConflictError(
            _(
                "A later version of this agency already exists; change that one instead."
            ),
            code="later_version_exists",
        )
    before = _snapshot(current)
    if current.valid_from == effective_date:
        new = current
    else:
        current.valid_to = effective_date - timedelta(days=1)
        current.save(update_fields=["valid_to", "updated_at"])
        new = AgencyVersion.objects.get(pk=current.pk)
        new.pk = None
        new.valid_from = effective_date
        new.valid_to = None
    for name, value in changes.items():
        setattr(new, name, nfc(value).strip() if isinstance(value, str) else value)
    _validated_version(new).save()
    audit_record(
        event_type="accounts.agency.changed",
        actor=actor,
        obj=agency,
        data={"before": before, "after": _snapshot(new)},
    )
    return new


@transaction.atomic
def agency_succeed(
    *,
    predecessors: list[Agency],
    successors: list[Agency],
    kind: str,
    effective_date: date,
    legal_basis: str,
    actor: User | None,
) -> list[AgencyLineage]:
    """Record a merger, split, upgrade, rename or dissolution: the predecessors cease
    the day before ``effective_date`` (their units with them) and lineage links are
    written. Apps holding in-flight work (dossiers, documents) re-map it from the
    lineage links when they are built."""
    if kind not in LineageKind.values:
        raise OrganisationError(_("Unknown kind of succession."), code="invalid_kind")
    if not predecessors or (not successors and kind != LineageKind.DISSOLVE):
        raise OrganisationError(
            _("A succession needs predecessors and successors."), code="incomplete"
        )
    if {a.pk for a in predecessors} & {a.pk for a in successors}:
        raise OrganisationError(
            _("An agency cannot succeed itself."), code="self_succession"
        )
    end = effective_date - timedelta(days=1)
    links: list[AgencyLineage] = []
    for old in predecessors:
        _close_with_units(old, end)
        for new in successors:
            try:
                with transaction.atomic():
                    links.append(
                        AgencyLineage.objects.create(
                            predecessor=old,
                            successor=new,
                            kind=kind,
                            effective_date=effective_date,
                            legal_basis=legal_basis,
                        )
                    )
            except IntegrityError:
                raise ConflictError(
                    _("This succession is already recorded."), code="duplicate_lineage"
                ) from None
    payload = {
        "predecessor_ids": [a.pk for a in predecessors],
        "successor_ids": [a.pk for a in successors],
        "kind": kind,
        "effective_date": effective_date.isoformat(),
    }
    for old in predecessors:
        audit_record(
            event_type="accounts.agency.succeeded",
            actor=actor,
            obj=old,
            data={**payload, "legal_basis": legal_basis},
        )
    return links


def _close_with_units(agency: Agency, end: date) -> None:
    version = _current_version(agency, end)
    if version.valid_to is None or version.valid_to > end:
        version.valid_to = end
        version.save(update_fields=["valid_to", "updated_at"])
    unit_ids = AgencyVersion.objects.filter(
        open_after(end),
        parent=agency,
        kind=AgencyKind.INTERNAL_UNIT,
        valid_from__lte=end,
    ).values_list("agency_id", flat=True)
    for unit_id in list(unit_ids):
        _close_with_units(Agency.objects.get(pk=unit_id), end)
    RoleAssignment.objects.filter(open_after(end), agency=agency).update(valid_to=end)
    role_assignments_changed()  # a queryset update sends no post_save


@transaction.atomic
def official_create(
    *,
    username: str,
    full_name: str,
    password: str | None,
    actor: User | None,
    **extra: Any,
) -> User:
    """Create an official's account (tài khoản cán bộ)."""
    if User.objects.filter(username__iexact=username).exists():
        raise ConflictError(
            _("The username %(username)s is already taken.") % {"username": username},
            code="duplicate_username",
        )
    user = User(username=username, full_name=nfc(full_name).strip(), **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ApplicationError(
            _("The official's data is invalid."), extra={"errors": exc.message_dict}
        ) from exc
    user.save()
    audit_record(
        event_type="accounts.official.created",
        actor=actor,
        obj=user,
        data={"username": username, "full_name": full_name},
    )
    return user


def role_assign_check(
    *, user: User, agency: Agency, role: str, valid_from: date
) -> None:
    """Refuse an unknown role, an agency not in force or a duplicate assignment."""
    if role not in Role.values:
        raise ApplicationError(_("Unknown role."), code="invalid_role")
    if CitizenProfile.objects.filter(user=user).exists():
        raise ApplicationError(
            _("A citizen account cannot hold an official's role."),
            code="citizen_account",
        )
    if not AgencyVersion.objects.filter(
        not_ended_before(valid_from),
        agency=agency,
        valid_from__lte=valid_from,
    ).exists():
        raise OrganisationError(
            _("The agency is not in force on %(date)s.")
            % {"date": valid_from.strftime("%d/%m/%Y")},
            code="not_in_force",
        )
    duplicate = RoleAssignment.objects.filter(
        not_ended_before(valid_from),
        user=user,
        agency=agency,
        role=role,
    ).exists()
    if duplicate:
        raise ConflictError(
            _("The official already holds this role in this agency."),
            code="duplicate_role",
        )


@transaction.atomic
def role_assign(
    *,
    user: User,
    agency: Agency,
    role: str,
    valid_from: date,
    actor: User | None,
    scope: str | None = None,
    position_title: str = "",
) -> RoleAssignment:
    """Give an official a role in an agency or unit (phân quyền)."""
    role_assign_check(user=user, agency=agency, role=role, valid_from=valid_from)
    assignment = RoleAssignment.objects.create(
        user=user,
        agency=agency,
        role=role,
        scope=scope or DEFAULT_SCOPE[role],
        position_title=position_title,
        valid_from=valid_from,
    )
    audit_record(
        event_type="accounts.role_assignment.created",
        actor=actor,
        obj=assignment,
        data={
            "user_id": user.pk,
            "agency_id": agency.pk,
            "role": role,
            "scope": assignment.scope,
            "valid_from": valid_from.isoformat(),
        },
    )
    return assignment


@transaction.atomic
def role_revoke(
    *, assignment: RoleAssignment, end: date, actor: User | None
) -> RoleAssignment:
    """End a role assignment on ``end`` (inclusive)."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if end < assignment.valid_from:
        raise ApplicationError(
            _("The end date is before the start of the assignment."), code="invalid_end"
        )
    assignment.valid_to = end
    assignment.save(update_fields=["valid_to"])
    audit_record(
        event_type="accounts.role_assignment.ended",
        actor=actor,
        obj=assignment,
        data={"valid_to": end.isoformat()},
    )
    return assignment


@transaction.atomic
def official_save(*, user: User, actor: User | None, created: bool) -> User:
    """Save an official edited in the administration (profile, flags, password)."""
    user.save()
    audit_record(
        event_type="accounts.official.created"
        if created
        else "accounts.official.changed",
        actor=actor,
        obj=user,
        data={
            "username": user.username,
            "full_name": user.full_name,
            "is_active": user.is_active,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
        },
    )
    return user
