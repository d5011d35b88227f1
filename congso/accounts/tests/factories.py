"""Test builders for the organisation, going through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from congso.accounts import services
from congso.accounts.constants import AgencyKind, AgencyLevel, Role, ScopeKind
from congso.accounts.models import Agency, User

START = date(2020, 1, 1)


def agency(
    name: str,
    *,
    parent: Agency | None = None,
    kind: str = AgencyKind.PEOPLES_COMMITTEE,
    level: str = AgencyLevel.DISTRICT,
    valid_from: date = START,
    **extra: str,
) -> Agency:
    return services.agency_create(
        data=services.AgencyData(
            name=name, kind=kind, level=level, parent=parent, **extra
        ),
        valid_from=valid_from,
        actor=None,
    )


def official(
    username: str,
    *,
    role: str | None = None,
    at: Agency | None = None,
    scope: str | None = None,
) -> User:
    user = services.official_create(
        username=username,
        full_name=username.title(),
        password="x-Secret-123",
        actor=None,
    )
    if role and at:
        services.role_assign(
            user=user, agency=at, role=role, valid_from=START, actor=None, scope=scope
        )
    return user


@dataclass
class World:
    """Province P with districts A and B; A has an office, a centre with a desk and a
    commune; officials of every role at A, a leader at B and an administrator at P."""

    province: Agency
    district_a: Agency
    office_a: Agency
    centre_a: Agency
    desk_a: Agency
    commune_a: Agency
    district_b: Agency
    office_b: Agency
    users: dict[str, User]


def build_world() -> World:
    p = agency("UBND tỉnh P", level=AgencyLevel.PROVINCE)
    a = agency("UBND huyện A", parent=p)
    office_a = agency("Phòng Tư pháp A", parent=a, kind=AgencyKind.SPECIALISED_AGENCY)
    centre_a = agency("Trung tâm HCC A", parent=a, kind=AgencyKind.SERVICE_CENTRE)
    desk_a = agency("Bộ phận một cửa A", parent=centre_a, kind=AgencyKind.INTERNAL_UNIT)
    commune_a = agency("UBND xã A1", parent=a, level=AgencyLevel.COMMUNE)
    b = agency("UBND huyện B", parent=p)
    office_b = agency("Phòng Tư pháp B", parent=b, kind=AgencyKind.SPECIALISED_AGENCY)
    users = {
        "leader_a": official("leader_a", role=Role.AGENCY_LEADER, at=a),
        "head_a": official("head_a", role=Role.UNIT_HEAD, at=office_a),
        "specialist_a": official("specialist_a", role=Role.SPECIALIST, at=office_a),
        "reception_a": official(
            "reception_a", role=Role.RECEPTION_OFFICER, at=centre_a
        ),
        "clerk_a": official("clerk_a", role=Role.DOCUMENT_CLERK, at=a),
        "admin_p": official(
            "admin_p", role=Role.SYSTEM_ADMIN, at=p, scope=ScopeKind.SUBTREE
        ),
        "leader_b": official("leader_b", role=Role.AGENCY_LEADER, at=b),
        "norole": official("norole"),
    }
    return World(p, a, office_a, centre_a, desk_a, commune_a, b, office_b, users)
