"""Exports of document work: the three registers of NĐ 30/2020 Phụ lục IV as
PDF and Excel (decree columns, secret subjects masked, fixed query counts), the
statistics workbook, and the case-file export (reading copy = cover + pages of
the documents, metadata XML valid against the Phụ lục VI schema, originals
unchanged).

Incoming documents are registered, directed, assigned and completed through
the real services. Issued outgoing documents are created as rows (with their
series, number, files and deliveries): the signing path needs the demo PKI and
adds nothing the registers read."""

from __future__ import annotations

import functools
import hashlib
import io
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pikepdf
import pytest
from django.utils import translation
from lxml import etree  # type: ignore[import-untyped]
from PIL import Image
from pytest_django import DjangoAssertNumQueries
from weasyprint import HTML  # type: ignore[import-untyped]

from congso.accounts.models import AgencyVersion
from congso.core.files import PDF
from congso.core.tests.system import require_tool
from congso.documents import exports
from congso.documents.constants import (
    DeliveryChannel,
    DocumentType,
    FileKind,
    HandlingRole,
    IncomingChannel,
    OutgoingStatus,
    Secrecy,
    SeriesKind,
    Urgency,
)
from congso.documents.exports.common import ExportError
from congso.documents.exports.incoming import INCOMING_COLUMNS, TRACKING_COLUMNS
from congso.documents.exports.metadata import xml_errors
from congso.documents.exports.outgoing import OUTGOING_COLUMNS
from congso.documents.models import (
    CaseFile,
    Delivery,
    HandlingAssignment,
    IncomingDocument,
    NumberingSeries,
    OutgoingDocument,
)
from congso.documents.services._base import file_store
from congso.documents.services.direction import (
    UnitDirection,
    assignment_assign,
    assignment_complete,
    incoming_direct,
)
from congso.documents.services.incoming import UploadedFile
from congso.documents.services.records import (
    case_file_add,
    case_file_close,
    case_file_open,
)
from congso.documents.tests.factories import Office, build_office, register

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 10, 9, 0, tzinfo=HCM)
TODAY = NOW.date()
DEADLINE = date(2026, 11, 20)
ISSUED_ON = date(2026, 11, 2)
YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)
E_ID = "000.00.25.H57"
CULTURE = "Phòng Văn hóa – Xã hội"
OFFICE = "Văn phòng HĐND và UBND"
WARD = "Ủy ban nhân dân phường Phong Điền"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- poppler --------------------------------------------------------------------------


def _poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    target = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.pdf"
    target.write_bytes(pdf)
    extra = ["-"] if tool == "pdftotext" else []
    result = subprocess.run(
        [require_tool(tool, "poppler-utils"), *args, str(target), *extra],
        capture_output=True,
        check=True,
    )
    return nfc(result.stdout.decode("utf-8"))


def pdf_text(pdf: bytes, tmp_path: Path, *args: str) -> str:
    """Text with runs of blanks folded to one space (-raw: cells stay whole)."""
    return " ".join(_poppler("pdftotext", pdf, tmp_path, "-raw", *args).split())


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        count = len(doc.pages)
    return [
        pdf_text(pdf, tmp_path, "-f", str(n), "-l", str(n)) for n in range(1, count + 1)
    ]


def assert_fonts_embedded(pdf: bytes, tmp_path: Path) -> None:
    """Only the shipped serif, embedded as subsets (pdffonts)."""
    lines = _poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert lines
    for line in lines:
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert re.fullmatch(r"[A-Z]{6}\+Congso-Serif(-Bold|-Italic|-BoldItalic)?", name)
        assert (emb, sub) == ("yes", "yes"), line


def assert_landscape(pdf: bytes, tmp_path: Path) -> None:
    info = _poppler("pdfinfo", pdf, tmp_path)
    assert "Page size:       841.89 x 595.276 pts (A4)" in info


# --- data -----------------------------------------------------------------------------


@pytest.fixture
def office(db: None, time_machine: object) -> Office:
    time_machine.move_to(NOW, tick=False)  # type: ignore[attr-defined]
    return build_office()


def _register(office: Office, **overrides: object) -> IncomingDocument:
    """Registered through the service, written on 02/11/2026 by default."""
    overrides.setdefault("issued_date", ISSUED_ON)
    return register(office, **overrides)  # type: ignore[arg-type]


def _direct(
    office: Office, doc: IncomingDocument, *, cooperate: bool = True
) -> HandlingAssignment:
    directions = [UnitDirection(office.culture.pk, HandlingRole.LEAD, DEADLINE)]
    if cooperate:
        directions.append(UnitDirection(office.office.pk, HandlingRole.COOPERATE))
    incoming_direct(document=doc, directions=directions, actor=office.users["leader"])
    return HandlingAssignment.objects.get(incoming=doc, role=HandlingRole.LEAD)


