"""Selector of the Sổ đăng ký văn bản đi (NĐ 30/2020 Phụ lục IV, I): the
documents an agency issued in a period within one year, by number within each
series. Secret documents have their own series (documents.md §2) and so their
own section; asking for that series alone gives the separate secret register."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from django.db.models import Prefetch

from congso.core.text import fold_vi
from congso.documents.constants import (
    DeliveryChannel,
    OutgoingStatus,
    SeriesKind,
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
from congso.documents.exports.incoming import (
    ELECTRONIC,
    MASKED_SUBJECT,
    marks,
    type_and_subject,
    type_name_of,
)
from congso.documents.exports.registers import Register, RegisterSection
from congso.documents.models import Delivery, OutgoingDocument

OUTGOING_COLUMNS = (
    Column("Số, ký hiệu văn bản", 22),
    Column("Ngày tháng văn bản", 12, "date"),
    Column("Tên loại và trích yếu nội dung văn bản", 36),
    Column("Người ký", 17),
    Column("Nơi nhận văn bản", 26),
    Column("Đơn vị, người nhận bản lưu", 15),
    Column("Số lượng bản", 8, "number"),
    Column("Ngày chuyển", 12, "date"),
    Column("Ký nhận", 9),
    Column("Ghi chú", 16),
)
#: Series in the order they are printed, with their section titles.
SERIES_TITLES: Final[Mapping[str, str]] = {
    SeriesKind.OUTGOING: "Văn bản hành chính",
    SeriesKind.NORMATIVE: "Văn bản quy phạm pháp luật",
    SeriesKind.SECRET: "Văn bản mật",
}
ALL_SERIES: Final = tuple(SERIES_TITLES)
_ISSUED = (OutgoingStatus.ISSUED, OutgoingStatus.RECALLED, OutgoingStatus.REPLACED)


@dataclass(frozen=True)
class OutgoingRegisterRow:
    """One line of the Sổ đăng ký văn bản đi (10 columns)."""

    document_id: int
    series: str
    number: int
    number_symbol: str
    issued_date: date | None
    type_name: str
    subject: str
    subject_masked: bool
    signer: str
    recipients: str
    retained_by: str
    copies: int
    sent_on: date | None
    acknowledgement: str
    note: str

    def cells(self) -> tuple[CellValue, ...]:
        return (
            self.number_symbol,
            self.issued_date,
            type_and_subject(self.type_name, self.subject),
            self.signer,
            self.recipients,
            self.retained_by,
            self.copies,
            self.sent_on,
            self.acknowledgement,
            self.note,
        )


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-–+ ").rstrip(";.,") for line in text.splitlines()]


def _is_archive(line: str) -> bool:
    return fold_vi(line).startswith("luu")


def recipients_of(
    doc: OutgoingDocument, deliveries: Sequence[Delivery]
) -> list[tuple[int | None, str]]:
    """Where it was sent, as (agency id on the network or None, name): the
    deliveries made at issuance, else the recipient lines; "Như trên" becomes
    the addressee it stands for; each name once."""
    pairs: list[tuple[int | None, str]] = [
        (d.recipient_agency_id, d.recipient_name) for d in deliveries
    ] or [
        (None, line)
        for line in _lines(doc.external_recipients)
        if line and not _is_archive(line)
    ]
    out: list[tuple[int | None, str]] = []
    for agency_id, name in pairs:
        if fold_vi(name).startswith("nhu tren"):
            name = doc.addressee or name
        if name and name not in {n for _a, n in out}:
            out.append((agency_id, name))
    return out


def copies_of(doc: OutgoingDocument, deliveries: Sequence[Delivery]) -> int:
    """Copies made: one per recipient (the deliveries, else the recipient
    lines) plus the copies kept (``copies``, the number on the "Lưu:" line)."""
    return len(recipients_of(doc, deliveries)) + doc.copies


def _retained_by(doc: OutgoingDocument, units: Mapping[int, str]) -> str:
    """ "Đơn vị, người nhận bản lưu": the "Lưu:" line as written, else the
    document office (VT) and the drafting unit."""
    for line in _lines(doc.external_recipients):
        if _is_archive(line):
            return line.split(":", 1)[-1].strip()
    unit = units.get(doc.drafting_unit_id or 0, "")
    return ", ".join(p for p in ("VT", unit) if p)


def _note(doc: OutgoingDocument, replaced_by: Sequence[OutgoingDocument]) -> str:
    parts = marks(doc.secrecy, doc.urgency)
    if doc.replaces is not None:
        parts.append(f"Thay thế văn bản số {doc.replaces.number_symbol}")
    if doc.status == OutgoingStatus.RECALLED:
        day = local_day(doc.recalled_at)
        parts.append(f"Đã thu hồi ngày {short_date(day)}" if day else "Đã thu hồi")
    if doc.status == OutgoingStatus.REPLACED:
        by = ", ".join(r.number_symbol for r in replaced_by)
        parts.append(f"Được thay thế bằng văn bản số {by}" if by else "Đã bị thay thế")
    return "; ".join(parts)


def _signer(doc: OutgoingDocument) -> str:
    name = doc.signer.get_full_name()
    return f"{name}\n{doc.signer_title}" if doc.signer_title else name


def _row(
    doc: OutgoingDocument, units: Mapping[int, str], include_secret_subjects: bool
) -> OutgoingRegisterRow:
    deliveries = list(doc.deliveries.all())
    masked = doc.is_secret and not include_secret_subjects
    assert doc.series is not None  # noqa: S101  # filtered on series and number
    assert doc.number is not None  # noqa: S101
    sent = [d.sent_at for d in deliveries]
    return OutgoingRegisterRow(
        document_id=doc.pk,
        series=doc.series.kind,
        number=doc.number,
        number_symbol=doc.number_symbol,
        issued_date=doc.issued_date,
        type_name=type_name_of(doc.doc_type),
        subject=MASKED_SUBJECT if masked else doc.subject,
        subject_masked=masked,
        signer=_signer(doc),
        recipients="; ".join(n for _a, n in recipients_of(doc, deliveries)),
        retained_by=_retained_by(doc, units),
        copies=copies_of(doc, deliveries),
        sent_on=local_day(min(sent)) if sent else None,
        acknowledgement=(
            ELECTRONIC
            if deliveries
            and all(d.channel != DeliveryChannel.PAPER for d in deliveries)
            else ""
        ),
        note=_note(doc, list(doc.replaced_by.all())),
    )


def outgoing_register_rows(
    *,
    agency_id: int,
    date_from: date,
    date_to: date,
    include_secret_subjects: bool,
    series: Sequence[str] = ALL_SERIES,
) -> list[OutgoingRegisterRow]:
    """The documents issued (and later recalled or replaced) in the period by
    the agency, series by series in :data:`SERIES_TITLES` order and by number
    within each, in four queries. "Số lượng bản" counts one copy per recipient
    plus the copies kept; "Ký nhận" says "Điện tử" when every copy went out
    electronically. Secret subjects are masked as in the incoming register."""
    period_check(date_from, date_to)
    replaced_by = OutgoingDocument.objects.filter(status__in=_ISSUED).order_by("id")
    docs = list(
        OutgoingDocument.objects.filter(
            agency_id=agency_id,
            status__in=_ISSUED,
            number__isnull=False,
            series__kind__in=list(series),
            series__year=date_from.year,
            issued_date__range=(date_from, date_to),
        )
        .select_related("series", "signer", "replaces")
        .prefetch_related(
            Prefetch("deliveries", queryset=Delivery.objects.order_by("id")),
            Prefetch("replaced_by", queryset=replaced_by),
        )
        .order_by("number")
    )
    order = {kind: index for index, kind in enumerate(SERIES_TITLES)}
    docs.sort(
        key=lambda d: (order.get(d.series.kind, 99) if d.series else 99, d.number)
    )
    units = agency_names({d.drafting_unit_id for d in docs}, on=date_to)
    return [_row(d, units, include_secret_subjects) for d in docs]


def outgoing_register_get(
    *,
    agency_id: int,
    date_from: date,
    date_to: date,
    include_secret_subjects: bool,
    series: Sequence[str] = ALL_SERIES,
) -> Register:
    """The Sổ đăng ký văn bản đi of the period: one section per series that has
    documents, titled when there is more than one or when the one printed is not
    the ordinary series (``series=[SeriesKind.SECRET]``: the secret register)."""
    rows = outgoing_register_rows(
        agency_id=agency_id,
        date_from=date_from,
        date_to=date_to,
        include_secret_subjects=include_secret_subjects,
        series=series,
    )
    kinds = [
        k for k in SERIES_TITLES if k in series and any(r.series == k for r in rows)
    ]
    titled = len(kinds) > 1 or (len(kinds) == 1 and kinds[0] != SeriesKind.OUTGOING)
    sections = tuple(
        RegisterSection(
            SERIES_TITLES[k] if titled else "", [r for r in rows if r.series == k]
        )
        for k in kinds
    ) or (RegisterSection("", []),)
    secret_only = list(series) == [SeriesKind.SECRET]
    return Register(
        title="SỔ ĐĂNG KÝ VĂN BẢN ĐI" + (" (VĂN BẢN MẬT)" if secret_only else ""),
        sheet_name="Sổ đăng ký văn bản đi",
        file_stem=(
            f"so-dang-ky-van-ban-di{'-mat' if secret_only else ''}"
            f"-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
        ),
        heading=heading_get(agency_id=agency_id, on=date_to),
        date_from=date_from,
        date_to=date_to,
        columns=OUTGOING_COLUMNS,
        sections=sections,
    )
