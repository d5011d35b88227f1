"""Selectors of the two incoming registers (NĐ 30/2020 Phụ lục IV, VI and
VIII): the Sổ đăng ký văn bản đến and the Sổ theo dõi giải quyết văn bản đến
of an agency for a period within one year, as frozen rows in số đến order.

A period selects the documents *registered* in it with a số đến of its year:
the số đến is taken at registration, so the rows are a continuous run of the
register even when a document arrived on 31/12 and was registered on 02/01.
Each selector runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from congso.documents.constants import (
    DOCUMENT_TYPES,
    SECRECY_MARKS,
    URGENCY_MARKS,
    AssignmentStatus,
    HandlingRole,
    IncomingStatus,
    OutgoingStatus,
)
from congso.documents.exports.common import (
    CellValue,
    Column,
    agency_names,
    heading_get,
    local_day,
    period_check,
    short_date,
)
from congso.documents.exports.registers import Register, RegisterSection
from congso.documents.models import (
    HandlingAssignment,
    IncomingDocument,
    OutgoingDocument,
)

#: Printed instead of the subject of a secret document to a reader without
#: clearance (the row, its số đến and its number stay).
MASKED_SUBJECT = "(Văn bản mật – không hiển thị trích yếu)"
ELECTRONIC = "Điện tử"
INCOMING_COLUMNS = (
    Column("Ngày đến", 12, "date"),
    Column("Số đến", 7, "number"),
    Column("Tác giả", 20),
    Column("Số, ký hiệu văn bản", 22),
    Column("Ngày tháng văn bản", 12, "date"),
    Column("Tên loại và trích yếu nội dung văn bản", 36),
    Column("Đơn vị hoặc người nhận", 24),
    Column("Ngày chuyển", 12, "date"),
    Column("Ký nhận", 9),
    Column("Ghi chú", 14),
)
TRACKING_COLUMNS = (
    Column("Số đến", 8, "number"),
    Column(
        "Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan, tổ chức ban hành văn bản",
        42,
    ),
    Column("Đơn vị hoặc người nhận", 26),
    Column("Thời hạn giải quyết", 13, "date"),
    Column("Tiến độ giải quyết", 26),
    Column("Số, ký hiệu văn bản trả lời", 18),
    Column("Ghi chú", 18),
)
_STATUS_NOTES = {
    IncomingStatus.RECALLED: "Đã thu hồi",
    IncomingStatus.RETURNED: "Trả lại nơi gửi",
    IncomingStatus.FILED: "Lưu tham khảo",
}
_ANSWERED = (OutgoingStatus.ISSUED, OutgoingStatus.RECALLED, OutgoingStatus.REPLACED)


@dataclass(frozen=True)
class IncomingRegisterRow:
    """One line of the Sổ đăng ký văn bản đến (10 columns)."""

    document_id: int
    received_on: date
    arrival_number: int
    issuer: str
    number_symbol: str
    issued_date: date | None
    type_name: str
    subject: str
    subject_masked: bool
    recipients: str
    forwarded_on: date | None
    acknowledgement: str
    note: str

    def cells(self) -> tuple[CellValue, ...]:
        return (
            self.received_on,
            self.arrival_number,
            self.issuer,
            self.number_symbol,
            self.issued_date,
            type_and_subject(self.type_name, self.subject),
            self.recipients,
            self.forwarded_on,
            self.acknowledgement,
            self.note,
        )


@dataclass(frozen=True)
class TrackingRow:
    """One line of the Sổ theo dõi giải quyết văn bản đến (7 columns)."""

    document_id: int
    arrival_number: int
    reference: str
    recipients: str
    deadline: date | None
    progress: str
    late: bool
    replies: str
    note: str

    def cells(self) -> tuple[CellValue, ...]:
        return (
            self.arrival_number,
            self.reference,
            self.recipients,
            self.deadline,
            self.progress,
            self.replies,
            self.note,
        )


def type_and_subject(type_name: str, subject: str) -> str:
    """The "Tên loại và trích yếu nội dung" cell: the type on its own line."""
    return f"{type_name}\n{subject}" if type_name else subject


def type_name_of(doc_type: str) -> str:
    info = DOCUMENT_TYPES.get(doc_type)  # type: ignore[call-overload]
    return info.name if info else ""


def marks(secrecy: str, urgency: str) -> list[str]:
    """The printed secrecy and urgency marks (MẬT, KHẨN…) that apply."""
    return [m for m in (SECRECY_MARKS.get(secrecy), URGENCY_MARKS.get(urgency)) if m]


def _documents(
    agency_id: int, date_from: date, date_to: date
) -> QuerySet[IncomingDocument]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, tzinfo=tz)
    end = datetime.combine(date_to, time.max, tzinfo=tz)
    assignments = HandlingAssignment.objects.select_related("assignee").order_by(
        "directed_at", "id"
    )
    return (
        IncomingDocument.objects.filter(
            agency_id=agency_id,
            arrival_year=date_from.year,
            registered_at__range=(start, end),
        )
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("arrival_number")
    )


def _recipients(
    assignments: Sequence[HandlingAssignment], names: Mapping[int, str]
) -> str:
    """The lead unit and its assignee, then the cooperating units."""
    lead = [a for a in assignments if a.role == HandlingRole.LEAD]
    others = [names.get(a.unit_id, "") for a in assignments if a not in lead]
    parts = []
    for row in lead:
        unit = names.get(row.unit_id, "")
        person = row.assignee.get_full_name() if row.assignee else ""
        parts.append(f"{unit} ({person})" if person else unit)
    if others:
        parts.append("Phối hợp: " + ", ".join(others))
    return "; ".join(p for p in parts if p)


def _unit_ids(docs: Iterable[IncomingDocument]) -> set[int]:
    return {a.unit_id for d in docs for a in d.assignments.all()}


def _note(doc: IncomingDocument, *, status: bool, notes: bool) -> str:
    """Marks, then the status when asked, then the clerk's notes when asked."""
    parts = marks(doc.secrecy, doc.urgency)
    if status and doc.status in _STATUS_NOTES:
        parts.append(_STATUS_NOTES[IncomingStatus(doc.status)])
    if notes and doc.notes:
        parts.append(doc.notes)
    return "; ".join(parts)


