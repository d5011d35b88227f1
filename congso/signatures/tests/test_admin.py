"""Administration of certificates and the trust store: only staff get in; imports,
revocations and anchor changes go through the audited services; refusals appear on
the form in Vietnamese and store nothing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.accounts.models import User
from congso.audit.models import AuditEvent
from congso.signatures.constants import AnchorFamily, CertificateKind, KeySource
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    user = User.objects.create_superuser(username="root", password="x-Secret-123")
    client.force_login(user)
    client.user = user
    return client


def _add_certificate(client, identity, owner, *, password=DEMO_PKCS12_PASSWORD):
    return client.post(
        reverse("admin:signatures_certificate_add"),
        {
            "kind": CertificateKind.PERSONAL,
            "owner_user": owner.pk,
            "password": password,
            "file": SimpleUploadedFile(
                "lanhdao.p12", identity.pkcs12(), "application/x-pkcs12"
            ),
        },
    )


def test_officials_without_staff_status_are_kept_out(leader, client):
    client.force_login(leader)
    for name in (
        "admin:signatures_certificate_changelist",
        "admin:signatures_trustanchor_add",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_import_pkcs12_through_the_admin(anchors, leader, installed, admin_client_):
    response = _add_certificate(admin_client_, installed.leader, leader)
    assert response.status_code == 302, response.content.decode()[:2000]
    cert = Certificate.objects.get()
    assert cert.owner_user == leader
    assert cert.key_source == KeySource.SOFTWARE
    event = AuditEvent.objects.get(event_type="signatures.certificate.imported")
    assert event.actor_id == admin_client_.user.pk
    page = admin_client_.get(
        reverse("admin:signatures_certificate_change", args=[cert.pk])
    )
    assert page.status_code == 200
    assert b'name="subject_common_name"' not in page.content  # read-only
    assert b"deletelink" not in page.content


def test_wrong_password_is_a_form_error(anchors, leader, installed, admin_client_):
    response = _add_certificate(admin_client_, installed.leader, leader, password="sai")
    assert response.status_code == 200
    assert "Mật khẩu của tệp PKCS#12 không đúng" in response.content.decode()
    assert not Certificate.objects.exists()


def test_revoke_action(anchors, leader, installed, admin_client_):
    identity = installed.issue_personal(
        "admin-revoke", "Người Bị Thu Hồi Ở Trang Quản Trị"
    )
    _add_certificate(admin_client_, identity, leader)
    cert = Certificate.objects.get()
    response = admin_client_.post(
        reverse("admin:signatures_certificate_changelist"),
        {"action": "revoke", "_selected_action": [cert.pk]},
        follow=True,
    )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts[-1] == "Đã thu hồi 1 chứng thư số."
    cert.refresh_from_db()
    assert cert.revoked_at is not None


def test_trust_anchor_add_and_disable(installed, admin_client_):
    response = admin_client_.post(
        reverse("admin:signatures_trustanchor_add"),
        {
            "family": AnchorFamily.DEMO,
            "enabled": "on",
            "crl_urls": installed.pki.urls.crl("root"),
            "file": SimpleUploadedFile(
                "root.cer", installed.root.public_bytes(serialization.Encoding.DER)
            ),
        },
    )
    assert response.status_code == 302
    anchor = TrustAnchor.objects.get()
    assert (anchor.name, anchor.role, anchor.enabled) == (
        "Công Sở Demo Root CA",
        "root",
        True,
    )
    response = admin_client_.post(
        reverse("admin:signatures_trustanchor_change", args=[anchor.pk]),
        {
            "name": anchor.name,
            "family": AnchorFamily.DEMO,
            "crl_urls": anchor.crl_urls,
            "ocsp_url": "",
        },
    )
    assert response.status_code == 302
    anchor.refresh_from_db()
    assert anchor.enabled is False
    event = AuditEvent.objects.get(event_type="signatures.trust_anchor.changed")
    assert event.data == {"enabled": False}


def test_a_leaf_certificate_is_not_a_trust_anchor(installed, admin_client_):
    response = admin_client_.post(
        reverse("admin:signatures_trustanchor_add"),
        {
            "family": AnchorFamily.PUBLIC,
            "enabled": "on",
            "file": SimpleUploadedFile(
                "leaf.pem",
                installed.leader.certificate.public_bytes(serialization.Encoding.PEM),
            ),
        },
    )
    assert response.status_code == 200
    assert (
        "Chứng thư tin cậy phải là chứng thư số của tổ chức"
        in response.content.decode()
    )
    assert not TrustAnchor.objects.exists()