def _assign(office: Office, lead: HandlingAssignment) -> HandlingAssignment:
    return assignment_assign(
        assignment=lead, assignee=office.users["specialist"], actor=office.users["head"]
    )


def _series(office: Office, kind: str) -> NumberingSeries:
    series, _ = NumberingSeries.objects.get_or_create(
        agency=office.ward, year=2026, kind=kind
    )
    return series


def _issued(
    office: Office,
    number: int,
    *,
    kind: str = SeriesKind.OUTGOING,
    symbol: str = "UBND-VHXH",
    secrecy: str = Secrecy.NONE,
    subject: str = "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
    issued: date = date(2026, 11, 12),
    channels: tuple[str, ...] = (DeliveryChannel.INTERNAL,),
    status: str = OutgoingStatus.ISSUED,
) -> OutgoingDocument:
    """An issued outgoing document as the issuing service leaves it."""
    sent_at = datetime.combine(issued, datetime.min.time(), tzinfo=HCM) + timedelta(
        hours=15
    )
    doc = OutgoingDocument.objects.create(
        agency=office.ward,
        agency_name=WARD,
        drafting_unit=office.culture,
        doc_type=DocumentType.OFFICIAL_LETTER,
        subject=subject,
        secrecy=secrecy,
        addressee="Ban công tác Mặt trận các tổ dân phố",
        signer=office.users["leader"],
        signer_title="Chủ tịch",
        competence="TM.",
        external_recipients="Như trên;\nLưu: VT, VHXH.",
        copies=2,
        status=status,
        series=_series(office, kind),
        number=number,
        number_symbol=f"{number:02d}/{symbol}",
        issued_date=issued,
        issued_at=sent_at,
        created_by=office.users["specialist"],
    )
    for n, channel in enumerate(channels):
        on_network = channel == DeliveryChannel.INTERNAL
        Delivery.objects.create(
            outgoing=doc,
            recipient_agency=office.other_ward if on_network and n == 0 else None,
            recipient_name=(
                "Ủy ban nhân dân phường Phong Thái" if on_network else "Như trên"
            ),
            channel=channel,
            sent_at=sent_at,
        )
    return doc


def _pdf(*pages: str) -> bytes:
    body = "".join(
        f'<p style="page-break-before: always">{text}</p>' if n else f"<p>{text}</p>"
        for n, text in enumerate(pages)
    )
    return bytes(HTML(string=f"<html><body>{body}</body></html>").write_pdf())


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(buffer, "PNG", dpi=(200, 200))
    return buffer.getvalue()


# --- incoming register ----------------------------------------------------------------


@dataclass
class Incoming:
    directed: IncomingDocument
    secret: IncomingDocument
    plain: IncomingDocument


@pytest.fixture
def incoming(office: Office) -> Incoming:
    directed = _register(
        office,
        number_symbol="1234/SVHTT-QLVH",
        urgency=Urgency.URGENT,
        channel=IncomingChannel.ELECTRONIC,  # handled on the system: "Điện tử"
    )
    _assign(office, _direct(office, directed))
    secret = _register(
        office,
        number_symbol="15/CAT-PV01",
        issuer_name="Công an thành phố Huế",
        subject="Về việc bảo vệ mục tiêu trọng điểm dịp Tết",
        doc_type=DocumentType.PLAN,
        secrecy=Secrecy.CONFIDENTIAL,
        notes="Kèm phương án bảo vệ",
    )
    plain = _register(office, number_symbol="88/TB-STC", doc_type=DocumentType.NOTICE)
    return Incoming(directed, secret, plain)


def test_incoming_register_rows_follow_the_decree_columns(incoming: Incoming) -> None:
    """One row per registered document in số đến order, with the 10 columns of
    Phụ lục IV: the lead unit and its assignee as recipient, the direction day
    as "Ngày chuyển", "Điện tử" when passed on the system, marks in Ghi chú."""
    rows = exports.incoming_register_rows(
        agency_id=incoming.directed.agency_id,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )
    assert [r.arrival_number for r in rows] == [1, 2, 3]
    first = rows[0]
    assert first.cells() == (
        TODAY,
        1,
        "Sở Văn hóa và Thể thao thành phố Huế",
        "1234/SVHTT-QLVH",
        date(2026, 11, 2),
        "Công văn\nVề việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        f"{CULTURE} (Chuyenvien); Phối hợp: {OFFICE}",
        TODAY,
        "Điện tử",
        "KHẨN",
    )
    assert len(first.cells()) == len(INCOMING_COLUMNS) == 10
    plain = rows[2]
    assert (plain.recipients, plain.forwarded_on, plain.acknowledgement) == (
        "",
        None,
        "",
    )


