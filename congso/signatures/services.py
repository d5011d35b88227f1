"""Writes of the signatures app: import certificates (X.509 or PKCS#12), revoke a
certificate of the built-in CA, refresh a certificate's status, manage the trust
store. Every write is audited.

Certificate checks may fetch CRLs/OCSP responses of external CAs, so they run
*before* the write transaction opens (conventions §5: no network I/O inside a
transaction); only the insert is atomic."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding
from django.db import IntegrityError, transaction
from django.utils import timezone

from congso.accounts.models import Agency, User
from congso.audit.services import audit_record
from congso.core.outbox import outbox_publish
from congso.signatures.constants import (
    EVENT_ANCHOR_ADDED,
    EVENT_ANCHOR_CHANGED,
    EVENT_IMPORTED,
    EVENT_REVOKED,
    EVENT_STATUS_CHANGED,
    TOPIC_CERTIFICATE_REVOKED,
    AnchorFamily,
    AnchorRole,
    CertificateKind,
    KeySource,
    RevocationReason,
)
from congso.signatures.errors import (
    AlreadyRevokedError,
    CertificateRevokedError,
    DuplicateCertificateError,
    KeyReferenceError,
    OwnerError,
    RevocationNotOursError,
)
from congso.signatures.inspection import certificate_facts
from congso.signatures.installed import installed_pki
from congso.signatures.keystore import key_encrypt
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.selectors import (
    CheckedCertificate,
    certificate_file_check,
    trust_anchor_file_check,
)
from congso.signatures.trust import certificate_chain_check

logger = logging.getLogger(__name__)
_DER = Encoding.DER


@dataclass(frozen=True)
class Pkcs11KeyRef:
    """A key on a PKCS#11 token or HSM (the module path is a setting)."""

    token_label: str
    key_label: str = ""
    key_id: str = ""  # hexadecimal CKA_ID


@dataclass(frozen=True)
class RemoteKeyRef:
    """A key held by a remote-signing provider (VNPT SmartCA, Viettel MySign…)."""

    provider: str
    credential_id: str


KeyRef = Pkcs11KeyRef | RemoteKeyRef


def _owner_check(
    kind: str, owner_user: User | None, owner_agency: Agency | None
) -> None:
    if kind == CertificateKind.PERSONAL and owner_user and not owner_agency:
        return
    if kind == CertificateKind.AGENCY and owner_agency and not owner_user:
        return
    raise OwnerError


def _key_ref_check(key_ref: KeyRef | None) -> None:
    if isinstance(key_ref, Pkcs11KeyRef) and not (
        key_ref.token_label.strip() and (key_ref.key_label.strip() or key_ref.key_id)
    ):
        raise KeyReferenceError(pkcs11=True)
    if isinstance(key_ref, RemoteKeyRef) and not (
        key_ref.provider.strip() and key_ref.credential_id.strip()
    ):
        raise KeyReferenceError(pkcs11=False)


def certificate_import(
    *,
    data: bytes,
    kind: str,
    owner_user: User | None = None,
    owner_agency: Agency | None = None,
    key_ref: KeyRef | None = None,
    actor: User | None,
) -> Certificate:
    """Import a PEM or DER certificate; its key is nowhere (``key_ref`` None), on
    a PKCS#11 token or at a remote-signing provider."""
    _owner_check(kind, owner_user, owner_agency)
    _key_ref_check(key_ref)
    checked = certificate_file_check(data=data)
    return _certificate_store(
        checked=checked,
        kind=kind,
        owner_user=owner_user,
        owner_agency=owner_agency,
        key_ref=key_ref,
        actor=actor,
    )


def certificate_import_pkcs12(
    *,
    data: bytes,
    password: str,
    kind: str,
    owner_user: User | None = None,
    owner_agency: Agency | None = None,
    actor: User | None,
) -> Certificate:
    """Import a PKCS#12 bundle: the certificate, and its key encrypted at rest."""
    _owner_check(kind, owner_user, owner_agency)
    checked = certificate_file_check(data=data, password=password)
    return _certificate_store(
        checked=checked,
        kind=kind,
        owner_user=owner_user,
        owner_agency=owner_agency,
        key_ref=None,
        actor=actor,
    )


