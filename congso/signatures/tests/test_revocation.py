"""Revoking a certificate of the built-in CA: Công Sở stops at once, the outbox has
the CA publish it (CRL and OCSP), a repeated delivery changes nothing; certificates
of other CAs cannot be revoked here; a status refresh picks up revocations made at
the CA and anchors disabled in the trust store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from congso.audit.models import AuditEvent
from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.signatures import errors, services
from congso.signatures.constants import (
    TOPIC_CERTIFICATE_REVOKED,
    AnchorFamily,
    CertificateKind,
    CertificateStatus,
    RevocationReason,
)
from congso.signatures.handlers import certificate_revoked_handler
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD

pytestmark = pytest.mark.django_db


def _import(identity, owner):
    return services.certificate_import_pkcs12(
        data=identity.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=owner,
        actor=None,
    )


def _ocsp_status(pki, certificate: x509.Certificate) -> ocsp.OCSPResponse:
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, pki.issuing, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    body = pki.endpoints.post("ocsp", request, "application/ocsp-request").body
    return ocsp.load_der_ocsp_response(body)


def test_revoke_publishes_crl_and_ocsp_through_the_outbox(anchors, leader, installed):
    identity = installed.issue_personal(
        "revoke-service", "Người Bị Thu Hồi Qua Dịch Vụ"
    )
    cert = _import(identity, leader)
    revoked = services.certificate_revoke(
        certificate=cert, reason=RevocationReason.KEY_COMPROMISE, actor=leader
    )
    assert revoked.revoked_at is not None
    assert revoked.status_at(datetime.now(UTC)) == CertificateStatus.REVOKED
    event = AuditEvent.objects.get(event_type="signatures.certificate.revoked")
    assert event.actor_id == leader.pk
    assert event.data["reason"] == "key_compromise"
    message = OutboxMessage.objects.get(topic=TOPIC_CERTIFICATE_REVOKED)
    assert message.payload == {"certificate_id": cert.pk}
    # Not yet published by the CA: OCSP still says good.
    assert (
        _ocsp_status(installed, identity.certificate).certificate_status
        is ocsp.OCSPCertStatus.GOOD
    )
    outbox_drain()
    response = _ocsp_status(installed, identity.certificate)
    assert response.certificate_status is ocsp.OCSPCertStatus.REVOKED
    assert response.revocation_reason is x509.ReasonFlags.key_compromise
    crl = x509.load_der_x509_crl(installed.endpoints.get("issuing.crl").body)
    entry = crl.get_revoked_certificate_by_serial_number(
        identity.certificate.serial_number
    )
    assert entry is not None
    assert abs(entry.revocation_date_utc - revoked.revoked_at) < timedelta(seconds=1)
    # A second delivery of the same message has no further effect.
    crl_before = installed.endpoints.get("issuing.crl").body
    certificate_revoked_handler(message.id, message.payload)
    assert installed.endpoints.get("issuing.crl").body == crl_before


def test_revoke_twice_is_refused(anchors, leader, installed):
    identity = installed.issue_personal("revoke-twice", "Người Thu Hồi Hai Lần")
    cert = _import(identity, leader)
    services.certificate_revoke(
        certificate=cert, reason=RevocationReason.SUPERSEDED, actor=None
    )
    with pytest.raises(errors.AlreadyRevokedError):
        services.certificate_revoke(
            certificate=cert, reason=RevocationReason.SUPERSEDED, actor=None
        )
    assert OutboxMessage.objects.filter(topic=TOPIC_CERTIFICATE_REVOKED).count() == 1


def test_certificates_of_other_cas_cannot_be_revoked_here(
    db, leader, installed, foreign_pki
):
    """A foreign CA trusted in the store: Công Sở cannot revoke its certificates."""
    for ca in (
        foreign_pki.root,
        foreign_pki.issuing,
        installed.root,
        installed.issuing,
    ):
        services.trust_anchor_add(
            data=ca.public_bytes(serialization.Encoding.PEM),
            family=AnchorFamily.PUBLIC,
            actor=None,
        )
    # foreign URLs are not routed: soft-fail revocation lets the import through
    cert = _import(foreign_pki.leader, leader)
    with pytest.raises(errors.RevocationNotOursError) as caught:
        services.certificate_revoke(
            certificate=cert, reason=RevocationReason.UNSPECIFIED, actor=None
        )
    assert "Chỉ tổ chức cung cấp dịch vụ chứng thực đã cấp" in str(caught.value.message)
    cert.refresh_from_db()
    assert cert.revoked_at is None
    assert not OutboxMessage.objects.filter(topic=TOPIC_CERTIFICATE_REVOKED).exists()


def test_status_refresh_sees_revocation_at_the_ca_and_disabled_anchors(
    anchors, leader, installed
):
    root, _ = anchors
    identity = installed.issue_personal("refresh", "Người Kiểm Tra Lại")
    cert = _import(identity, leader)
    same = services.certificate_status_refresh(certificate=cert)
    assert same.revoked_at is None
    assert not AuditEvent.objects.filter(
        event_type="signatures.certificate.status_changed"
    ).exists()
    installed.pki.issuing.revoke(
        serial_number=identity.certificate.serial_number, revoked_at=datetime.now(UTC)
    )
    refreshed = services.certificate_status_refresh(certificate=cert)
    assert refreshed.revoked_at is not None
    assert refreshed.status_at(datetime.now(UTC)) == CertificateStatus.REVOKED
    other = _import(installed.issue_personal("refresh-2", "Người Thứ Hai"), leader)
    services.trust_anchor_update(anchor=root, changes={"enabled": False}, actor=None)
    assert other.status_at(datetime.now(UTC)) == CertificateStatus.VALID  # stale object
    other = services.certificate_status_refresh(certificate=other)
    assert other.trust_anchor is None
    assert other.status_at(datetime.now(UTC)) == CertificateStatus.UNTRUSTED
    assert (
        AuditEvent.objects.filter(
            event_type="signatures.certificate.status_changed"
        ).count()
        == 2
    )