def _subject(doc: IncomingDocument, include_secret_subjects: bool) -> tuple[str, bool]:
    if doc.is_secret and not include_secret_subjects:
        return MASKED_SUBJECT, True
    return doc.subject, False


def incoming_register_rows(
    *,
    agency_id: int,
    date_from: date,
    date_to: date,
    include_secret_subjects: bool,
) -> list[IncomingRegisterRow]:
    """The Sổ đăng ký văn bản đến lines of the period, in số đến order, in three
    queries. A secret document keeps its row, its số đến and its number; its
    subject becomes :data:`MASKED_SUBJECT` (and the clerk's free-text note is
    left out) unless the reader may see secrets. "Ký nhận" says "Điện tử" when
    the document was passed to the units on the system, and is left for a
    signature when it was handled on paper."""
    period_check(date_from, date_to)
    docs = list(_documents(agency_id, date_from, date_to))
    names = agency_names(_unit_ids(docs), on=date_to)
    rows = []
    for doc in docs:
        assignments = list(doc.assignments.all())
        subject, masked = _subject(doc, include_secret_subjects)
        directed = [a.directed_at for a in assignments]
        rows.append(
            IncomingRegisterRow(
                document_id=doc.pk,
                received_on=timezone.localdate(doc.received_at),
                arrival_number=doc.arrival_number,
                issuer=doc.issuer_name,
                number_symbol=doc.number_symbol,
                issued_date=doc.issued_date,
                type_name=type_name_of(doc.doc_type),
                subject=subject,
                subject_masked=masked,
                recipients=_recipients(assignments, names),
                forwarded_on=local_day(min(directed)) if directed else None,
                acknowledgement=(
                    ELECTRONIC if assignments and doc.handled_on_network else ""
                ),
                note=_note(doc, status=True, notes=not masked),
            )
        )
    return rows


def incoming_register_get(
    *,
    agency_id: int,
    date_from: date,
    date_to: date,
    include_secret_subjects: bool,
) -> Register:
    """The Sổ đăng ký văn bản đến of the period, ready for
    :func:`~.registers.register_pdf` and :func:`~.registers.register_xlsx`."""
    rows = incoming_register_rows(
        agency_id=agency_id,
        date_from=date_from,
        date_to=date_to,
        include_secret_subjects=include_secret_subjects,
    )
    return Register(
        title="SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        sheet_name="Sổ đăng ký văn bản đến",
        file_stem=f"so-dang-ky-van-ban-den-{date_from:%Y%m%d}-{date_to:%Y%m%d}",
        heading=heading_get(agency_id=agency_id, on=date_to),
        date_from=date_from,
        date_to=date_to,
        columns=INCOMING_COLUMNS,
        sections=(RegisterSection("", rows),),
        numbers=(rows[0].arrival_number, rows[-1].arrival_number) if rows else None,
    )


