"""The signing service the dossier and document code calls (ký số văn bản):
PAdES approval signatures by officials and agencies, placed and drawn per
NĐ 30/2020 Phụ lục I, with software keys or PKCS#11 tokens; audited.

    signed = sign_pdf(pdf=data, certificate=cert, actor=user,
                      purpose=SignaturePurpose.PERSONAL_APPROVAL, level=PAdESLevel.B_T)

Signing needs no write transaction: every check (certificate status, the chain to
the trust store with revocation, the PDF) and the cryptographic work run first,
outside any transaction (a TSA or OCSP responder may be on the network); only
the audit event is written, atomically, once the signed bytes exist. The input is
never modified: callers store the returned bytes, so a failure leaves the good
file in place. Certificates whose key is at a remote provider sign through
:mod:`congso.signatures.signing.requests` instead."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from congso.accounts.models import Agency, User
from congso.accounts.selectors import agency_version_on
from congso.audit.services import audit_record
from congso.signatures.constants import CertificateKind, CertificateStatus, KeySource
from congso.signatures.errors import (
    CertificateExpiredError,
    CertificateNotYetValidError,
    CertificateRevokedError,
    CertificateUntrustedError,
)
from congso.signatures.models import Certificate
from congso.signatures.selectors import certificate_chain_get, certificate_private_key
from congso.signatures.signing.constants import (
    EVENT_IMAGE_SET,
    EVENT_SIGNED,
    PAdESLevel,
    SignatureImageKind,
    SignaturePurpose,
)
from congso.signatures.signing.engine import pades_sign
from congso.signatures.signing.errors import (
    CertificateKindError,
    CertificateNotYoursError,
    NoAgencyCertificateError,
    NoSigningKeyError,
)
from congso.signatures.signing.images import (
    SEAL_DIAMETER_MM,
    SIGNATURE_WIDTH_MM,
    CheckedImage,
    image_check,
)
from congso.signatures.signing.models import SignatureImage
from congso.signatures.signing.selectors import (
    agency_certificate_for_signing,
    can_sign_with,
)
from congso.signatures.signing.signers import CachedKeySigner, pkcs11_signer
from congso.signatures.signing.specs import (
    IssueDetails,
    Placement,
    signature_spec_build,
)
from congso.signatures.timestamping import timestamper_get
from congso.signatures.trust import certificate_chain_check, validation_context_build

logger = logging.getLogger(__name__)


# -- checks -------------------------------------------------------------------------------


def certificate_usable_check(*, certificate: Certificate, at: datetime) -> None:
    """Refuse a certificate that may not sign now: stored status first (a
    revocation recorded in Công Sở counts at once), then the live path to the
    trust store with revocation (the Vietnamese refusals of the trust check)."""
    status = certificate.status_at(at)
    if status == CertificateStatus.REVOKED:
        raise CertificateRevokedError(certificate.revoked_at)
    if status == CertificateStatus.EXPIRED:
        raise CertificateExpiredError(certificate.not_after)
    if status == CertificateStatus.NOT_YET_VALID:
        raise CertificateNotYetValidError(certificate.not_before)
    if status == CertificateStatus.UNTRUSTED:
        raise CertificateUntrustedError(certificate.issuer_common_name)
    certificate_chain_check(certificate.x509(), moment=at)
    if certificate.key_source == KeySource.NONE:
        raise NoSigningKeyError


def purpose_check(certificate: Certificate, purpose: SignaturePurpose) -> None:
    personal = purpose == SignaturePurpose.PERSONAL_APPROVAL
    expected = CertificateKind.PERSONAL if personal else CertificateKind.AGENCY
    if certificate.kind != expected:
        raise CertificateKindError(personal=personal)


# -- signers ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _software_signer(certificate_id: int, fingerprint: str) -> CachedKeySigner:
    """One signer per certificate and process (key parsed once, stack §3.6)."""
    certificate = Certificate.objects.get(pk=certificate_id)
    return CachedKeySigner(
        certificate=certificate.asn1(),
        key=certificate_private_key(certificate=certificate),
        chain=[a.asn1() for a in certificate_chain_get(certificate=certificate)],
    )


@contextmanager
def signer_open(
    *, certificate: Certificate, pin: str | None = None
) -> Iterator[object]:
    """The pyHanko signer of a certificate whose key Công Sở holds: the cached
    software signer, or a PKCS#11 session for this signature (``pin`` or
    ``CONGSO_PKCS11_PIN``)."""
    if certificate.key_source == KeySource.SOFTWARE:
        yield _software_signer(certificate.pk, certificate.fingerprint_sha256)
        return
    if certificate.key_source != KeySource.PKCS11:
        raise NoSigningKeyError
    chain = [a.asn1() for a in certificate_chain_get(certificate=certificate)]
    with pkcs11_signer(
        module=settings.PKCS11_MODULE,
        token_label=certificate.pkcs11_token_label,
        pin=pin if pin is not None else (settings.PKCS11_PIN or None),
        certificate=certificate.asn1(),
        chain=chain,
        key_label=certificate.pkcs11_key_label,
        key_id=bytes.fromhex(certificate.pkcs11_key_id) or None,
    ) as signer:
        yield signer


# -- signing ------------------------------------------------------------------------------


def sign_pdf(
    *,
    pdf: bytes,
    certificate: Certificate,
    actor: User,
    purpose: SignaturePurpose,
    level: PAdESLevel = PAdESLevel.B_T,
    placement: Placement | None = None,
    reason: str = "",
    location: str = "",
    issue: IssueDetails | None = None,
    pin: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """``pdf`` with one more approval signature by ``certificate``, as
    ``actor`` (the certificate's owner, or a document clerk or leader of its
    agency). ``purpose`` decides the appearance (blue signature, red seal with
    number and date, or the attachment text top-right); ``issue`` carries the
    number and symbol for the agency's signatures. Raises the Vietnamese
    refusals; returns the signed bytes (the caller stores them)."""
    moment = timezone.localtime(now or timezone.now())
    if not can_sign_with(user=actor, certificate=certificate, on=moment.date()):
        raise CertificateNotYoursError
    return _sign(
        pdf=pdf,
        certificate=certificate,
        actor=actor,
        purpose=purpose,
        level=level,
        placement=placement or Placement(),
        reason=reason,
        location=location,
        issue=issue,
        pin=pin,
        moment=moment,
    )


def _sign(
    *,
    pdf: bytes,
    certificate: Certificate,
    actor: User | None,
    purpose: SignaturePurpose,
    level: PAdESLevel,
    placement: Placement,
    reason: str,
    location: str,
    issue: IssueDetails | None,
    pin: str | None,
    moment: datetime,
) -> bytes:
    purpose_check(certificate, purpose)
    if certificate.key_source == KeySource.REMOTE:
        raise NoSigningKeyError
    # Checked at the exact instant (a revocation a moment ago counts); the
    # signing time shown on stamps is in whole seconds.
    certificate_usable_check(certificate=certificate, at=moment)
    moment = moment.replace(microsecond=0)
    spec = signature_spec_build(
        pdf=pdf,
        certificate=certificate,
        purpose=purpose,
        level=level,
        placement=placement,
        moment=moment,
        reason=reason,
        location=location,
        issue=issue,
    )
    with signer_open(certificate=certificate, pin=pin) as signer:
        signed = pades_sign(
            pdf,
            spec,
            signer,  # type: ignore[arg-type]  # a pyHanko Signer
            timestamper=timestamper_get() if level != PAdESLevel.B_B else None,
            validation_context=validation_context_build(revocation_mode="hard-fail")
            if level == PAdESLevel.B_LT
            else None,
        )
    signature_recorded(
        certificate=certificate,
        actor=actor,
        purpose=purpose,
        level=level,
        field_name=spec.field_name,
        source_sha256=hashlib.sha256(pdf).hexdigest(),
        signed=signed,
        number=issue.number if issue else "",
    )
    return signed


@transaction.atomic
def signature_recorded(
    *,
    certificate: Certificate,
    actor: User | None,
    purpose: str,
    level: str,
    field_name: str,
    source_sha256: str,
    signed: bytes,
    number: str = "",
    remote_request: str = "",
) -> None:
    """The audit event of a signature made (what, by which key, both hashes)."""
    data = {
        "purpose": purpose,
        "level": level,
        "field": field_name,
        "certificate": certificate.fingerprint_sha256,
        "key_source": certificate.key_source,
        "source_sha256": source_sha256,
        "signed_sha256": hashlib.sha256(signed).hexdigest(),
        "signed_size": len(signed),
        "document_number": number,
    }
    if remote_request:
        data["signing_request"] = remote_request
    audit_record(
        event_type=EVENT_SIGNED,
        actor=actor,
        obj=certificate,
        data=data,
        agency_id=certificate.owner_agency_id,
    )


def sign_dossier_result(
    *,
    pdf: bytes,
    agency_id: int,
    number: str,
    actor: User,
    level: PAdESLevel = PAdESLevel.B_T,
    now: datetime | None = None,
) -> bytes:
    """The result of a dossier signed by the competent agency (kết quả giải
    quyết TTHC): its agency certificate (software or HSM), no image, the number
    and signing time top-right of page 1 as for a separate electronic file
    (Phụ lục I). The dossier service has already checked that ``actor`` may
    record the result; ``actor`` is audited as the one who triggered it."""
    moment = timezone.localtime(now or timezone.now())
    certificate = agency_certificate_for_signing(agency_id=agency_id, at=moment)
    if certificate is None:
        version = agency_version_on(agency_id=agency_id, on=moment.date())
        raise NoAgencyCertificateError(version.name if version else str(agency_id))
    return _sign(
        pdf=pdf,
        certificate=certificate,
        actor=actor,
        purpose=SignaturePurpose.AGENCY_ATTACHMENT,
        level=level,
        placement=Placement(),
        reason="Xác thực kết quả giải quyết thủ tục hành chính",
        location="",
        issue=IssueDetails(number=number),
        pin=None,
        moment=moment,
    )


# -- images -------------------------------------------------------------------------------


@transaction.atomic
def signature_image_set(
    *,
    image: bytes | CheckedImage,
    owner_user: User | None = None,
    owner_agency: Agency | None = None,
    width_mm: Decimal | None = None,
    actor: User | None,
    generated: bool = False,
) -> SignatureImage:
    """Store an official's signature or an agency's seal (a transparent PNG,
    checked and re-encoded) as the current one; the previous stays, replaced."""
    if (owner_user is None) == (owner_agency is None):
        raise ValueError("give exactly one of owner_user and owner_agency")
    checked = image if isinstance(image, CheckedImage) else image_check(image)
    kind = SignatureImageKind.SIGNATURE if owner_user else SignatureImageKind.SEAL
    default = SIGNATURE_WIDTH_MM if owner_user else SEAL_DIAMETER_MM
    now = timezone.now()
    current = SignatureImage.objects.select_for_update().filter(
        replaced_at__isnull=True, owner_user=owner_user, owner_agency=owner_agency
    )
    current.update(replaced_at=now)
    row = SignatureImage.objects.create(
        kind=kind,
        owner_user=owner_user,
        owner_agency=owner_agency,
        png=checked.png,
        width_px=checked.width_px,
        height_px=checked.height_px,
        width_mm=width_mm or default,
        sha256=hashlib.sha256(checked.png).hexdigest(),
        generated=generated,
        uploaded_by=actor,
    )
    audit_record(
        event_type=EVENT_IMAGE_SET,
        actor=actor,
        obj=row,
        data={
            "kind": kind,
            "owner_user_id": row.owner_user_id,
            "owner_agency_id": row.owner_agency_id,
            "sha256": row.sha256,
            "width_mm": str(row.width_mm),
            "generated": generated,
        },
        agency_id=row.owner_agency_id,
    )
    return row