def test_secret_subject_is_masked_unless_the_reader_may_see_it(
    incoming: Incoming,
) -> None:
    """A secret document keeps its row, số đến, number and issuer; its subject
    shows only with ``include_secret_subjects``."""
    rows = functools.partial(
        exports.incoming_register_rows,
        agency_id=incoming.secret.agency_id,
        date_from=YEAR_START,
        date_to=YEAR_END,
    )
    masked = rows(include_secret_subjects=False)[1]
    assert masked.subject_masked
    assert masked.subject == exports.MASKED_SUBJECT
    assert "Tết" not in " ".join(str(c) for c in masked.cells())
    assert (masked.arrival_number, masked.number_symbol) == (2, "15/CAT-PV01")
    assert masked.issuer == "Công an thành phố Huế"
    assert masked.note == "MẬT"  # the clerk's note could tell the content
    shown = rows(include_secret_subjects=True)[1]
    assert shown.subject == "Về việc bảo vệ mục tiêu trọng điểm dịp Tết"
    assert shown.note == "MẬT; Kèm phương án bảo vệ"
    assert not shown.subject_masked


def test_incoming_register_pdf(incoming: Incoming, tmp_path: Path) -> None:
    """A4 landscape, agency and period on top, every column header, the rows,
    the secret subject masked, only the shipped fonts, embedded."""
    register_ = exports.incoming_register_get(
        agency_id=incoming.directed.agency_id,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )
    pdf = exports.register_pdf(register_)
    text = pdf_text(pdf, tmp_path)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN" in text
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text
    assert "Năm: 2026" in text
    assert "Từ ngày 01/01/2026 đến ngày 31/12/2026" in text
    assert "Từ số 1 đến số 3" in text
    for column in INCOMING_COLUMNS:
        assert column.header in text, column.header
    assert "(10)" in text
    assert "1234/SVHTT-QLVH" in text
    assert "10/11/2026" in text
    assert "02/11/2026" in text
    assert exports.MASKED_SUBJECT in text
    assert "mục tiêu trọng điểm" not in text
    assert "Trang 1/1" in text
    assert_landscape(pdf, tmp_path)
    assert_fonts_embedded(pdf, tmp_path)


def test_register_headers_repeat_on_every_page(office: Office, tmp_path: Path) -> None:
    """A long register breaks over pages, each with the column headers and its
    page number."""
    for n in range(40):
        _register(office, number_symbol=f"{100 + n}/SVHTT-QLVH")
    pdf = exports.register_pdf(
        exports.incoming_register_get(
            agency_id=office.ward.pk,
            date_from=YEAR_START,
            date_to=YEAR_END,
            include_secret_subjects=False,
        )
    )
    pages = page_texts(pdf, tmp_path)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert "Tên loại và trích yếu nội dung văn bản" in text
        assert "Đơn vị hoặc người nhận" in text
        assert f"Trang {number}/{len(pages)}" in text
    assert "139/SVHTT-QLVH" in pages[-1]


