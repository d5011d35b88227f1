"""Incoming documents (văn bản đến): registration in the incoming register and
the end of handling. Direction and assignment are in :mod:`.direction`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.calendar.selectors import working_calendar_get
from congso.core.errors import ConflictError, PermissionDeniedError
from congso.core.files import SCAN_TYPES, WORKING_FILE_TYPES, sniff
from congso.core.outbox.services import outbox_publish
from congso.core.search.query import number_key as number_key_of
from congso.core.text import fold_vi, nfc
from congso.documents.constants import (
    DocumentType,
    FileKind,
    IncomingAction,
    IncomingChannel,
    IncomingStatus,
    OcrStatus,
    Secrecy,
    SeriesKind,
    Urgency,
)
from congso.documents.deadlines import registration_due
from congso.documents.models import DocumentFile, IncomingDocument
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
from congso.documents.services.indexing import index_document
from congso.documents.services.numbering import number_take

CLERK_ROLES = (Role.DOCUMENT_CLERK,)
TOPIC_OCR = "documents.ocr_requested"


@dataclass(frozen=True)
class IncomingData:
    """What the clerk reads off an incoming document."""

    channel: str
    issuer_name: str
    subject: str
    number_symbol: str = ""
    doc_type: str = ""
    issued_date: date | None = None
    received_at: datetime | None = None
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NONE
    due_date: date | None = None
    signer_name: str = ""
    page_count: int | None = None
    notes: str = ""
    source_reference: str = ""
    issuer_agency_id: int | None = None
    allow_duplicate: bool = False


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes
    kind: str = FileKind.SCAN


@dataclass(frozen=True)
class _Checked:
    data: IncomingData
    files: list[tuple[UploadedFile, str]] = field(default_factory=list)


def max_upload_bytes() -> int:
    return int(settings.DOCUMENTS_MAX_UPLOAD_MB) * 1024 * 1024


def files_check(files: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """Each file with its sniffed type; Vietnamese errors for the wrong type or
    size. Scans must be PDF, JPEG or PNG; attachments may also be office files."""
    checked: list[tuple[UploadedFile, str]] = []
    limit = max_upload_bytes()
    for upload in files:
        if not upload.data:
            raise DocumentError(
                _("The file “%(name)s” is empty.") % {"name": upload.name},
                code="empty_file",
            )
        if len(upload.data) > limit:
            raise DocumentError(
                _("The file “%(name)s” is larger than %(mb)s MB.")
                % {"name": upload.name, "mb": limit // (1024 * 1024)},
                code="file_too_large",
            )
        allowed = SCAN_TYPES if upload.kind == FileKind.SCAN else WORKING_FILE_TYPES
        content_type = sniff(BytesIO(upload.data), frozenset(allowed))
        if content_type is None:
            raise DocumentError(
                _(
                    "The file “%(name)s” is not a PDF, JPEG or PNG scan (or an "
                    "office document for attachments)."
                )
                % {"name": upload.name},
                code="file_type",
            )
        checked.append((upload, content_type))
    return checked


def _validate(data: IncomingData, now: datetime) -> IncomingData:
    errors: dict[str, list[str]] = {}
    subject = " ".join(nfc(data.subject).split())
    issuer = " ".join(nfc(data.issuer_name).split())
    number = "".join(nfc(data.number_symbol).split())
    if not subject:
        errors["subject"] = [str(_("Enter the subject (trích yếu)."))]
    elif len(subject) > 500:
        errors["subject"] = [str(_("The subject is longer than 500 characters."))]
    if not issuer:
        errors["issuer_name"] = [str(_("Enter the issuing agency."))]
    if len(number) > 50:
        errors["number_symbol"] = [str(_("The number and symbol are too long."))]
    if data.channel not in IncomingChannel.values:
        errors["channel"] = [str(_("Unknown way of arrival."))]
    if data.doc_type and data.doc_type not in DocumentType.values:
        errors["doc_type"] = [str(_("Unknown document type."))]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [str(_("Unknown urgency."))]
    if data.secrecy not in Secrecy.values:
        errors["secrecy"] = [str(_("Unknown secrecy level."))]
    received = data.received_at or now
    if received > now:
        errors["received_at"] = [str(_("The arrival time is in the future."))]
    if data.issued_date and data.issued_date > timezone.localdate(received):
        errors["issued_date"] = [
            str(_("The document date is after the day it arrived."))
        ]
    if data.due_date and data.due_date < timezone.localdate(received):
        errors["due_date"] = [str(_("The deadline is before the day it arrived."))]
    if errors:
        raise DocumentError(
            _("The incoming document's data is invalid."),
            code="invalid",
            extra={"errors": errors},
        )
    return IncomingData(
        **{
            **data.__dict__,
            "subject": subject,
            "issuer_name": issuer,
            "number_symbol": number,
            "received_at": received,
            "signer_name": nfc(data.signer_name).strip()[:100],
            "notes": nfc(data.notes).strip()[:500],
        }
    )


def _duplicate_check(agency_id: int, data: IncomingData) -> None:
    """NĐ 30 Phụ lục VI: warn on the same number, symbol and issuing agency."""
    key = number_key_of(data.number_symbol)
    if not key or data.allow_duplicate:
        return
    existing = (
        IncomingDocument.objects.filter(
            agency_id=agency_id,
            number_key=key,
            issuer_folded=fold_vi(data.issuer_name),
        )
        .exclude(status=IncomingStatus.RECALLED)
        .order_by("-id")
        .first()
    )
    if existing is not None:
        raise ConflictError(
            _(
                "This document seems registered already: incoming number "
                "%(number)s/%(year)s, %(symbol)s from %(issuer)s. Check it, or "
                "register it again on purpose."
            )
            % {
                "number": existing.arrival_number,
                "year": existing.arrival_year,
                "symbol": existing.number_symbol,
                "issuer": existing.issuer_name,
            },
            code="duplicate",
            extra={"existing_id": existing.pk},
        )


@transaction.atomic
def incoming_register(
    *,
    agency_id: int,
    data: IncomingData,
    files: Sequence[UploadedFile],
    actor: User | None,
    now: datetime | None = None,
    system: bool = False,
) -> IncomingDocument:
    """Enter a document in the agency's incoming register with the next số đến
    of the year (one series for paper and electronic). Scans are queued for text
    recognition. ``system`` registrations (electronic delivery on the network)
    need no clerk; ``actor`` is then the sender's clerk, for the trace."""
    now = now or timezone.now()
    if not system:
        if actor is None:
            raise PermissionDeniedError
        scope, _tree = scope_and_tree(actor, now)
        require(scope, CLERK_ROLES, [agency_id])
    data = _validate(data, now)
    checked = files_check(files)
    _duplicate_check(agency_id, data)
    received_at = data.received_at or now
    arrived = timezone.localdate(received_at)
    cal = working_calendar_get()
    year = timezone.localdate(now).year
    doc = IncomingDocument(
        agency_id=agency_id,
        arrival_year=year,
        arrival_number=0,
        received_at=received_at,
        registered_at=now,
        registration_due=registration_due(arrived, data.urgency, cal),
        registered_by=actor,
        channel=data.channel,
        issuer_name=data.issuer_name,
        issuer_folded=fold_vi(data.issuer_name)[:255],
        issuer_agency_id=data.issuer_agency_id,
        doc_type=data.doc_type,
        number_symbol=data.number_symbol,
        number_key=number_key_of(data.number_symbol),
        issued_date=data.issued_date,
        subject=data.subject,
        urgency=data.urgency,
        secrecy=data.secrecy,
        due_date=data.due_date,
        signer_name=data.signer_name,
        page_count=data.page_count,
        notes=data.notes,
        source_reference=data.source_reference[:255],
        # A paper document with no scan circulates on paper: not fully on the network.
        handled_on_network=data.channel != IncomingChannel.PAPER or bool(checked),
    )
    _series, doc.arrival_number = number_take(
        agency_id=agency_id,
        year=year,
        kind=SeriesKind.INCOMING,
        actor=actor,
        object_type="documents.incoming",
        object_id="",
        now=now,
    )
    doc.save()
    for upload, content_type in checked:
        needs_ocr = upload.kind == FileKind.SCAN
        row = file_store(
            doc,
            kind=upload.kind,
            name=upload.name,
            data=upload.data,
            content_type=content_type,
            actor=actor,
            ocr_status=OcrStatus.PENDING if needs_ocr else OcrStatus.NONE,
        )
        if needs_ocr:
            outbox_publish(
                topic=TOPIC_OCR, payload={"file_id": row.pk}, dedup_key=f"ocr:{row.pk}"
            )
    late = timezone.localdate(now) > doc.registration_due
    trace(
        doc,
        IncomingAction.REGISTER,
        actor,
        now,
        data={"arrival_number": doc.arrival_number, "late": late},
    )
    audit(
        doc,
        "registered",
        actor,
        {
            "arrival_number": doc.arrival_number,
            "year": year,
            "channel": doc.channel,
            "number_symbol": doc.number_symbol,
            "secrecy": doc.secrecy,
            "registered_late": late,
        },
    )
    index_document(doc)
    return doc


