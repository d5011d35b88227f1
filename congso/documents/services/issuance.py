"""Signature, numbering and issuance of outgoing documents (ký số, cấp số,
ban hành; NĐ 30 Phụ lục I two-step signing), delivery on the network, recall
and replacement.

Signing runs outside the write transaction (a TSA or token may be slow): the
service reads the approved file, signs it, then re-checks the document under a
lock before storing. At issuance the number is taken first, in its own short
transaction, and stays with the document: if the agency signature then fails,
a retry reuses it (no gap, no second number)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.core.files import PDF
from congso.core.outbox.services import outbox_publish
from congso.core.search.query import number_key
from congso.core.text import nfc
from congso.documents.constants import (
    DeliveryChannel,
    DeliveryStatus,
    DocumentType,
    FileKind,
    IncomingAction,
    IncomingStatus,
    OutgoingAction,
    OutgoingStatus,
    Secrecy,
    SeriesKind,
)
from congso.documents.models import (
    Delivery,
    DocumentFile,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.notation import build_notation
from congso.documents.selectors.choices import symbol_abbreviations
from congso.documents.services._base import (
    DocumentError,
    audit,
    file_store,
    lock,
    move,
    require,
    scope_and_tree,
    trace,
)
from congso.documents.services.direction import incoming_replied
from congso.documents.services.indexing import index_document
from congso.documents.services.numbering import number_take
from congso.documents.services.outgoing import pending_step
from congso.signatures.selectors import certificate_list_valid
from congso.signatures.signing.constants import PAdESLevel, SignaturePurpose
from congso.signatures.signing.errors import NoAgencyCertificateError, NoSigningKeyError
from congso.signatures.signing.selectors import agency_certificate_for_signing
from congso.signatures.signing.services import sign_pdf
from congso.signatures.signing.specs import IssueDetails

CLERK_ROLES = (Role.DOCUMENT_CLERK,)
RECALL_ROLES = (Role.DOCUMENT_CLERK, Role.AGENCY_LEADER)
TOPIC_DELIVER = "documents.delivery_sent"


def latest_file(doc: OutgoingDocument, kind: str) -> DocumentFile | None:
    return doc.documentfiles.filter(kind=kind).order_by("-id").first()


def _read(row: DocumentFile) -> bytes:
    with row.file.open("rb") as handle:
        data: bytes = handle.read()
    return data


def outgoing_sign(
    *,
    document: OutgoingDocument,
    actor: User,
    pin: str | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """The signer's personal approval signature (blue image) on the approved
    PDF, with their own certificate."""
    now = now or timezone.now()
    doc = OutgoingDocument.objects.get(pk=document.pk)
    if expected_version is not None and doc.row_version != expected_version:
        lock(OutgoingDocument, doc.pk, expected_version)  # raises the conflict
    if doc.status != OutgoingStatus.AWAITING_SIGNATURE:
        move(doc, OutgoingAction.SIGN)  # raises the Vietnamese refusal
    if doc.signer_id != actor.pk:
        raise DocumentError(
            _("Only the designated signer can sign this document."), code="not_signer"
        )
    draft = latest_file(doc, FileKind.DRAFT)
    if draft is None:
        raise DocumentError(_("The document has no file to sign."), code="no_file")
    certificate = certificate_list_valid(
        at=now, owner_user=actor, with_key=True
    ).first()
    if certificate is None:
        raise NoSigningKeyError
    signed = sign_pdf(
        pdf=_read(draft),
        certificate=certificate,
        actor=actor,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        level=PAdESLevel.B_T,
        location=doc.place,
        pin=pin,
        now=now,
    )
    return _signed_store(doc, draft, signed, actor, now)


@transaction.atomic
def _signed_store(
    doc: OutgoingDocument,
    draft: DocumentFile,
    signed: bytes,
    actor: User,
    now: datetime,
) -> OutgoingDocument:
    locked = lock(OutgoingDocument, doc.pk, doc.row_version)
    if latest_file(locked, FileKind.DRAFT) != draft:
        raise DocumentError(
            _("The draft changed while it was being signed. Sign again."),
            code="draft_changed",
        )
    move(locked, OutgoingAction.SIGN)
    step = pending_step(locked)
    if step is not None:
        step.decision, step.decided_at = "approved", now
        step.save(update_fields=["decision", "decided_at"])
    row = file_store(
        locked,
        kind=FileKind.SIGNED,
        name=f"van-ban-{locked.pk}-da-ky.pdf",
        data=signed,
        content_type=PDF,
        actor=actor,
    )
    locked.signed_sha256, locked.signed_at = row.sha256, now
    locked.save()
    trace(locked, OutgoingAction.SIGN, actor, now)
    audit(locked, "signed", actor, {"sha256": row.sha256})
    index_document(locked)
    return locked


def _series_kind(doc: OutgoingDocument) -> str:
    if doc.secrecy != Secrecy.NONE:
        return SeriesKind.SECRET
    return SeriesKind.NORMATIVE if doc.normative else SeriesKind.OUTGOING


@transaction.atomic
def _number(
    doc: OutgoingDocument, actor: User, now: datetime, reserved: int | None
) -> OutgoingDocument:
    locked = lock(OutgoingDocument, doc.pk, doc.row_version)
    if locked.number is not None:
        return locked
    year = timezone.localdate(now).year
    series, value = number_take(
        agency_id=locked.agency_id,
        year=year,
        kind=_series_kind(locked),
        actor=actor,
        object_type="documents.outgoing",
        object_id=str(locked.pk),
        now=now,
        value=reserved,
    )
    agency_abbr, unit_abbr = symbol_abbreviations(
        agency_id=locked.agency_id,
        unit_id=locked.drafting_unit_id,
        on=timezone.localdate(now),
    )
    locked.series, locked.number = series, value
    locked.number_symbol = build_notation(
        number=value,
        doc_type=DocumentType(locked.doc_type),
        agency_abbr=agency_abbr,
        unit_abbr=unit_abbr,
        normative_year=year if locked.normative else None,
    )
    locked.number_key = number_key(locked.number_symbol)
    locked.row_version += 1
    locked.save()
    trace(
        locked, OutgoingAction.NUMBER, actor, now, data={"number": locked.number_symbol}
    )
    audit(locked, "numbered", actor, {"number": locked.number_symbol, "year": year})
    return locked


def outgoing_issue(
    *,
    document: OutgoingDocument,
    actor: User,
    reserved_number: int | None = None,
    pin: str | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """The document office numbers the signed document, adds the agency's
    signature (red seal, number and date line) and issues it: delivered on the
    network to the agencies on it, registered at each as an incoming document."""
    now = now or timezone.now()
    doc = OutgoingDocument.objects.get(pk=document.pk)
    if expected_version is not None and doc.row_version != expected_version:
        lock(OutgoingDocument, doc.pk, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    require(scope, CLERK_ROLES, [doc.agency_id])
    if doc.status != OutgoingStatus.SIGNED:
        move(doc, OutgoingAction.ISSUE)
    signed = latest_file(doc, FileKind.SIGNED)
    if signed is None or signed.sha256 != doc.signed_sha256:
        raise DocumentError(
            _("The signed file is missing or was changed after signing."),
            code="signed_changed",
        )
    data = _read(signed)
    if hashlib.sha256(data).hexdigest() != doc.signed_sha256:
        raise DocumentError(
            _("The signed file is missing or was changed after signing."),
            code="signed_changed",
        )
    certificate = agency_certificate_for_signing(agency_id=doc.agency_id, at=now)
    if certificate is None:
        raise NoAgencyCertificateError(doc.agency_name)
    doc = _number(doc, actor, now, reserved_number)
    issued = sign_pdf(
        pdf=data,
        certificate=certificate,
        actor=actor,
        purpose=SignaturePurpose.AGENCY_ISSUE,
        level=PAdESLevel.B_T,
        location=doc.place,
        issue=IssueDetails(number=doc.number_symbol, place=doc.place),
        pin=pin,
        now=now,
    )
    return _issued_store(doc, issued, actor, now)


@transaction.atomic
def _issued_store(
    doc: OutgoingDocument, issued: bytes, actor: User, now: datetime
) -> OutgoingDocument:
    locked = lock(OutgoingDocument, doc.pk, doc.row_version)
    move(locked, OutgoingAction.ISSUE)
    file_store(
        locked,
        kind=FileKind.ISSUED,
        name=f"{locked.number_symbol.replace('/', '_')}.pdf",
        data=issued,
        content_type=PDF,
        actor=actor,
    )
    locked.issued_at, locked.issued_by = now, actor
    locked.issued_date = timezone.localdate(now)
    locked.save()
    _deliver(locked, now)
    for incoming in locked.replies_to.all():
        incoming_replied(
            document=incoming,
            reply_id=locked.pk,
            reply_label=locked.number_symbol,
            actor=actor,
            now=now,
        )
    if locked.replaces_id is not None:
        _replace(locked, actor, now)
    trace(
        locked, OutgoingAction.ISSUE, actor, now, data={"number": locked.number_symbol}
    )
    audit(locked, "issued", actor, {"number": locked.number_symbol})
    index_document(locked)
    return locked


def _deliver(doc: OutgoingDocument, now: datetime) -> None:
    """One delivery per recipient: on the network for agencies on Công Sở
    (registered there by the outbox handler), on paper for the others."""
    rows = [
        Delivery(
            outgoing=doc,
            recipient_agency=agency,
            recipient_name=str(agency),
            channel=DeliveryChannel.INTERNAL,
            sent_at=now,
        )
        for agency in doc.internal_recipients.all()
    ] + [
        Delivery(
            outgoing=doc,
            recipient_name=line.lstrip("-– ").rstrip(";.")[:255],
            channel=DeliveryChannel.PAPER,
            sent_at=now,
        )
        for line in doc.external_recipients.splitlines()
        if line.strip() and not line.strip().lower().startswith("lưu")
    ]
    Delivery.objects.bulk_create(rows)
    for row in Delivery.objects.filter(outgoing=doc, channel=DeliveryChannel.INTERNAL):
        outbox_publish(
            topic=TOPIC_DELIVER,
            payload={"delivery_id": row.pk},
            dedup_key=f"delivery:{row.pk}",
        )


def _replace(doc: OutgoingDocument, actor: User, now: datetime) -> None:
    old = lock(OutgoingDocument, doc.replaces_id, None)  # type: ignore[arg-type]
    move(old, OutgoingAction.REPLACE)
    old.save()
    trace(old, OutgoingAction.REPLACE, actor, now, data={"by": doc.number_symbol})
    audit(old, "replaced", actor, {"by": doc.pk})
    index_document(old)


@transaction.atomic
def outgoing_recall(
    *,
    document: OutgoingDocument,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """Recall an issued document (thu hồi): it is frozen, and the copies
    delivered on the network are recalled at the recipients."""
    now = now or timezone.now()
    doc = lock(OutgoingDocument, document.pk, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    require(scope, RECALL_ROLES, [doc.agency_id])
    reason = nfc(reason).strip()
    if not reason:
        raise DocumentError(_("Give the reason for the recall."), code="reason")
    move(doc, OutgoingAction.RECALL)
    doc.recalled_at, doc.recall_reason = now, reason[:500]
    doc.save()
    for delivery in doc.deliveries.select_related("incoming"):
        delivery.status = DeliveryStatus.RECALLED
        delivery.save(update_fields=["status"])
        incoming = delivery.incoming
        if incoming is not None and incoming.status != IncomingStatus.RECALLED:
            copy = lock(IncomingDocument, incoming.pk, None)
            move(copy, IncomingAction.RECALL)
            copy.completed_at = now
            copy.save()
            trace(copy, IncomingAction.RECALL, actor, now, note=reason)
            audit(copy, "recalled", actor, {"by_sender": doc.pk})
            index_document(copy)
    trace(doc, OutgoingAction.RECALL, actor, now, note=reason)
    audit(doc, "recalled", actor, {"reason": reason})
    index_document(doc)
    return doc
