"""Organisation services: effective dating, lineage, validation, audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from congso.accounts import selectors, services
from congso.accounts.constants import AgencyKind, AgencyLevel, LineageKind, Role
from congso.accounts.models import AgencyLineage, AgencyVersion, RoleAssignment
from congso.accounts.tests.factories import World, agency, official
from congso.audit.models import AuditEvent
from congso.core.errors import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db


def test_rename_keeps_history_and_identity():
    """A rename closes the old version the day before and keeps the internal id;
    the tree on an earlier day still shows the old name."""
    a = agency("UBND huyện Phong Điền", electronic_id="000.00.25.H57")
    services.agency_version_change(
        agency=a,
        effective_date=date(2025, 1, 1),
        changes={"name": "UBND thị xã Phong Điền"},
        actor=None,
    )
    old = selectors.agency_tree_get(on=date(2024, 12, 31)).nodes[a.pk]
    new = selectors.agency_tree_get(on=date(2025, 1, 1)).nodes[a.pk]
    assert (old.name, new.name) == ("UBND huyện Phong Điền", "UBND thị xã Phong Điền")
    assert new.electronic_id == "000.00.25.H57"
    assert AuditEvent.objects.filter(event_type="accounts.agency.changed").count() == 1


def test_succession_closes_predecessor_units_and_roles():
    """A split closes the predecessor with its internal units and role assignments
    and links it to every successor."""
    town = agency("UBND thị xã Phong Điền")
    unit = agency("Bộ phận một cửa", parent=town, kind=AgencyKind.INTERNAL_UNIT)
    clerk = official("vt", role=Role.DOCUMENT_CLERK, at=town)
    wards = [
        agency(
            f"UBND phường {n}", level=AgencyLevel.COMMUNE, valid_from=date(2025, 7, 1)
        )
        for n in ("Phong Điền", "Phong Thái")
    ]
    services.agency_succeed(
        predecessors=[town],
        successors=wards,
        kind=LineageKind.SPLIT,
        effective_date=date(2025, 7, 1),
        legal_basis="NQ 1675/NQ-UBTVQH15",
        actor=None,
    )
    tree = selectors.agency_tree_get(on=date(2025, 7, 1))
    assert town.pk not in tree.nodes
    assert unit.pk not in tree.nodes
    assert {w.pk for w in wards} <= set(tree.nodes)
    assert AgencyLineage.objects.filter(predecessor=town).count() == 2
    assert RoleAssignment.objects.get(user=clerk).valid_to == date(2025, 6, 30)
    assert not selectors.scope_get(user=clerk, on=date(2025, 7, 1)).roles


def test_succession_recorded_twice_is_refused_and_changes_nothing():
    a, b = agency("A"), agency("B", valid_from=date(2025, 7, 1))
    services.agency_succeed(
        predecessors=[a],
        successors=[b],
        kind=LineageKind.MERGE,
        effective_date=date(2025, 7, 1),
        legal_basis="",
        actor=None,
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError):
        services.agency_succeed(
            predecessors=[a],
            successors=[b],
            kind=LineageKind.MERGE,
            effective_date=date(2025, 7, 1),
            legal_basis="",
            actor=None,
        )
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "bad_id", ["000.00.25", "H57.25.00.000", "000.00.25.H57X", "abc"]
)
def test_malformed_electronic_id_is_refused(bad_id):
    """The agency e-ID must have the QĐ 20/2020 form; nothing is stored otherwise."""
    with pytest.raises(ApplicationError) as exc:
        agency("X", electronic_id=bad_id)
    assert "electronic_id" in exc.value.extra["errors"]
    assert not AgencyVersion.objects.filter(name="X").exists()


def test_internal_unit_needs_a_parent_and_no_cycles():
    with pytest.raises(ApplicationError):
        agency("Orphan unit", kind=AgencyKind.INTERNAL_UNIT)
    a = agency("A")
    b = agency("B", parent=a, kind=AgencyKind.INTERNAL_UNIT)
    with pytest.raises(ApplicationError):
        services.agency_version_change(
            agency=a, effective_date=date(2021, 1, 1), changes={"parent": b}, actor=None
        )


def test_parent_must_exist_on_the_start_date():
    later = agency("Later", valid_from=date(2025, 7, 1))
    with pytest.raises(ApplicationError):
        agency("Child", parent=later, valid_from=date(2024, 1, 1))


def test_duplicate_role_and_username_are_conflicts(world: World):
    with pytest.raises(ConflictError):
        services.role_assign(
            user=world.users["leader_a"],
            agency=world.district_a,
            role=Role.AGENCY_LEADER,
            valid_from=date(2024, 1, 1),
            actor=None,
        )
    with pytest.raises(ConflictError):
        official("LEADER_A")


def test_role_assignment_is_audited_with_actor_agency(world: World):
    """Audit events carry the actor and the actor's agency snapshot."""
    admin = world.users["admin_p"]
    services.role_assign(
        user=world.users["norole"],
        agency=world.office_b,
        role=Role.SPECIALIST,
        valid_from=date(2024, 1, 1),
        actor=admin,
    )
    event = (
        AuditEvent.objects.filter(event_type="accounts.role_assignment.created")
        .order_by("seq")
        .last()
    )
    assert event.actor_id == admin.pk
    assert event.agency_id == world.province.pk
    assert event.data["role"] == Role.SPECIALIST


def test_decomposed_names_are_stored_composed():
    """Names typed or pasted in NFD are stored in NFC, so search and sorting work."""
    import unicodedata

    nfd = unicodedata.normalize("NFD", "UBND phường Phong Điền")
    a = agency(nfd)
    assert AgencyVersion.objects.get(agency=a).name == "UBND phường Phong Điền"
    user = services.official_create(
        username="dien",
        full_name=unicodedata.normalize("NFD", "Trần Thị Điền"),
        password=None,
        actor=None,
    )
    user.refresh_from_db()
    assert user.full_name == "Trần Thị Điền"


def test_cached_tree_sees_a_same_day_correction():
    """The per-process tree cache is rebuilt when a version is corrected in place
    (same row count and ids, newer ``updated_at``)."""
    a = agency("UBND phường Phong Điền", valid_from=date(2025, 7, 1))
    assert selectors.agency_tree_get(on=date(2025, 8, 1)).nodes[a.pk].name == (
        "UBND phường Phong Điền"
    )
    services.agency_version_change(
        agency=a,
        effective_date=date(2025, 7, 1),
        changes={"name": "UBND phường Phong Thái"},
        actor=None,
    )
    assert selectors.agency_tree_get(on=date(2025, 8, 1)).nodes[a.pk].name == (
        "UBND phường Phong Thái"
    )


def test_cached_tree_sees_another_process_after_the_interval(settings):
    """A queryset update sends no signal: to this process it is another's write. It
    is seen once the version-token interval has passed, not before."""
    settings.VERSION_TOKEN_MS = 60_000
    a = agency("UBND phường Phong Điền", valid_from=date(2025, 7, 1))
    on = date(2025, 8, 1)
    assert selectors.agency_tree_get(on=on).nodes[a.pk].name == "UBND phường Phong Điền"
    AgencyVersion.objects.filter(agency=a).update(
        name="UBND phường Phong Thái", updated_at=timezone.now()
    )
    assert selectors.agency_tree_get(on=on).nodes[a.pk].name == "UBND phường Phong Điền"
    settings.VERSION_TOKEN_MS = 0
    assert selectors.agency_tree_get(on=on).nodes[a.pk].name == "UBND phường Phong Thái"