@transaction.atomic
def incoming_submit(
    *,
    document: IncomingDocument,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> IncomingDocument:
    """The clerk puts a registered document before the leader (trình)."""
    return _clerk_step(
        document, IncomingAction.SUBMIT, "submitted", actor, note, expected_version, now
    )


@transaction.atomic
def incoming_file(
    *,
    document: IncomingDocument,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> IncomingDocument:
    """Filed for information (lưu tham khảo): needs no handling."""
    return _clerk_step(
        document,
        IncomingAction.FILE,
        "filed",
        actor,
        note,
        expected_version,
        now,
        roles=(Role.DOCUMENT_CLERK, Role.AGENCY_LEADER),
        finishes=True,
    )


@transaction.atomic
def incoming_return(
    *,
    document: IncomingDocument,
    actor: User,
    note: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> IncomingDocument:
    """A mis-sent document goes back to its sender (NĐ 30 Art. 21), with a reason."""
    if not nfc(note).strip():
        raise DocumentError(_("Give the reason for returning it."), code="reason")
    return _clerk_step(
        document,
        IncomingAction.RETURN,
        "returned",
        actor,
        note,
        expected_version,
        now,
        finishes=True,
    )


def _clerk_step(
    document: IncomingDocument,
    action: IncomingAction,
    verb: str,
    actor: User,
    note: str,
    expected_version: int | None,
    now: datetime | None,
    *,
    roles: Sequence[str] = CLERK_ROLES,
    finishes: bool = False,
) -> IncomingDocument:
    now = now or timezone.now()
    doc = lock(IncomingDocument, document.pk, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    require(scope, roles, [doc.agency_id])
    before = doc.status
    move(doc, action)
    if finishes:
        doc.completed_at = now
    doc.save()
    note = nfc(note).strip()
    trace(doc, action, actor, now, note=note)
    audit(doc, verb, actor, {"from": before, "to": doc.status, "note": note})
    index_document(doc)
    return doc


def file_text_set(*, file: DocumentFile, text: str, status: str) -> None:
    """Keep the recognised text of a scan and re-index its document (called by
    the OCR handler in its own transaction)."""
    file.text = text
    file.ocr_status = status
    file.save(update_fields=["text", "ocr_status"])
    index_document(file.document)  # type: ignore[arg-type]
