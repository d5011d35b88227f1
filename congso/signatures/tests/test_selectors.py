"""Reads: certificates valid on a day, and the share of officials holding a valid
certificate per agency (officials = active users with a role assignment in the
agency that day; valid = in its period, not revoked, chained to an enabled root)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from congso.accounts import services as accounts_services
from congso.accounts.constants import Role
from congso.accounts.models import RoleAssignment
from congso.accounts.tests.factories import agency, official
from congso.signatures import selectors, services
from congso.signatures.constants import AnchorFamily, CertificateKind, RevocationReason
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import Profile

pytestmark = pytest.mark.django_db


def _give(identity, user):
    return services.certificate_import_pkcs12(
        data=identity.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=user,
        actor=None,
    )


@pytest.fixture
def office(anchors, installed, foreign_pki):
    """Ward W: valid holder, expired, revoked, foreign root (then disabled),
    no certificate, an inactive official with a valid certificate and an official
    whose assignment ended yesterday. Commune C: one valid holder."""
    now = datetime.now(UTC)
    ward, commune = agency("UBND phường W"), agency("UBND xã C")
    users = {
        name: official(name, role=Role.SPECIALIST, at=ward)
        for name in (
            "valid",
            "expired",
            "revoked",
            "foreign",
            "none",
            "inactive",
            "left",
        )
    }
    users["commune"] = official("commune", role=Role.SPECIALIST, at=commune)
    for name in ("valid", "inactive", "left", "commune"):
        _give(installed.issue_personal(f"share-{name}", name.title()), users[name])
    old, _ = installed.pki.issue(
        slug="share-expired",
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="Expired"),
        window=(now - timedelta(days=400), now + timedelta(hours=1)),
    )
    expired = _give(old, users["expired"])
    expired.not_after = now - timedelta(days=1)  # as if imported earlier and now past
    expired.save(update_fields=["not_after"])
    revoked = _give(
        installed.issue_personal("share-revoked", "Revoked"), users["revoked"]
    )
    services.certificate_revoke(
        certificate=revoked, reason=RevocationReason.SUPERSEDED, actor=None
    )
    foreign_root = services.trust_anchor_add(
        data=foreign_pki.root.public_bytes(serialization.Encoding.PEM),
        family=AnchorFamily.PUBLIC,
        actor=None,
    )
    services.trust_anchor_add(
        data=foreign_pki.issuing.public_bytes(serialization.Encoding.PEM),
        family=AnchorFamily.PUBLIC,
        actor=None,
    )
    _give(foreign_pki.leader, users["foreign"])
    services.trust_anchor_update(
        anchor=foreign_root, changes={"enabled": False}, actor=None
    )
    users["inactive"].is_active = False
    users["inactive"].save(update_fields=["is_active"])
    today = timezone.localdate()
    accounts_services.role_revoke(
        assignment=RoleAssignment.objects.get(user=users["left"]),
        end=today - timedelta(days=1),
        actor=None,
    )
    return ward, commune, users


def test_share_of_officials_with_a_valid_certificate(office):
    ward, commune, _ = office
    rows = {
        r.agency_id: r
        for r in selectors.certificate_share_by_agency(on=timezone.localdate())
    }
    assert set(rows) == {ward.pk, commune.pk}
    w = rows[ward.pk]
    assert (w.agency_name, w.officials, w.holders) == ("UBND phường W", 5, 1)
    assert w.share == pytest.approx(0.2)
    c = rows[commune.pk]
    assert (c.officials, c.holders, c.share) == (1, 1, 1.0)


def test_share_on_an_earlier_day_and_filtered(office):
    """A month ago only the certificate that has expired since was valid (the others
    did not exist yet), and the official who left yesterday still counted."""
    ward, _, _ = office
    last_month = timezone.localdate() - timedelta(days=30)
    rows = selectors.certificate_share_by_agency(on=last_month, agency_ids=[ward.pk])
    assert [(r.agency_id, r.officials, r.holders) for r in rows] == [(ward.pk, 6, 1)]


def test_share_uses_one_query_whatever_the_number_of_agencies(
    office, django_assert_max_num_queries
):
    selectors.certificate_share_by_agency(
        on=timezone.localdate()
    )  # warm the tree cache
    with django_assert_max_num_queries(2):  # the aggregate + the tree's change token
        rows = selectors.certificate_share_by_agency(on=timezone.localdate())
    assert len(rows) == 2


def test_valid_lists_for_a_user_and_an_agency(office, installed, ward):
    _, _, users = office
    today = timezone.localdate()
    assert [
        c.subject_common_name
        for c in selectors.certificate_list_valid_for_user(
            user=users["valid"], on=today
        )
    ] == ["Valid"]
    for name in ("expired", "revoked", "foreign", "none"):
        assert not selectors.certificate_list_valid_for_user(
            user=users[name], on=today
        ).exists(), name
    agency_cert = services.certificate_import(
        data=installed.agency.certificate.public_bytes(serialization.Encoding.PEM),
        kind=CertificateKind.AGENCY,
        owner_agency=ward,
        actor=None,
    )
    assert list(
        selectors.certificate_list_valid_for_agency(agency_id=ward.pk, on=today)
    ) == [agency_cert]
    assert not selectors.certificate_list_valid(
        at=datetime.now(UTC), owner_agency_id=ward.pk, with_key=True
    ).exists()
    before_issue = selectors.end_of_day(today - timedelta(days=3))
    assert not selectors.certificate_list_valid(
        at=before_issue, owner_user=users["valid"]
    ).exists()


def test_chain_of_a_certificate(office):
    _, _, users = office
    cert = selectors.certificate_list_valid_for_user(
        user=users["valid"], on=timezone.localdate()
    ).get()
    chain = selectors.certificate_chain_get(certificate=cert)
    assert [a.role for a in chain] == ["intermediate", "root"]
