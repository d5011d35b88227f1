"""Importing certificates (X.509 PEM/DER, PKCS#12) for officials and agencies: the
good cases store the facts, the trusted root, the audit event and the encrypted key;
every bad case is refused with its Vietnamese message and stores nothing.

The Vietnamese texts come from locale/fragments/signatures_pki.po (merged into the
project catalogue by the lead)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from django.db import connection

from congso.audit.models import AuditEvent
from congso.signatures import errors, services
from congso.signatures.constants import CertificateKind, KeySource
from congso.signatures.models import Certificate
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD, Identity, KeyType
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import Profile, certificate_builder
from congso.signatures.selectors import certificate_private_key

pytestmark = pytest.mark.django_db
PEM = serialization.Encoding.PEM
DER = serialization.Encoding.DER


def _import_p12(
    identity: Identity,
    owner,
    *,
    password=DEMO_PKCS12_PASSWORD,
    kind=CertificateKind.PERSONAL,
):
    return services.certificate_import_pkcs12(
        data=identity.pkcs12(),
        password=password,
        kind=kind,
        owner_user=owner if kind == CertificateKind.PERSONAL else None,
        owner_agency=owner if kind == CertificateKind.AGENCY else None,
        actor=None,
    )


def _refused(call, error_class, vietnamese: str):
    """The call raises ``error_class`` with a Vietnamese message and stores nothing."""
    rows, events = Certificate.objects.count(), AuditEvent.objects.count()
    with pytest.raises(error_class) as caught:
        call()
    assert vietnamese in str(caught.value.message)
    assert Certificate.objects.count() == rows
    assert AuditEvent.objects.count() == events
    return caught.value


# Good imports ----------------------------------------------------------------------


def test_pem_import_stores_facts_anchor_and_audit(anchors, leader, installed):
    root_anchor, _ = anchors
    cert = services.certificate_import(
        data=installed.leader.certificate.public_bytes(PEM),
        kind=CertificateKind.PERSONAL,
        owner_user=leader,
        actor=None,
    )
    assert cert.subject_common_name == "Trần Thị Lan"
    assert cert.issuer_common_name == "Công Sở Demo Issuing CA"
    assert cert.serial_number == f"{installed.leader.certificate.serial_number:x}"
    assert (
        cert.fingerprint_sha256
        == installed.leader.certificate.fingerprint(hashes.SHA256()).hex()
    )
    assert cert.key_algorithm == "RSA-2048"
    assert cert.key_usage == "digitalSignature, nonRepudiation"
    assert cert.signature_algorithm == "sha256_rsa"
    assert cert.key_source == KeySource.NONE
    assert cert.trust_anchor == root_anchor
    assert cert.x509() == installed.leader.certificate
    event = AuditEvent.objects.get(event_type="signatures.certificate.imported")
    assert event.object_id == str(cert.pk)
    assert event.data["fingerprint_sha256"] == cert.fingerprint_sha256


def test_der_import_with_a_pkcs11_key_reference(anchors, ward, installed):
    cert = services.certificate_import(
        data=installed.agency.certificate.public_bytes(DER),
        kind=CertificateKind.AGENCY,
        owner_agency=ward,
        key_ref=services.Pkcs11KeyRef(
            token_label="congso-test", key_label="agency", key_id="0A1B"
        ),
        actor=None,
    )
    assert cert.key_source == KeySource.PKCS11
    assert (cert.pkcs11_token_label, cert.pkcs11_key_label, cert.pkcs11_key_id) == (
        "congso-test",
        "agency",
        "0a1b",
    )
    assert cert.encrypted_private_key is None
    with pytest.raises(errors.NoSoftwareKeyError):
        certificate_private_key(certificate=cert)


def test_remote_key_reference_needs_provider_and_credential(anchors, leader, installed):
    _refused(
        lambda: services.certificate_import(
            data=installed.leader.certificate.public_bytes(PEM),
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            key_ref=services.RemoteKeyRef(provider="vnpt-smartca", credential_id=" "),
            actor=None,
        ),
        errors.KeyReferenceError,
        "mã định danh chứng thư",
    )


def test_pkcs12_import_encrypts_the_key_at_rest(anchors, leader, installed):
    """The database column holds neither the PEM nor the DER of the key, and the
    decrypted key signs data the certificate verifies."""
    cert = _import_p12(installed.leader, leader)
    assert cert.key_source == KeySource.SOFTWARE
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT encrypted_private_key FROM signatures_certificate WHERE id = %s",
            [cert.pk],
        )
        stored = bytes(cursor.fetchone()[0])
    key_der = installed.leader.key.private_bytes(
        DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_pem = installed.leader.key.private_bytes(
        PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert stored
    assert key_der not in stored
    assert key_pem not in stored
    assert b"PRIVATE KEY" not in stored
    key = certificate_private_key(certificate=Certificate.objects.get(pk=cert.pk))
    signature = key.sign(b"van ban", padding.PKCS1v15(), hashes.SHA256())
    installed.leader.certificate.public_key().verify(
        signature, b"van ban", padding.PKCS1v15(), hashes.SHA256()
    )


def test_ec_p256_pkcs12_import(anchors, leader, installed):
    identity = installed.issue_personal(
        "ec-import", "Lê Văn Trường", key_type=KeyType.EC_P256
    )
    cert = _import_p12(identity, leader)
    assert cert.key_algorithm == "EC P-256"
    key = certificate_private_key(certificate=cert)
    assert isinstance(key, ec.EllipticCurvePrivateKey)


# Refusals --------------------------------------------------------------------------


def test_wrong_password(anchors, leader, installed):
    _refused(
        lambda: _import_p12(installed.leader, leader, password="sai-mat-khau"),
        errors.Pkcs12PasswordError,
        "Mật khẩu của tệp PKCS#12 không đúng",
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"garbage",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ],
)
def test_corrupt_certificate_file(anchors, leader, data):
    _refused(
        lambda: services.certificate_import(
            data=data, kind=CertificateKind.PERSONAL, owner_user=leader, actor=None
        ),
        errors.CertificateFileError,
        "không phải là chứng thư số X.509",
    )


def test_corrupt_pkcs12_file(anchors, leader, installed):
    data = installed.leader.pkcs12()
    _refused(
        lambda: services.certificate_import_pkcs12(
            data=data[: len(data) // 2],
            password=DEMO_PKCS12_PASSWORD,
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            actor=None,
        ),
        errors.CertificateFileError,
        "gói PKCS#12 hợp lệ",
    )


def _windowed(installed, slug: str, start: datetime, end: datetime) -> Identity:
    identity, _ = installed.pki.issue(
        slug=slug,
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="Người Thử Thời Hạn"),
        window=(start, end),
    )
    return identity


def test_expired(anchors, leader, installed):
    now = datetime.now(UTC)
    identity = _windowed(
        installed, "expired", now - timedelta(days=400), now - timedelta(days=2)
    )
    error = _refused(
        lambda: _import_p12(identity, leader),
        errors.CertificateExpiredError,
        "đã hết hạn từ",
    )
    assert (now - timedelta(days=2)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime(
        "%d/%m/%Y"
    ) in str(error.message)


def test_not_yet_valid(anchors, leader, installed):
    now = datetime.now(UTC)
    identity = _windowed(
        installed, "future", now + timedelta(days=3), now + timedelta(days=300)
    )
    _refused(
        lambda: _import_p12(identity, leader),
        errors.CertificateNotYetValidError,
        "chưa có hiệu lực",
    )


def test_untrusted(anchors, leader, foreign_pki):
    """A certificate of a CA that is not in the trust store (and no network)."""
    _refused(
        lambda: _import_p12(foreign_pki.leader, leader),
        errors.CertificateUntrustedError,
        "không được cấp bởi tổ chức cung cấp dịch vụ chứng thực",
    )


def test_untrusted_when_the_root_is_disabled(anchors, leader, installed):
    root, _ = anchors
    services.trust_anchor_update(anchor=root, changes={"enabled": False}, actor=None)
    _refused(
        lambda: _import_p12(installed.leader, leader),
        errors.CertificateUntrustedError,
        "kho chứng thư tin cậy",
    )


def test_untrusted_through_a_disabled_intermediate(anchors, leader, installed):
    _, issuing = anchors
    services.trust_anchor_update(anchor=issuing, changes={"enabled": False}, actor=None)
    _refused(
        lambda: _import_p12(installed.leader, leader),
        errors.CertificateUntrustedError,
        "kho chứng thư tin cậy",
    )


def test_revoked_at_the_ca(anchors, leader, installed):
    identity = installed.issue_personal("revoked-before-import", "Người Đã Bị Thu Hồi")
    installed.pki.issuing.revoke(
        serial_number=identity.certificate.serial_number,
        revoked_at=datetime.now(UTC),
        reason=x509.ReasonFlags.key_compromise,
    )
    _refused(
        lambda: _import_p12(identity, leader),
        errors.CertificateRevokedError,
        "đã bị thu hồi lúc",
    )


def _sha1_signed(installed, certificate: x509.Certificate) -> x509.Certificate:
    """Re-sign ``certificate`` with SHA-1 (cryptography no longer signs SHA-1)."""
    parsed = asn1_x509.Certificate.load(certificate.public_bytes(DER))
    tbs = parsed["tbs_certificate"]
    tbs["signature"] = algos.SignedDigestAlgorithm({"algorithm": "sha1_rsa"})
    signature = installed.pki.issuing.private_key.sign(
        tbs.dump(force=True),
        padding.PKCS1v15(),
        hashes.SHA1(),  # noqa: S303
    )
    rebuilt = asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": {"algorithm": "sha1_rsa"},
            "signature_value": signature,
        }
    )
    return x509.load_der_x509_certificate(rebuilt.dump())


def _custom(installed, *, key, algorithm) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = certificate_builder(
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="Khóa Yếu"),
        public_key=key.public_key(),
        issuer=installed.pki.issuing.as_issuer,
        urls=installed.pki.urls,
        not_before=now - timedelta(hours=1),
        not_after=now + timedelta(days=30),
    )
    return builder.sign(installed.pki.issuing.private_key, algorithm)


@pytest.mark.parametrize(
    ("make_key", "algorithm", "error_class", "vietnamese"),
    [
        (
            lambda: rsa.generate_private_key(65537, 1024),  # noqa: S505  # the point
            hashes.SHA256(),
            errors.WeakKeyError,
            "1024 bit; yêu cầu tối thiểu 2048",
        ),
        (
            lambda: ec.generate_private_key(ec.SECP224R1()),
            hashes.SHA256(),
            errors.WeakKeyError,
            "224 bit; yêu cầu tối thiểu 256",
        ),
        (
            lambda: rsa.generate_private_key(65537, 2048),
            None,  # re-signed with SHA-1
            errors.WeakHashError,
            "SHA1",
        ),
    ],
)
def test_weak_algorithms(
    anchors, leader, installed, make_key, algorithm, error_class, vietnamese
):
    key = make_key()
    certificate = _custom(installed, key=key, algorithm=hashes.SHA256())
    if algorithm is None:
        certificate = _sha1_signed(installed, certificate)
    data = pkcs12.serialize_key_and_certificates(
        b"weak", key, certificate, None, BestAvailableEncryption(b"pw")
    )
    _refused(
        lambda: services.certificate_import_pkcs12(
            data=data,
            password="pw",
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            actor=None,
        ),
        error_class,
        vietnamese,
    )


def test_key_does_not_match_certificate(anchors, leader, installed):
    # cryptography refuses to bundle a mismatched pair; an unlinked bag is possible
    data = pkcs12.serialize_key_and_certificates(
        b"mismatch",
        installed.agency.key,
        None,
        [installed.leader.certificate],
        BestAvailableEncryption(b"pw"),
    )
    _refused(
        lambda: services.certificate_import_pkcs12(
            data=data,
            password="pw",
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            actor=None,
        ),
        errors.KeyMismatchError,
        "Khóa bí mật không khớp",
    )


def test_a_ca_certificate_is_not_for_signing(anchors, leader, installed):
    _refused(
        lambda: services.certificate_import(
            data=installed.issuing.public_bytes(PEM),
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            actor=None,
        ),
        errors.NotForSigningError,
        "không dùng cho chữ ký số",
    )


def test_duplicate(anchors, leader, installed):
    _import_p12(installed.leader, leader)
    _refused(
        lambda: _import_p12(installed.leader, leader),
        errors.DuplicateCertificateError,
        "đã được nhập trước đó",
    )


def test_owner_must_match_kind(anchors, leader, ward, installed):
    _refused(
        lambda: services.certificate_import(
            data=installed.agency.certificate.public_bytes(PEM),
            kind=CertificateKind.AGENCY,
            owner_user=leader,
            actor=None,
        ),
        errors.OwnerError,
        "phải gắn với một cơ quan",
    )
    _refused(
        lambda: services.certificate_import(
            data=installed.agency.certificate.public_bytes(PEM),
            kind=CertificateKind.PERSONAL,
            owner_user=leader,
            owner_agency=ward,
            actor=None,
        ),
        errors.OwnerError,
        "Chứng thư số cá nhân phải gắn với một cán bộ",
    )