def test_incoming_register_workbook(incoming: Incoming) -> None:
    """Excel: agency, title and period rows, the decree's header row, frozen
    panes under it, real date cells shown dd/mm/yyyy, wrapped text, widths."""
    register_ = exports.incoming_register_get(
        agency_id=incoming.directed.agency_id,
        date_from=YEAR_START,
        date_to=date(2026, 11, 30),
        include_secret_subjects=False,
    )
    book = openpyxl.load_workbook(io.BytesIO(exports.register_xlsx(register_)))
    sheet = book.active
    assert sheet.title == "Sổ đăng ký văn bản đến"
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN"
    assert sheet["A2"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert sheet["A3"].value == (
        "Năm: 2026 – Từ ngày 01/01/2026 đến ngày 30/11/2026 – Từ số 1 đến số 3"
    )
    assert [c.value for c in sheet[4]] == [c.header for c in INCOMING_COLUMNS]
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"
    first = [c for c in sheet[5]]
    assert first[0].value == datetime(2026, 11, 10)
    assert first[0].number_format == "DD/MM/YYYY"
    assert first[1].value == 1
    assert first[4].value == datetime(2026, 11, 2)
    assert first[5].alignment.wrap_text
    assert first[5].value.startswith("Công văn\nVề việc")
    assert sheet["F6"].value == f"Kế hoạch\n{exports.MASKED_SUBJECT}"
    assert sheet.column_dimensions["F"].width == 36
    assert sheet.max_row == 7


def test_register_period_is_within_one_year(office: Office) -> None:
    """Numbers restart every year: a period over two years is refused, and so
    is a reversed one."""
    with pytest.raises(ExportError) as error:
        exports.incoming_register_rows(
            agency_id=office.ward.pk,
            date_from=date(2025, 12, 1),
            date_to=date(2026, 1, 31),
            include_secret_subjects=False,
        )
    assert error.value.code == "period_year"
    with pytest.raises(ExportError):
        exports.outgoing_register_rows(
            agency_id=office.ward.pk,
            date_from=date(2026, 2, 1),
            date_to=date(2026, 1, 1),
            include_secret_subjects=False,
        )


def test_period_selects_by_registration_day(
    office: Office, time_machine: object
) -> None:
    """Documents registered outside the period are not in it."""
    _register(office, number_symbol="1/SVHTT-QLVH")
    time_machine.move_to(NOW + timedelta(days=3), tick=False)  # type: ignore[attr-defined]
    _register(office, number_symbol="2/SVHTT-QLVH")
    rows = exports.incoming_register_rows(
        agency_id=office.ward.pk,
        date_from=date(2026, 11, 11),
        date_to=date(2026, 11, 30),
        include_secret_subjects=False,
    )
    assert [r.arrival_number for r in rows] == [2]


# --- outgoing register ----------------------------------------------------------------


def test_outgoing_register_rows_and_series(office: Office, tmp_path: Path) -> None:
    """Issued documents by number, the secret series in its own section with
    masked subjects; Nơi nhận from the deliveries ("Như trên" → the
    addressee), bản lưu from the "Lưu:" line, copies = recipients + kept."""
    second = _issued(
        office, 2, channels=(DeliveryChannel.INTERNAL, DeliveryChannel.PAPER)
    )
    first = _issued(office, 1)
    _issued(
        office,
        1,
        kind=SeriesKind.SECRET,
        secrecy=Secrecy.SECRET,
        subject="V/v phương án bảo vệ bí mật",
    )
    _issued(office, 3, status=OutgoingStatus.CANCELLED)  # never in a register
    rows = exports.outgoing_register_rows(
        agency_id=office.ward.pk,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )
    assert [(r.series, r.number) for r in rows] == [
        (SeriesKind.OUTGOING, 1),
        (SeriesKind.OUTGOING, 2),
        (SeriesKind.SECRET, 1),
    ]
    assert rows[0].document_id == first.pk
    assert rows[0].cells() == (
        "01/UBND-VHXH",
        date(2026, 11, 12),
        "Công văn\nV/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        "Lanhdao\nChủ tịch",
        "Ủy ban nhân dân phường Phong Thái",
        "VT, VHXH",
        3,
        date(2026, 11, 12),
        "Điện tử",
        "",
    )
    assert len(rows[0].cells()) == len(OUTGOING_COLUMNS) == 10
    assert rows[1].document_id == second.pk
    assert rows[1].recipients == (
        "Ủy ban nhân dân phường Phong Thái; Ban công tác Mặt trận các tổ dân phố"
    )
    assert (rows[1].copies, rows[1].acknowledgement) == (4, "")
    assert rows[2].subject == exports.MASKED_SUBJECT
    assert rows[2].note == "TỐI MẬT"

    register_ = exports.outgoing_register_get(
        agency_id=office.ward.pk,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )
    assert [s.title for s in register_.sections] == [
        "Văn bản hành chính",
        "Văn bản mật",
    ]
    pdf = exports.register_pdf(register_)
    text = pdf_text(pdf, tmp_path)
    for column in OUTGOING_COLUMNS:
        assert column.header in text, column.header
    assert "Văn bản mật" in text
    assert "bảo vệ bí mật" not in text
    assert_landscape(pdf, tmp_path)
    assert_fonts_embedded(pdf, tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(exports.register_xlsx(register_)))
    sheet = book.active
    assert [c.value for c in sheet[4]] == [c.header for c in OUTGOING_COLUMNS]
    assert sheet["A5"].value == "Văn bản hành chính"
    assert sheet["A6"].value == "01/UBND-VHXH"
    assert sheet["B6"].value == datetime(2026, 11, 12)
    assert sheet["A8"].value == "Văn bản mật"


def test_secret_outgoing_register_alone(office: Office) -> None:
    """Asking for the secret series gives the separate secret register, with
    the subjects for a reader cleared for them."""
    _issued(office, 1)
    _issued(
        office, 1, kind=SeriesKind.SECRET, secrecy=Secrecy.SECRET, subject="V/v mật"
    )
    register_ = exports.outgoing_register_get(
        agency_id=office.ward.pk,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=True,
        series=[SeriesKind.SECRET],
    )
    assert register_.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐI (VĂN BẢN MẬT)"
    [section] = register_.sections
    assert section.title == "Văn bản mật"
    assert [r.subject for r in section.rows] == ["V/v mật"]  # type: ignore[attr-defined]


def test_outgoing_register_notes_recall_and_replacement(office: Office) -> None:
    """Ghi chú says what replaced a document, what it replaces, and its recall."""
    old = _issued(office, 1, status=OutgoingStatus.REPLACED)
    new = _issued(office, 2)
    new.replaces = old
    new.save()
    recalled = _issued(office, 3, status=OutgoingStatus.RECALLED)
    recalled.recalled_at = NOW + timedelta(days=5)
    recalled.save()
    rows = exports.outgoing_register_rows(
        agency_id=office.ward.pk,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )
    assert [r.note for r in rows] == [
        "Được thay thế bằng văn bản số 02/UBND-VHXH",
        "Thay thế văn bản số 01/UBND-VHXH",
        "Đã thu hồi ngày 15/11/2026",
    ]


# --- tracking register ----------------------------------------------------------------


def test_tracking_register_progress_and_replies(
    office: Office, time_machine: object, tmp_path: Path
) -> None:
    """Documents directed or with a deadline, with the decree's 7 columns:
    deadline, progress (done on time, done late, open and overdue), the replies'
    numbers; documents filed for information are not tracked."""
    on_time = _register(office, number_symbol="1/SVHTT-QLVH")
    late = _register(
        office, number_symbol="2/SVHTT-QLVH", doc_type=DocumentType.DECISION
    )
    open_ = _register(office, number_symbol="3/SVHTT-QLVH")
    _register(office, number_symbol="4/SVHTT-QLVH")  # not directed, no deadline
    lead_on_time = _assign(office, _direct(office, on_time, cooperate=False))
    lead_late = _assign(office, _direct(office, late))
    _direct(office, open_)
    assignment_complete(assignment=lead_on_time, actor=office.users["head"])
    reply = _issued(office, 7)
    reply.replies_to.add(on_time)
    time_machine.move_to(NOW + timedelta(days=12), tick=False)  # type: ignore[attr-defined]
    assignment_complete(assignment=lead_late, actor=office.users["head"])
    rows = exports.tracking_register_rows(
        agency_id=office.ward.pk,
        date_from=YEAR_START,
        date_to=YEAR_END,
        today=date(2026, 11, 25),
    )
    assert [r.arrival_number for r in rows] == [1, 2, 3]
    assert rows[0].cells() == (
        1,
        "Công văn số 1/SVHTT-QLVH ngày 02/11/2026 của Sở Văn hóa và Thể thao "
        "thành phố Huế",
        f"{CULTURE} (Chuyenvien)",
        DEADLINE,
        "Đã giải quyết ngày 10/11/2026, đúng hạn",
        "07/UBND-VHXH",
        "",
    )
    assert len(rows[0].cells()) == len(TRACKING_COLUMNS) == 7
    assert rows[1].reference.startswith("Quyết định số 2/SVHTT-QLVH")
    assert (rows[1].progress, rows[1].late) == (
        "Đã giải quyết ngày 22/11/2026, quá hạn",
        True,
    )
    assert (rows[2].progress, rows[2].late) == ("Đang giải quyết, quá hạn", True)
    pdf = exports.register_pdf(
        exports.tracking_register_get(
            agency_id=office.ward.pk,
            date_from=YEAR_START,
            date_to=YEAR_END,
            today=date(2026, 11, 25),
        )
    )
    text = pdf_text(pdf, tmp_path)
    assert "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN" in text
    for column in TRACKING_COLUMNS:
        assert column.header in text, column.header
    assert "07/UBND-VHXH" in text


# --- query counts ---------------------------------------------------------------------


def _fill(office: Office, count: int) -> None:
    for n in range(count):
        doc = _register(office, number_symbol=f"{500 + n}/SVHTT-QLVH")
        _assign(office, _direct(office, doc))
        _issued(office, n + 1).replies_to.add(doc)


def _incoming_register(agency_id: int) -> exports.Register:
    return exports.incoming_register_get(
        agency_id=agency_id,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )


def _tracking_register(agency_id: int) -> exports.Register:
    return exports.tracking_register_get(
        agency_id=agency_id, date_from=YEAR_START, date_to=YEAR_END, today=TODAY
    )


def _outgoing_register(agency_id: int) -> exports.Register:
    return exports.outgoing_register_get(
        agency_id=agency_id,
        date_from=YEAR_START,
        date_to=YEAR_END,
        include_secret_subjects=False,
    )


#: Register → (queries: documents, prefetches, unit names, agency heading; builder).
REGISTERS: dict[str, tuple[int, Callable[[int], exports.Register]]] = {
    "incoming": (4, _incoming_register),
    "tracking": (5, _tracking_register),
    "outgoing": (5, _outgoing_register),
}


@pytest.mark.parametrize("kind", list(REGISTERS))
@pytest.mark.parametrize("count", [1, 20])
def test_register_query_count_does_not_grow(
    office: Office,
    django_assert_num_queries: DjangoAssertNumQueries,
    kind: str,
    count: int,
) -> None:
    """The same number of queries for 1 and for 20 rows."""
    queries, build = REGISTERS[kind]
    _fill(office, count)
    with django_assert_num_queries(queries):
        register_ = build(office.ward.pk)
    assert len(register_.rows) == count


# --- statistics -----------------------------------------------------------------------


def test_statistics_workbook_and_report(office: Office, tmp_path: Path) -> None:
    """Per-agency and per-unit figures with names from the organisation tree;
    every agency and unit asked for has a line."""
    doc = _register(office, number_symbol="1/SVHTT-QLVH")
    _direct(office, doc)
    _register(office, number_symbol="2/SVHTT-QLVH")
    _issued(office, 1)
    with translation.override("en"):
        report = exports.statistics_report_get(
            agency_ids=[office.ward.pk, office.other_ward.pk],
            date_from=YEAR_START,
            date_to=YEAR_END,
            today=TODAY,
            reporting_agency_id=office.ward.pk,
        )
        data = exports.statistics_xlsx(report)
        pdf = exports.statistics_pdf(report)
    assert [(a.name, a.figures.incoming) for a in report.agencies] == [
        (WARD, 2),
        ("Ủy ban nhân dân phường Phong Thái", 0),
    ]
    assert report.agencies[0].figures.outgoing == 1
    assert {(u.name, u.agency_name, u.figures.assigned) for u in report.units} == {
        (CULTURE, WARD, 1),
        (OFFICE, WARD, 1),
    }
    book = openpyxl.load_workbook(io.BytesIO(data))
    agencies, units = book.worksheets
    assert agencies["A1"].value == WARD.upper()
    assert agencies["A4"].value == "Agency"
    assert [c.value for c in agencies[5]][:3] == [WARD, 2, 0]
    assert agencies["D5"].value == 0.0
    assert agencies.freeze_panes == "A5"
    assert sorted(units[r][0].value for r in (5, 6)) == sorted([CULTURE, OFFICE])
    text = pdf_text(pdf, tmp_path)
    assert "Document work statistics" in text
    assert "Phòng Văn hóa – Xã hội" in text
    assert_fonts_embedded(pdf, tmp_path)


# --- case file ------------------------------------------------------------------------


@dataclass
class Filed:
    case_file: CaseFile
    scanned: IncomingDocument
    photographed: IncomingDocument
    reply: OutgoingDocument
    issued_sha256: str


@pytest.fixture
def filed(office: Office) -> Filed:
    AgencyVersion.objects.filter(agency=office.ward).update(electronic_id=E_ID)
    scanned = _register(
        office,
        number_symbol="1234/SVHTT-QLVH",
        files=[UploadedFile("cv-1234.pdf", _pdf("BAN QUET GOC 1", "BAN QUET GOC 2"))],
        signer_name="Nguyễn Văn Sở",
    )
    file_store(
        scanned,
        kind=FileKind.OCR,
        name="cv-1234-ocr.pdf",
        data=_pdf("LOP CHU OCR 1", "LOP CHU OCR 2"),
        content_type=PDF,
        actor=None,
        derived_from=scanned.documentfiles.get(kind=FileKind.SCAN),
    )
    _assign(office, _direct(office, scanned))
    photographed = _register(
        office,
        number_symbol="77/TB-STC",
        doc_type=DocumentType.NOTICE,
        files=[UploadedFile("anh-chup.png", _png())],
    )
    reply = _issued(office, 5)
    issued = _pdf("VAN BAN DI 1", "VAN BAN DI 2", "VAN BAN DI 3")
    file_store(
        reply,
        kind=FileKind.SIGNED,
        name="ky.pdf",
        data=_pdf("NHAP"),
        content_type=PDF,
        actor=None,
    )
    row = file_store(
        reply,
        kind=FileKind.ISSUED,
        name="05_UBND-VHXH.pdf",
        data=issued,
        content_type=PDF,
        actor=None,
    )
    clerk = office.users["clerk"]
    case_file = case_file_open(
        agency_id=office.ward.pk,
        notation="HS-01",
        title="Hồ sơ tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        retention="years",
        retention_years=10,
        creator=CULTURE,
        actor=clerk,
    )
    for doc in (scanned, photographed):
        case_file_add(case_file=case_file, actor=clerk, incoming=doc)
    case_file_add(case_file=case_file, actor=clerk, outgoing=reply)
    case_file = case_file_close(case_file=case_file, actor=clerk)
    return Filed(case_file, scanned, photographed, reply, row.sha256)


def test_case_file_export_zip(filed: Filed) -> None:
    """A zip named by the file code with the reading copy, the XML, its schema
    and the originals byte for byte (the signed issued copy included)."""
    export = exports.case_file_export(case_file=filed.case_file)
    assert export.filename == f"{E_ID}.2026.HS-01.zip"
    archive = zipfile.ZipFile(io.BytesIO(export.data))
    names = archive.namelist()
    assert names[:3] == [
        f"{E_ID}.2026.HS-01.pdf",
        f"{E_ID}.2026.HS-01.xml",
        "ho-so.xsd",
    ]
    originals = [n for n in names if n.startswith("van-ban/")]
    assert len(originals) == 3  # the scan, the photo, the issued copy (no OCR copy)
    assert not any("ocr" in n for n in originals)
    issued = next(n for n in originals if n.startswith("van-ban/003-"))
    assert hashlib.sha256(archive.read(issued)).hexdigest() == filed.issued_sha256
    assert archive.read(f"{E_ID}.2026.HS-01.pdf") == export.pdf
    assert archive.read(f"{E_ID}.2026.HS-01.xml") == export.xml
    assert export.notes == ()


def test_case_file_reading_copy(filed: Filed, tmp_path: Path) -> None:
    """Cover and contents, then the documents' pages: the OCR copy of the scan
    (2 pages), the photo on one page, the issued copy (3 pages); the cover says
    it is a reading copy."""
    export = exports.case_file_export(case_file=filed.case_file)
    pages = page_texts(export.pdf, tmp_path)
    documents = 2 + 1 + 3
    cover = len(pages) - documents
    assert cover >= 1
    assert "HỒ SƠ" in pages[0]
    assert "BẢN ĐỌC – không dùng để xác thực chữ ký số" in pages[0]
    assert "Mã hồ sơ: 000.00.25.H57.2026.HS-01" in pages[0]
    contents = " ".join(pages[:cover])
    assert "MỤC LỤC VĂN BẢN" in contents
    assert "Tờ số" in contents
    assert "77/TB-STC 02/11/2026 Sở Văn hóa và Thể thao" in contents
    assert "05/UBND-VHXH 12/11/2026 Ủy ban nhân dân" in contents
    assert f"{cover + 1} 2" in contents  # the first document starts after the cover
    assert pages[cover].startswith("LOP CHU OCR 1")
    assert "BAN QUET GOC" not in " ".join(pages)
    assert pages[cover + 3].startswith("VAN BAN DI 1")
    assert pages[-1].startswith("VAN BAN DI 3")
    assert_fonts_embedded(_first_pages(export.pdf, cover), tmp_path)


def _first_pages(pdf: bytes, count: int) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as out:
        out.pages.extend(source.pages[:count])
        buffer = io.BytesIO()
        out.save(buffer)
    return buffer.getvalue()


def test_case_file_xml_validates(filed: Filed) -> None:
    """Phụ lục VI Part II metadata: file code, counts, dates dd/mm/yyyy, each
    document in its table; valid against the shipped XSD."""
    export = exports.case_file_export(case_file=filed.case_file)
    assert xml_errors(export.xml) == []
    root = etree.fromstring(export.xml)
    case = root.find("CaseFile")
    assert case.findtext("FileCode/OrganId") == E_ID
    assert case.findtext("FileCode/FileCatalog") == "2026"
    assert case.findtext("FileCode/FileNotation") == "HS-01"
    assert case.findtext("Maintenance") == "10 năm"
    assert case.findtext("Creator") == CULTURE
    assert case.findtext("Language") == "Tiếng Việt"
    assert case.findtext("StartDate") == "10/11/2026"
    assert case.findtext("EndDate") == "10/11/2026"
    assert case.findtext("DocTotal") == "3"
    assert case.findtext("PageTotal") == "6"
    first, second, third = root.find("Documents")
    assert first.tag == second.tag == "IncomingDocument"
    assert first.findtext("DocOrdinal") == "1"
    assert first.findtext("CodeNumber") == "1234"
    assert first.findtext("CodeNotation") == "SVHTT-QLVH"
    assert first.findtext("IssuedDate") == "02/11/2026"
    assert first.findtext("ArrivalNumber") == "1"
    assert first.findtext("PageAmount") == "2"
    assert first.findtext("SignerInfo/FullName") == "Nguyễn Văn Sở"
    assert first.findtext("ToPlaces") == f"{CULTURE}; {OFFICE}; Chuyenvien"
    assert "Chủ trì: Phòng Văn hóa – Xã hội, Chuyenvien, hạn 20/11/2026" in (
        first.findtext("TraceHeaderList")
    )
    assert third.tag == "OutgoingDocument"
    assert third.findtext("CodeNumber") == "05"
    assert third.findtext("CodeNotation") == "UBND-VHXH"
    assert third.findtext("SignerInfo/Position") == "TM. Chủ tịch"
    assert third.findtext("To/OrganName") == "Ủy ban nhân dân phường Phong Thái"
    assert third.findtext("Priority") == "0"
    assert third.findtext("IssuedAmount") == "3"
    assert export.xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("CaseFile/FileCode/OrganId", "000.00.25.H57.X"),  # 15 > 13 characters
        ("CaseFile/StartDate", "2026-11-10"),  # not dd/mm/yyyy
        ("CaseFile/DocTotal", "10000"),  # Number 4
        ("Documents/IncomingDocument/Subject", "x" * 501),  # String 500
        ("Documents/OutgoingDocument/Priority", "12"),  # Number 1
        ("CaseFile/Title", ""),  # present but empty
    ],
)
def test_a_broken_export_does_not_validate(filed: Filed, path: str, value: str) -> None:
    """The schema enforces the decree's lengths, types and the date pattern."""
    root = etree.fromstring(exports.case_file_export(case_file=filed.case_file).xml)
    root.find(path).text = value
    assert xml_errors(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_missing_element_does_not_validate(filed: Filed) -> None:
    """A required element left out, or XML that does not parse, is reported."""
    root = etree.fromstring(exports.case_file_export(case_file=filed.case_file).xml)
    case = root.find("CaseFile")
    case.remove(case.find("Title"))
    assert xml_errors(etree.tostring(root))
    assert xml_errors(b"<CaseFileExport><not-closed></CaseFileExport>")


def test_long_text_is_shortened_and_noted(filed: Filed) -> None:
    """Free text over the decree's length is cut with "…" and noted on the
    cover; the XML still validates."""
    IncomingDocument.objects.filter(pk=filed.scanned.pk).update(issuer_name="Sở " * 80)
    export = exports.case_file_export(case_file=filed.case_file)
    organ = etree.fromstring(export.xml).findtext(
        "Documents/IncomingDocument/OrganName"
    )
    assert len(organ) == 200
    assert organ.endswith("…")
    assert export.notes == (
        "Văn bản số thứ tự 1: trường OrganName dài 239 ký tự, đã rút gọn còn 200.",
    )


def test_identifier_that_does_not_fit_is_refused(filed: Filed) -> None:
    """A number and symbol longer than CodeNotation (30) is not cut: the export
    is refused and names the field."""
    IncomingDocument.objects.filter(pk=filed.scanned.pk).update(
        number_symbol="1234/SVHTT-QLVH-PHONGQUANLYVANHOA-XY"
    )
    with pytest.raises(ExportError) as error:
        exports.case_file_export(case_file=filed.case_file)
    assert error.value.code == "metadata_length"
    assert error.value.extra["fields"] == [
        "Văn bản số thứ tự 1: CodeNotation (31 > 30)"
    ]


def test_agency_without_electronic_identifier_is_refused(filed: Filed) -> None:
    """The file code starts with the agency's e-ID (OrganId): none, no export."""
    AgencyVersion.objects.filter(agency=filed.case_file.agency).update(electronic_id="")
    with pytest.raises(ExportError) as error:
        exports.case_file_export(case_file=filed.case_file)
    assert error.value.code == "organ_id_missing"


def test_statistics_count_each_outgoing_document_once(office: Office) -> None:
    """A document sent to two recipients is one document issued."""
    _issued(office, 1, channels=(DeliveryChannel.INTERNAL, DeliveryChannel.EMAIL))
    report = exports.statistics_report_get(
        agency_ids=[office.ward.pk], date_from=YEAR_START, date_to=YEAR_END, today=TODAY
    )
    assert report.agencies[0].figures.outgoing == 1


def test_document_without_a_file_is_listed_not_merged(
    office: Office, tmp_path: Path
) -> None:
    """A paper document registered without a scan: listed in the contents with
    a note, its page count from the register, nothing merged for it."""
    AgencyVersion.objects.filter(agency=office.ward).update(electronic_id=E_ID)
    doc = _register(office, number_symbol="9/SVHTT-QLVH", page_count=4)
    clerk = office.users["clerk"]
    case_file = case_file_open(
        agency_id=office.ward.pk,
        notation="HS-02",
        title="Hồ sơ giấy",
        retention="permanent",
        retention_years=None,
        creator=CULTURE,
        actor=clerk,
    )
    case_file_add(case_file=case_file, actor=clerk, incoming=doc)
    export = exports.case_file_export(case_file=case_file)
    note = "Văn bản số thứ tự 1: không có bản điện tử để ghép"
    assert export.notes == (note,)
    root = etree.fromstring(export.xml)
    assert root.findtext("CaseFile/Maintenance") == "Vĩnh viễn"
    assert root.findtext("CaseFile/PageTotal") == "4"
    assert root.find("CaseFile/EndDate") is None  # still open
    assert xml_errors(export.xml) == []
    pages = page_texts(export.pdf, tmp_path)
    assert note in " ".join(pages)
    assert "MỤC LỤC VĂN BẢN" in pages[-1]
    names = zipfile.ZipFile(io.BytesIO(export.data)).namelist()
    assert not any(n.startswith("van-ban/") for n in names)