@transaction.atomic
def _certificate_store(
    *,
    checked: CheckedCertificate,
    kind: str,
    owner_user: User | None,
    owner_agency: Agency | None,
    key_ref: KeyRef | None,
    actor: User | None,
) -> Certificate:
    facts = certificate_facts(checked.certificate)
    if Certificate.objects.filter(fingerprint_sha256=facts.fingerprint_sha256).exists():
        raise DuplicateCertificateError
    row = Certificate(
        kind=kind,
        owner_user=owner_user,
        owner_agency=owner_agency,
        der=checked.certificate.public_bytes(_DER),
        trust_anchor=checked.path.anchor,
        status_checked_at=timezone.now(),
        **{f: getattr(facts, f) for f in _FACT_FIELDS},
    )
    if checked.key is not None:
        row.key_source = KeySource.SOFTWARE
        row.encrypted_private_key, row.key_encryption_id = key_encrypt(
            checked.key, bound_to=facts.fingerprint_sha256
        )
    elif isinstance(key_ref, Pkcs11KeyRef):
        row.key_source = KeySource.PKCS11
        row.pkcs11_token_label = key_ref.token_label.strip()
        row.pkcs11_key_label = key_ref.key_label.strip()
        row.pkcs11_key_id = key_ref.key_id.strip().lower()
    elif isinstance(key_ref, RemoteKeyRef):
        row.key_source = KeySource.REMOTE
        row.remote_provider = key_ref.provider.strip()
        row.remote_credential_id = key_ref.credential_id.strip()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # imported concurrently
        raise DuplicateCertificateError from None
    audit_record(
        event_type=EVENT_IMPORTED,
        actor=actor,
        obj=row,
        data={
            "fingerprint_sha256": row.fingerprint_sha256,
            "kind": row.kind,
            "subject": row.subject,
            "issuer": row.issuer,
            "serial_number": row.serial_number,
            "not_after": row.not_after,
            "key_source": row.key_source,
            "owner_user_id": row.owner_user_id,
            "owner_agency_id": row.owner_agency_id,
            "trust_anchor_id": row.trust_anchor_id,
        },
    )
    return row


def _issued_by_installed_ca(certificate: Certificate) -> bool:
    pki = installed_pki()
    if pki is None:
        return False
    try:
        certificate.x509().verify_directly_issued_by(pki.issuing.certificate)
    except Exception:  # wrong issuer name, signature or key type
        return False
    return True


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, actor: User | None
) -> Certificate:
    """Revoke a certificate issued by the built-in demo CA. Công Sở stops using
    it at once; the CA publishes the revocation (CRL and OCSP) through the outbox
    (topic ``signatures.certificate_revoked``)."""
    row = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if row.revoked_at is not None:
        raise AlreadyRevokedError
    if not _issued_by_installed_ca(row):
        raise RevocationNotOursError(row.issuer_common_name or row.issuer)
    row.revoked_at = timezone.now()
    row.revocation_reason = RevocationReason(reason)
    row.status_checked_at = row.revoked_at
    row.save(update_fields=["revoked_at", "revocation_reason", "status_checked_at"])
    audit_record(
        event_type=EVENT_REVOKED,
        actor=actor,
        obj=row,
        data={
            "fingerprint_sha256": row.fingerprint_sha256,
            "serial_number": row.serial_number,
            "reason": row.revocation_reason,
            "revoked_at": row.revoked_at,
        },
    )
    outbox_publish(
        topic=TOPIC_CERTIFICATE_REVOKED,
        payload={"certificate_id": row.pk},
        dedup_key=f"{TOPIC_CERTIFICATE_REVOKED}:{row.pk}",
    )
    return row


def certificate_revocation_publish(*, certificate_id: int) -> bool:
    """Outbox handler body: have the built-in CA revoke the serial (new CRL; OCSP
    answers ``revoked``). Idempotent: returns False when nothing changed."""
    row = Certificate.objects.filter(pk=certificate_id).first()
    pki = installed_pki()
    if row is None or row.revoked_at is None or pki is None:
        return False
    try:
        return pki.issuing.revoke(
            serial_number=int(row.serial_number, 16),
            revoked_at=row.revoked_at,
            reason=RevocationReason(row.revocation_reason or "unspecified").flag,
        )
    except KeyError:  # the demo PKI was re-created since; nothing to publish
        logger.warning("Serial %s unknown to the demo CA", row.serial_number)
        return False


