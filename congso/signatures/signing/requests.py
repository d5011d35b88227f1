"""Remote signing (ký số từ xa) as an asynchronous :class:`SigningRequest`:
pending → signed / rejected / expired / failed, with a deadline.

1. :func:`signing_request_create` checks the certificate, prepares the document
   (placeholder, signed attributes) and stores a pending request; the outbox
   (``signatures.signing_request_submit``) sends the hash to the provider after
   commit.
2. The signer approves or rejects on their phone (the simulator's page).
3. :func:`signing_request_poll` (beat, every few seconds, through
   :func:`signing_request_sweep`) asks the provider; an approved signature is
   checked against the certificate and embedded (``PdfTBSDocument``), with the
   time-stamp and DSS its level needs.
4. The outcome is stored by a conditional update from ``pending``: a request is
   finished exactly once, so embedding is idempotent under duplicate deliveries
   and concurrent pollers. Rejection and expiry keep a Vietnamese message.

Provider calls happen outside the write transactions (conventions §5)."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from asn1crypto.algos import SignedDigestAlgorithm
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from congso.accounts.models import User
from congso.audit.services import audit_record
from congso.core.outbox import outbox_publish
from congso.signatures.constants import KeySource
from congso.signatures.models import Certificate
from congso.signatures.selectors import certificate_chain_get
from congso.signatures.signing.constants import (
    EVENT_REQUEST_CREATED,
    EVENT_REQUEST_FINISHED,
    EVENT_REQUEST_SUBMITTED,
    TOPIC_REQUEST_SUBMIT,
    PAdESLevel,
    SignaturePurpose,
    SigningRequestStatus,
)
from congso.signatures.signing.engine import (
    PreparedSignature,
    pades_finish,
    pades_prepare,
)
from congso.signatures.signing.errors import (
    CertificateNotYoursError,
    NoSigningKeyError,
    RemoteProviderError,
    expired_message,
    invalid_signature_message,
    rejected_message,
)
from congso.signatures.signing.models import SigningRequest
from congso.signatures.signing.providers.base import (
    RemoteProviderUnavailable,
    RemoteSignRequest,
    RemoteStatus,
)
from congso.signatures.signing.providers.registry import remote_provider_get
from congso.signatures.signing.selectors import (
    can_sign_with,
    signing_request_list_pending,
)
from congso.signatures.signing.services import (
    certificate_usable_check,
    purpose_check,
    signature_recorded,
)
from congso.signatures.signing.signers import signature_verify
from congso.signatures.signing.specs import (
    IssueDetails,
    Placement,
    signature_spec_build,
)
from congso.signatures.timestamping import timestamper_get
from congso.signatures.trust import validation_context_build

logger = logging.getLogger(__name__)
S = SigningRequestStatus
SWEEP_BATCH = 100


def signing_request_create(
    *,
    pdf: bytes,
    certificate: Certificate,
    actor: User,
    purpose: SignaturePurpose,
    title: str,
    level: PAdESLevel = PAdESLevel.B_T,
    placement: Placement | None = None,
    reason: str = "",
    location: str = "",
    issue: IssueDetails | None = None,
    now: datetime | None = None,
) -> SigningRequest:
    """A pending remote signature of ``pdf`` by ``certificate`` (its key at a
    remote provider); ``title`` is what the signer sees on their phone."""
    moment = timezone.localtime(now or timezone.now())
    if certificate.key_source != KeySource.REMOTE:
        raise NoSigningKeyError
    if not can_sign_with(user=actor, certificate=certificate, on=moment.date()):
        raise CertificateNotYoursError
    purpose_check(certificate, purpose)
    certificate_usable_check(certificate=certificate, at=moment)
    moment = moment.replace(microsecond=0)
    remote_provider_get(certificate.remote_provider)  # unknown provider: LookupError
    spec = signature_spec_build(
        pdf=pdf,
        certificate=certificate,
        purpose=purpose,
        level=level,
        placement=placement or Placement(),
        moment=moment,
        reason=reason,
        location=location,
        issue=issue,
    )
    prepared = pades_prepare(
        pdf,
        spec,
        certificate=certificate.asn1(),
        chain=[a.asn1() for a in certificate_chain_get(certificate=certificate)],
    )
    return _request_store(
        prepared=prepared,
        certificate=certificate,
        actor=actor,
        purpose=purpose,
        level=level,
        title=title,
        field_name=spec.field_name,
        source=pdf,
        moment=moment,
    )


@transaction.atomic
def _request_store(
    *,
    prepared: PreparedSignature,
    certificate: Certificate,
    actor: User,
    purpose: str,
    level: str,
    title: str,
    field_name: str,
    source: bytes,
    moment: datetime,
) -> SigningRequest:
    request = SigningRequest.objects.create(
        id=uuid.uuid4(),
        certificate=certificate,
        requested_by=actor,
        purpose=purpose,
        level=level,
        title=title[:200],
        field_name=field_name,
        provider=certificate.remote_provider,
        credential_id=certificate.remote_credential_id,
        deadline=moment + timedelta(seconds=settings.SIGNATURES_REMOTE_DEADLINE),
        source_sha256=hashlib.sha256(source).hexdigest(),
        prepared_pdf=prepared.prepared_pdf,
        digest_algorithm=prepared.digest_algorithm,
        document_digest=prepared.document_digest,
        reserved_start=prepared.reserved_start,
        reserved_end=prepared.reserved_end,
        signed_attrs=prepared.signed_attrs,
        signature_mechanism=prepared.signature_mechanism,
    )
    audit_record(
        event_type=EVENT_REQUEST_CREATED,
        actor=actor,
        obj=request,
        data={
            "certificate": certificate.fingerprint_sha256,
            "provider": request.provider,
            "purpose": purpose,
            "level": level,
            "source_sha256": request.source_sha256,
            "deadline": request.deadline,
        },
    )
    outbox_publish(
        topic=TOPIC_REQUEST_SUBMIT,
        payload={"request_id": str(request.pk)},
        dedup_key=f"{TOPIC_REQUEST_SUBMIT}:{request.pk}",
    )
    return request


def _prepared(request: SigningRequest) -> PreparedSignature:
    return PreparedSignature(
        prepared_pdf=bytes(request.prepared_pdf),
        document_digest=bytes(request.document_digest),
        reserved_start=request.reserved_start,
        reserved_end=request.reserved_end,
        signed_attrs=bytes(request.signed_attrs),
        signature_mechanism=bytes(request.signature_mechanism),
        digest_algorithm=request.digest_algorithm,
    )


def signing_request_submit(
    *, request_id: uuid.UUID, now: datetime | None = None
) -> None:
    """Send a pending request's hash to its provider (outbox handler). Safe to
    repeat: the request id is the provider's idempotency key, and a request
    already sent or finished is left alone. An unreachable provider raises
    :class:`RemoteProviderError`, so the outbox retries with back-off."""
    now = now or timezone.now()
    request = SigningRequest.objects.get(pk=request_id)
    if request.status != S.PENDING or request.transaction_id:
        return
    if now > request.deadline:
        _finish(request, S.EXPIRED, message=expired_message(request.deadline), now=now)
        return
    provider = remote_provider_get(request.provider)
    signed_attrs = bytes(request.signed_attrs)
    try:
        submission = provider.submit(
            RemoteSignRequest(
                credential_id=request.credential_id,
                digest=hashlib.new(request.digest_algorithm, signed_attrs).digest(),
                digest_algorithm=request.digest_algorithm,
                signature_algorithm=bytes(request.signature_mechanism),
                title=request.title,
                idempotency_key=str(request.pk),
                expires_at=request.deadline,
            )
        )
    except RemoteProviderUnavailable:
        logger.warning("Remote provider %s unreachable", request.provider)
        raise RemoteProviderError(provider.label or request.provider) from None
    _submitted(request.pk, submission.transaction_id, now)


@transaction.atomic
def _submitted(request_id: uuid.UUID, transaction_id: str, now: datetime) -> None:
    changed = SigningRequest.objects.filter(
        pk=request_id, status=S.PENDING, transaction_id=""
    ).update(transaction_id=transaction_id, submitted_at=now)
    if changed:
        audit_record(
            event_type=EVENT_REQUEST_SUBMITTED,
            actor=None,
            object_type="signatures.signingrequest",
            object_id=str(request_id),
            data={"transaction_id": transaction_id},
        )


def signing_request_poll(
    *, request_id: uuid.UUID, now: datetime | None = None
) -> SigningRequest:
    """Ask the provider once and finish the request if it is decided; expire it
    when its deadline passed without an approval. Returns the current row."""
    now = now or timezone.now()
    request = SigningRequest.objects.select_related("certificate").get(pk=request_id)
    if request.status != S.PENDING:
        return request
    if not request.transaction_id:
        if now > request.deadline:
            return _finish(
                request, S.EXPIRED, message=expired_message(request.deadline), now=now
            )
        return request
    provider = remote_provider_get(request.provider)
    try:
        result = provider.poll(request.transaction_id)
    except RemoteProviderUnavailable:
        logger.warning("Remote provider %s unreachable", request.provider)
        result = None
    if result is not None and result.status == RemoteStatus.APPROVED:
        return _embed(request, result.signature or b"", now)
    if result is not None and result.status == RemoteStatus.REJECTED:
        label = provider.label or request.provider
        return _finish(request, S.REJECTED, message=rejected_message(label), now=now)
    if now > request.deadline or (
        result is not None and result.status == RemoteStatus.EXPIRED
    ):
        return _finish(
            request, S.EXPIRED, message=expired_message(request.deadline), now=now
        )
    SigningRequest.objects.filter(pk=request.pk).update(last_polled_at=now)
    return request


def _embed(request: SigningRequest, signature: bytes, now: datetime) -> SigningRequest:
    """Check the returned signature against the certificate, then embed it."""
    certificate = request.certificate
    mechanism = SignedDigestAlgorithm.load(bytes(request.signature_mechanism))
    if not signature_verify(
        certificate.asn1(),
        mechanism,
        signature,
        bytes(request.signed_attrs),
        request.digest_algorithm,
    ):
        return _finish(request, S.FAILED, message=invalid_signature_message(), now=now)
    level = PAdESLevel(request.level)
    signed = pades_finish(
        _prepared(request),
        signature,
        certificate=certificate.asn1(),
        chain=[a.asn1() for a in certificate_chain_get(certificate=certificate)],
        level=level,
        timestamper=timestamper_get() if level != PAdESLevel.B_B else None,
        validation_context=validation_context_build(revocation_mode="hard-fail")
        if level == PAdESLevel.B_LT
        else None,
    )
    return _finish(request, S.SIGNED, signed_pdf=signed, now=now)


@transaction.atomic
def _finish(
    request: SigningRequest,
    status: SigningRequestStatus,
    *,
    now: datetime,
    message: str = "",
    signed_pdf: bytes | None = None,
) -> SigningRequest:
    """Move a pending request to its outcome, once (conditional update)."""
    changes: dict[str, Any] = {"status": status, "message": message, "finished_at": now}
    if signed_pdf is not None:
        changes["signed_pdf"] = signed_pdf
    changed = SigningRequest.objects.filter(pk=request.pk, status=S.PENDING).update(
        **changes
    )
    row = SigningRequest.objects.select_related("certificate").get(pk=request.pk)
    if not changed:
        return row  # finished meanwhile by another delivery or poller
    audit_record(
        event_type=EVENT_REQUEST_FINISHED,
        actor=None,
        obj=row,
        data={"status": status, "message": message},
    )
    if signed_pdf is not None:
        signature_recorded(
            certificate=row.certificate,
            actor=row.requested_by,
            purpose=row.purpose,
            level=row.level,
            field_name=row.field_name,
            source_sha256=row.source_sha256,
            signed=signed_pdf,
            remote_request=str(row.pk),
        )
    return row


@dataclass(frozen=True)
class SweepResult:
    polled: int = 0
    signed: int = 0
    rejected: int = 0
    expired: int = 0
    failed: int = 0


def signing_request_sweep(*, now: datetime | None = None) -> SweepResult:
    """Poll every pending request (oldest deadline first, a batch per run): the
    periodic job behind the Celery beat entry ``signatures-remote-sweep``."""
    now = now or timezone.now()
    counts = dict.fromkeys(("polled", "signed", "rejected", "expired", "failed"), 0)
    ids = list(
        signing_request_list_pending().values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for request_id in ids:
        try:
            row = signing_request_poll(request_id=request_id, now=now)
        except Exception:  # one bad request must not stop the others
            logger.exception("Polling signing request %s failed", request_id)
            continue
        counts["polled"] += 1
        if row.status != S.PENDING:
            counts[str(row.status)] += 1
    return SweepResult(**counts)


def signing_request_expire_due(now: datetime) -> int:
    """Expire pending requests past their deadline without asking the provider
    (the daily deadline scanner; runs inside its transaction). Returns how many."""
    expired = 0
    for request in signing_request_list_pending(due_before=now - timedelta(hours=1)):
        row = _finish(
            request, S.EXPIRED, message=expired_message(request.deadline), now=now
        )
        expired += row.status == S.EXPIRED
    return expired
