"""The administration saves through the services: validated, audited, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.accounts.constants import AgencyKind, AgencyLevel, Role, ScopeKind
from congso.accounts.models import AgencyVersion, RoleAssignment
from congso.accounts.tests.factories import World
from congso.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world: World):
    user = world.users["admin_p"]
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


def _agency_form(world: World, **overrides):
    data = {
        "valid_from": "01/07/2025",
        "name": "UBND phường Mới",
        "short_name": "UBND",
        "kind": AgencyKind.PEOPLES_COMMITTEE,
        "level": AgencyLevel.COMMUNE,
        "parent": world.province.pk,
        "electronic_id": "000.01.00.H57",
        "external_code": "",
        "address": "",
        "legal_basis": "NQ 1675/NQ-UBTVQH15",
    }
    return {**data, **overrides}


def test_admin_creates_an_agency_through_the_service(admin_client, world: World):
    response = admin_client.post(
        reverse("admin:accounts_agencyversion_add"), _agency_form(world)
    )
    assert response.status_code == 302
    version = AgencyVersion.objects.get(name="UBND phường Mới")
    assert version.valid_from.isoformat() == "2025-07-01"
    assert AuditEvent.objects.filter(
        event_type="accounts.agency.created", object_id=str(version.agency_id)
    ).exists()


def test_admin_rejects_a_bad_agency_with_a_form_error(admin_client, world: World):
    response = admin_client.post(
        reverse("admin:accounts_agencyversion_add"),
        _agency_form(world, kind=AgencyKind.INTERNAL_UNIT, parent=""),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not AgencyVersion.objects.filter(name="UBND phường Mới").exists()


def test_admin_duplicate_role_is_a_form_error_not_a_500(admin_client, world: World):
    data = {
        "user": world.users["leader_a"].pk,
        "agency": world.district_a.pk,
        "role": Role.AGENCY_LEADER,
        "scope": ScopeKind.AGENCY,
        "position_title": "",
        "valid_from": "01/01/2024",
        "valid_to": "",
    }
    before = RoleAssignment.objects.count()
    response = admin_client.post(reverse("admin:accounts_roleassignment_add"), data)
    assert response.status_code == 200
    assert RoleAssignment.objects.count() == before
    data["user"] = world.users["norole"].pk
    response = admin_client.post(reverse("admin:accounts_roleassignment_add"), data)
    assert response.status_code == 302
    assert RoleAssignment.objects.count() == before + 1


def test_non_staff_officials_cannot_open_the_administration(client, world: World):
    client.force_login(world.users["leader_a"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
