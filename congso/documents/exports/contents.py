"""What a case-file export reads (NĐ 30/2020 Phụ lục VI): the case file, its
documents in order with their Phần II metadata, the files to merge into the
reading copy and the originals to keep, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.core.files import PDF
from congso.documents.constants import URGENCY_PRIORITY, FileKind, HandlingRole
from congso.documents.exports.common import (
    ExportError,
    Heading,
    agency_versions,
    heading_get,
    local_day,
    short_date,
)
from congso.documents.exports.incoming import type_name_of
from congso.documents.exports.metadata import DocumentMeta, FileCode
from congso.documents.exports.outgoing import copies_of, recipients_of
from congso.documents.models import (
    CaseFile,
    CaseFileItem,
    DocumentEvent,
    DocumentFile,
    HandlingAssignment,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.notation import format_number, parse_notation

#: The trace (TraceHeaderList) in the decree's words; unknown actions as stored.
TRACE_ACTIONS: Final = {
    "register": "Vào sổ văn bản đến",
    "submit": "Trình lãnh đạo",
    "direct": "Phân phối, chỉ đạo giải quyết",
    "assign": "Giao giải quyết",
    "propose": "Đề xuất, báo cáo kết quả",
    "complete": "Hoàn thành giải quyết",
    "file": "Lưu tham khảo",
    "return": "Trả lại nơi gửi",
    "recall": "Thu hồi",
    "reply_link": "Trả lời bằng văn bản",
}


@dataclass(frozen=True)
class FiledDocument:
    """One document of the file with what the export needs from it:
    ``reading`` are the files merged into the reading copy, ``originals`` the
    files kept unchanged."""

    meta: DocumentMeta
    number_symbol: str
    reading: tuple[DocumentFile, ...]
    originals: tuple[DocumentFile, ...]


@dataclass(frozen=True)
class CaseFileContents:
    case_file: CaseFile
    heading: Heading
    code: FileCode
    documents: tuple[FiledDocument, ...]


def split_notation(text: str) -> tuple[str, str]:
    """(CodeNumber, CodeNotation) of a number and symbol: ``("05", "UBND-VP")``,
    ``("12", "2025/QĐ-UBND")``; an unparsed text splits at its first "/"."""
    parsed = parse_notation(text) if text else None
    if parsed is not None:
        return format_number(parsed.number), parsed.symbol
    number, _slash, symbol = text.partition("/")
    return (number, symbol) if symbol else ("", text)


# --- the files of a document ----------------------------------------------------------


def _ocr_copy(scan: DocumentFile, files: Sequence[DocumentFile]) -> DocumentFile | None:
    """The searchable PDF the OCR step made from ``scan``, the latest if several."""
    copies = [
        f
        for f in files
        if f.kind == FileKind.OCR
        and f.derived_from_id == scan.pk
        and f.content_type == PDF
    ]
    return copies[-1] if copies else None


def _files(
    files: Sequence[DocumentFile], incoming: bool
) -> tuple[list[DocumentFile], list[DocumentFile]]:
    """(files to read, original files to keep) of one document."""
    if incoming:
        scans = [f for f in files if f.kind == FileKind.SCAN]
        derived = {c.pk for s in scans if (c := _ocr_copy(s, files)) is not None}
        reading = [_ocr_copy(s, files) or s for s in scans]
        kept = [
            f
            for f in files
            if f.kind in (FileKind.SCAN, FileKind.ATTACHMENT) and f.pk not in derived
        ]
        return reading, kept
    main = [f for f in files if f.kind == FileKind.ISSUED][-1:] or [
        f for f in files if f.kind == FileKind.SIGNED
    ][-1:]
    return main, main + [f for f in files if f.kind == FileKind.ATTACHMENT]


# --- metadata of the documents --------------------------------------------------------


def _lead_first(doc: IncomingDocument) -> list[HandlingAssignment]:
    rows = list(doc.assignments.all())
    return sorted(rows, key=lambda a: a.role != HandlingRole.LEAD)


def _trace(doc: IncomingDocument, units: dict[int, str]) -> str:
    """TraceHeaderList: the direction, then every step of the handling."""
    lines = []
    for a in _lead_first(doc):
        part = "Chủ trì" if a.role == HandlingRole.LEAD else "Phối hợp"
        deadline = f", hạn {short_date(a.deadline)}" if a.deadline else ""
        person = f", {a.assignee.get_full_name()}" if a.assignee else ""
        lines.append(f"{part}: {units.get(a.unit_id, '')}{person}{deadline}")
    for e in doc.documentevents.all():
        when = timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M")
        what = TRACE_ACTIONS.get(e.action, e.action)
        note = f": {e.note}" if e.note else ""
        lines.append(f"{when} – {e.actor_label or 'Hệ thống'} – {what}{note}")
    return "\n".join(lines)


def _incoming_meta(
    order: int, doc: IncomingDocument, units: dict[int, str]
) -> DocumentMeta:
    number, notation = split_notation(doc.number_symbol)
    assignments = _lead_first(doc)
    lead = [a for a in assignments if a.role == HandlingRole.LEAD]
    places = [units.get(a.unit_id, "") for a in assignments]
    if lead and lead[0].assignee is not None:
        places.append(lead[0].assignee.get_full_name())
    return DocumentMeta(
        ordinal=order,
        incoming=True,
        type_name=type_name_of(doc.doc_type),
        code_number=number,
        code_notation=notation,
        issued_date=doc.issued_date,
        organ_name=doc.issuer_name,
        subject=doc.subject,
        page_amount=doc.page_count,
        description=doc.notes,
        signer_position="",
        signer_name=doc.signer_name,
        priority=URGENCY_PRIORITY.get(doc.urgency, 0),
        due_date=doc.due_date,
        arrival_date=timezone.localdate(doc.received_at),
        arrival_number=doc.arrival_number,
        to_places="; ".join(p for p in places if p),
        trace=_trace(doc, units),
    )


def _outgoing_meta(
    order: int, doc: OutgoingDocument, ids: dict[int, str]
) -> DocumentMeta:
    number, notation = split_notation(doc.number_symbol)
    deliveries = list(doc.deliveries.all())
    recall = (
        f"Đã thu hồi ngày {short_date(local_day(doc.recalled_at))}: {doc.recall_reason}"
        if doc.recalled_at
        else ""
    )
    return DocumentMeta(
        ordinal=order,
        incoming=False,
        type_name=type_name_of(doc.doc_type),
        code_number=number,
        code_notation=notation,
        issued_date=doc.issued_date,
        organ_name=doc.agency_name,
        subject=doc.subject,
        page_amount=None,
        description=recall,
        signer_position=" ".join(p for p in (doc.competence, doc.signer_title) if p),
        signer_name=doc.signer.get_full_name(),
        priority=URGENCY_PRIORITY.get(doc.urgency, 0),
        due_date=doc.due_date,
        recipients=[
            (ids.get(agency_id or 0, ""), name)
            for agency_id, name in recipients_of(doc, deliveries)
        ],
        issued_amount=copies_of(doc, deliveries),
    )


def _items(case_file: CaseFile) -> list[CaseFileItem]:
    files = DocumentFile.objects.order_by("id")
    return list(
        CaseFileItem.objects.filter(case_file=case_file)
        .select_related("incoming", "outgoing", "outgoing__signer")
        .prefetch_related(
            Prefetch("incoming__documentfiles", queryset=files),
            Prefetch("outgoing__documentfiles", queryset=files),
            Prefetch(
                "incoming__assignments",
                queryset=HandlingAssignment.objects.select_related("assignee").order_by(
                    "role", "id"
                ),
            ),
            Prefetch(
                "incoming__documentevents",
                queryset=DocumentEvent.objects.order_by("at", "id"),
            ),
            "outgoing__deliveries",
        )
        .order_by("order")
    )


def case_file_contents_get(*, case_file: CaseFile) -> CaseFileContents:
    """Everything the export reads, in a fixed number of queries. Refuses a
    file whose agency has no electronic identifier (OrganId, QĐ 20/2020)."""
    on = case_file.end_date or date(case_file.year, 12, 31)
    items = _items(case_file)
    agency_ids: set[int | None] = {case_file.agency_id}
    for item in items:
        if item.incoming is not None:
            agency_ids |= {a.unit_id for a in item.incoming.assignments.all()}
        if item.outgoing is not None:
            agency_ids |= {
                d.recipient_agency_id for d in item.outgoing.deliveries.all()
            }
    versions = agency_versions(agency_ids, on=on)
    names = {i: v.name for i, v in versions.items()}
    ids = {i: v.electronic_id for i, v in versions.items()}
    own = versions.get(case_file.agency_id)
    if own is None or not own.electronic_id:
        raise ExportError(
            _(
                "The agency has no electronic identifier (mã định danh), which "
                "the case file code needs. Set it in the organisation first."
            ),
            code="organ_id_missing",
        )
    documents = []
    for position, item in enumerate(items, start=1):
        if item.incoming is not None:
            doc_files = list(item.incoming.documentfiles.all())
            meta = _incoming_meta(position, item.incoming, names)
            symbol = item.incoming.number_symbol
        else:
            assert item.outgoing is not None  # noqa: S101  # one owner (constraint)
            doc_files = list(item.outgoing.documentfiles.all())
            meta = _outgoing_meta(position, item.outgoing, ids)
            symbol = item.outgoing.number_symbol
        reading, kept = _files(doc_files, incoming=item.incoming is not None)
        documents.append(FiledDocument(meta, symbol, tuple(reading), tuple(kept)))
    return CaseFileContents(
        case_file=case_file,
        heading=heading_get(agency_id=case_file.agency_id, on=on),
        code=FileCode(own.electronic_id, case_file.year, case_file.notation),
        documents=tuple(documents),
    )


# --- the export -----------------------------------------------------------------------