# --- tracking register ----------------------------------------------------------------


def _reference(doc: IncomingDocument) -> str:
    """ "Công văn số 1234/SVHTT-QLVH ngày 02/11/2026 của Sở …"."""
    parts = [type_name_of(doc.doc_type) or "Văn bản"]
    if doc.number_symbol:
        parts.append(f"số {doc.number_symbol}")
    if doc.issued_date:
        parts.append(f"ngày {short_date(doc.issued_date)}")
    parts.append(f"của {doc.issuer_name}")
    return " ".join(parts)


def _progress(doc: IncomingDocument, today: date) -> tuple[str, bool]:
    """Where the handling is, and whether it is (or ended) past the deadline."""
    done = local_day(doc.completed_at)
    due = doc.due_date
    if doc.status == IncomingStatus.COMPLETED and done is not None:
        late = due is not None and done > due
        timing = "" if due is None else (", quá hạn" if late else ", đúng hạn")
        return f"Đã giải quyết ngày {short_date(done)}{timing}", late
    if doc.status in _STATUS_NOTES:
        return _STATUS_NOTES[IncomingStatus(doc.status)], False
    assignments = list(doc.assignments.all())
    if not assignments:
        return "Chờ phân phối", due is not None and today > due
    done_units = sum(a.status == AssignmentStatus.DONE for a in assignments)
    text = "Đang giải quyết"
    if done_units:
        text += f" ({done_units}/{len(assignments)} đơn vị đã xong)"
    late = due is not None and today > due
    return (f"{text}, quá hạn" if late else text), late


def tracking_register_rows(
    *,
    agency_id: int,
    date_from: date,
    date_to: date,
    today: date,
) -> list[TrackingRow]:
    """The Sổ theo dõi giải quyết văn bản đến lines: the documents of the period
    that were directed to a unit or carry a handling deadline (those filed for
    information alone need no follow-up), in số đến order, in four queries.
    "Tiến độ" is judged against ``today`` for documents still open; replies
    are the issued outgoing documents linked as answers. No subject is printed;
    the clerk's free-text note of a secret document is left out too."""
    period_check(date_from, date_to)
    replies = OutgoingDocument.objects.filter(status__in=_ANSWERED).order_by(
        "issued_date", "number", "id"
    )
    directed = HandlingAssignment.objects.filter(incoming=OuterRef("pk"))
    docs = list(
        _documents(agency_id, date_from, date_to)
        .filter(Q(Exists(directed)) | Q(due_date__isnull=False))
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    names = agency_names(_unit_ids(docs), on=date_to)
    rows = []
    for doc in docs:
        progress, late = _progress(doc, today)
        rows.append(
            TrackingRow(
                document_id=doc.pk,
                arrival_number=doc.arrival_number,
                reference=_reference(doc),
                recipients=_recipients(list(doc.assignments.all()), names),
                deadline=doc.due_date,
                progress=progress,
                late=late,
                replies="; ".join(r.number_symbol for r in doc.replies.all()),
                note=_note(doc, status=False, notes=not doc.is_secret),
            )
        )
    return rows


def tracking_register_get(
    *, agency_id: int, date_from: date, date_to: date, today: date
) -> Register:
    """The Sổ theo dõi giải quyết văn bản đến of the period (no subject is
    printed, so nothing is masked)."""
    rows = tracking_register_rows(
        agency_id=agency_id, date_from=date_from, date_to=date_to, today=today
    )
    return Register(
        title="SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN",
        sheet_name="Sổ theo dõi giải quyết",
        file_stem=f"so-theo-doi-giai-quyet-{date_from:%Y%m%d}-{date_to:%Y%m%d}",
        heading=heading_get(agency_id=agency_id, on=date_to),
        date_from=date_from,
        date_to=date_to,
        columns=TRACKING_COLUMNS,
        sections=(RegisterSection("", rows),),
    )