def certificate_status_refresh(
    *, certificate: Certificate, actor: User | None = None
) -> Certificate:
    """Re-check the chain and revocation now (may fetch CRL/OCSP, so outside a
    transaction) and store the result; audited when the status changed."""
    anchor: TrustAnchor | None
    try:
        path = certificate_chain_check(certificate.x509())
        anchor, revoked_at = path.anchor, None
    except CertificateRevokedError as error:
        anchor, revoked_at = certificate.trust_anchor, error.extra.get("revoked_at")
        revoked_at = revoked_at or timezone.now()
    except Exception as error:  # untrusted, expired… keep the facts, drop the anchor
        logger.info("Certificate %s: %s", certificate.pk, error)
        anchor, revoked_at = None, None
    return _status_store(
        certificate=certificate, anchor=anchor, revoked_at=revoked_at, actor=actor
    )


@transaction.atomic
def _status_store(
    *,
    certificate: Certificate,
    anchor: TrustAnchor | None,
    revoked_at: Any,
    actor: User | None,
) -> Certificate:
    row = Certificate.objects.select_for_update().get(pk=certificate.pk)
    before = (row.trust_anchor_id, row.revoked_at)
    row.trust_anchor = anchor
    if row.revoked_at is None and revoked_at is not None:
        row.revoked_at = revoked_at
        row.revocation_reason = RevocationReason.UNSPECIFIED
    row.status_checked_at = timezone.now()
    row.save(
        update_fields=[
            "trust_anchor",
            "revoked_at",
            "revocation_reason",
            "status_checked_at",
        ]
    )
    if before != (row.trust_anchor_id, row.revoked_at):
        audit_record(
            event_type=EVENT_STATUS_CHANGED,
            actor=actor,
            obj=row,
            data={
                "trust_anchor_id": row.trust_anchor_id,
                "revoked_at": row.revoked_at,
                "previous_trust_anchor_id": before[0],
            },
        )
    return row


@transaction.atomic
def trust_anchor_add(
    *,
    data: bytes,
    family: str,
    name: str = "",
    enabled: bool = True,
    crl_urls: Iterable[str] = (),
    ocsp_url: str = "",
    actor: User | None,
) -> TrustAnchor:
    """Add a CA certificate to the trust store: a root if self-signed, otherwise
    an intermediate."""
    certificate = trust_anchor_file_check(data=data)
    facts = certificate_facts(certificate)
    anchor = TrustAnchor.objects.create(
        name=(name.strip() or facts.subject_common_name or facts.subject)[:255],
        der=certificate.public_bytes(_DER),
        fingerprint_sha256=facts.fingerprint_sha256,
        subject=facts.subject,
        not_after=facts.not_after,
        role=AnchorRole.ROOT if facts.is_self_signed else AnchorRole.INTERMEDIATE,
        family=AnchorFamily(family),
        enabled=enabled,
        crl_urls="\n".join(u.strip() for u in crl_urls if u.strip()),
        ocsp_url=ocsp_url.strip(),
    )
    audit_record(
        event_type=EVENT_ANCHOR_ADDED,
        actor=actor,
        obj=anchor,
        data={
            "fingerprint_sha256": anchor.fingerprint_sha256,
            "subject": anchor.subject,
            "role": anchor.role,
            "family": anchor.family,
            "enabled": anchor.enabled,
        },
    )
    return anchor


_ANCHOR_EDITABLE = ("name", "family", "enabled", "crl_urls", "ocsp_url")


@transaction.atomic
def trust_anchor_update(
    *, anchor: TrustAnchor, changes: dict[str, Any], actor: User | None
) -> TrustAnchor:
    """Change an anchor's name, family, enabled flag or revocation URLs.
    Disabling an anchor makes every certificate chained through it untrusted."""
    unknown = set(changes) - set(_ANCHOR_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = TrustAnchor.objects.select_for_update().get(pk=anchor.pk)
    changed = {k: v for k, v in changes.items() if getattr(row, k) != v}
    if not changed:
        return row
    for field, value in changed.items():
        setattr(row, field, value)
    row.save(update_fields=list(changed))
    audit_record(event_type=EVENT_ANCHOR_CHANGED, actor=actor, obj=row, data=changed)
    return row


_FACT_FIELDS = (
    "subject_common_name",
    "subject",
    "issuer_common_name",
    "issuer",
    "serial_number",
    "fingerprint_sha256",
    "not_before",
    "not_after",
    "key_usage",
    "key_algorithm",
    "signature_algorithm",
)
