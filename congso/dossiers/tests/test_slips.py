"""The one-stop slips (forms 01–07) rendered to PDF and checked with poppler:
wording and diacritics, Decree 30 date lines, fees in words, A4 pages and only the
shipped Liberation Serif fonts embedded."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from fontTools.ttLib import TTFont

from congso.accounts.constants import AgencyKind, AgencyLevel
from congso.accounts.models import AdminUnit, Agency, User
from congso.accounts.tests.factories import agency
from congso.calendar.constants import TimeUnit
from congso.catalog.constants import (
    ComponentForm,
    FeeKind,
    OnlineMode,
    ResultType,
    VersionStatus,
)
from congso.catalog.models import (
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureStep,
    ProcedureVersion,
)
from congso.core.tests.system import require_tool
from congso.core.text import fold_vi
from congso.dossiers import slips
from congso.dossiers.constants import (
    ApplicantKind,
    Channel,
    DossierStatus,
    ResultDelivery,
    Timeliness,
)
from congso.dossiers.models import Dossier, DossierComponent, ProcessingStep
from congso.dossiers.templatetags.dossier_print import (
    clock_date,
    vnd,
    vnd_words,
)
from congso.dossiers.templatetags.dossier_print import (
    decree30_date_filter as decree30_date,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NAME = "Phạm Thị Thu Hường"
CODE = "H57.10.01-260205-0007"
PUBLIC_BASE = "https://dichvucong.hue.gov.vn"
LOOKUP = f"{PUBLIC_BASE}/tra-cuu/{CODE}/"
ISSUED = date(2026, 2, 20)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- poppler -------------------------------------------------------------------


def _run(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    target = tmp_path / f"slip-{len(list(tmp_path.iterdir()))}.pdf"
    target.write_bytes(pdf)
    result = subprocess.run(
        [
            require_tool(tool, "poppler-utils"),
            *args,
            str(target),
            *(["-"] if tool == "pdftotext" else []),
        ],
        capture_output=True,
        check=True,
    )
    return nfc(result.stdout.decode("utf-8"))


def pdf_text(pdf: bytes, tmp_path: Path, mode: str = "-raw") -> str:
    """The PDF's text with blanks and line breaks folded to one space: ``-raw``
    (content order, so wrapped table cells stay whole) or ``-layout`` (side-by-side
    columns as printed, for the header)."""
    return " ".join(_run("pdftotext", pdf, tmp_path, mode).split())


def embedded_font_names(pdf: bytes) -> set[str]:
    """Family and version of every embedded TrueType program (from its name table)."""
    names = set()
    pattern = rb"<<([^>]*?/Length (\d+)[^>]*?)>>\s*stream\r?\n"
    for match in re.finditer(pattern, pdf):
        raw = pdf[match.end() : match.end() + int(match.group(2))]
        if b"FlateDecode" in match.group(1):
            raw = zlib.decompress(raw)
        if raw[:4] in (b"\x00\x01\x00\x00", b"true"):
            table = TTFont(io.BytesIO(raw))["name"]
            names.add(f"{table.getDebugName(1)} {table.getDebugName(5)}")
    return names


# --- data ----------------------------------------------------------------------


@dataclass
class Desk:
    commune: Agency
    centre: Agency
    office: Agency
    land: Agency
    dossier: Dossier


def _moment(*args: int) -> datetime:
    return datetime(*args, tzinfo=HCM)


def _version(land: Agency) -> ProcedureVersion:
    procedure = Procedure.objects.create(
        national_code="1.001193", local_code="1.001193.000.00.00.H57"
    )
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        valid_from=date(2025, 7, 1),
        status=VersionStatus.PUBLISHED,
        name="Đăng ký khai sinh",
        sector="Hộ tịch",
        level=AgencyLevel.COMMUNE,
        time_limit=3,
        time_unit=TimeUnit.WORKING_DAYS,
        result_type=ResultType.BOTH,
        online_mode=OnlineMode.FULL,
    )
    ProcedureComponent.objects.create(
        version=version, order=1, name="Tờ khai đăng ký khai sinh", form="original"
    )
    for order, (name, at) in enumerate(
        [("Tiếp nhận", None), ("Thẩm định", None), ("Xác nhận", land)], start=1
    ):
        ProcedureStep.objects.create(
            version=version,
            order=order,
            name=name,
            role="specialist",
            agency=at,
            allowance=1,
        )
    ProcedureFee.objects.create(
        version=version, kind=FeeKind.CHARGE, name="Lệ phí đăng ký", amount=1014
    )
    return version


def _steps(desk: Desk) -> None:
    an = User.objects.create_user(username="an", full_name="Lê Văn Ấn")
    binh = User.objects.create_user(username="binh", full_name="Đỗ Thị Bình")
    rows = [
        (desk.centre, "Tiếp nhận hồ sơ", Timeliness.EARLY, (8, 30), (9, 0), ""),
        (desk.office, "Thẩm định hồ sơ", Timeliness.ON_TIME, (9, 0), (16, 0), ""),
        (desk.land, "Xác nhận liên thông", Timeliness.LATE, (16, 0), (17, 0), "Chậm"),
    ]
    for order, (at, name, result, start, end, note) in enumerate(rows, start=1):
        ProcessingStep.objects.create(
            dossier=desk.dossier,
            order=order,
            name=name,
            agency=at,
            role="specialist",
            allowance=1,
            started_at=_moment(2026, 2, 4 + order, *start),
            finished_at=_moment(2026, 2, 4 + order, *end),
            received_by=an,
            handed_over_by=binh,
            result=result,
            note=note,
        )


@pytest.fixture
def desk(db: None) -> Desk:
    unit = AdminUnit.objects.create(
        key="test-slips@1", code="99999", name="Phường Phong Điền", kind="ward"
    )
    commune = agency(
        "UBND phường Phong Điền", level=AgencyLevel.COMMUNE, admin_unit=unit
    )
    centre = agency(
        "Trung tâm Phục vụ hành chính công phường Phong Điền",
        parent=commune,
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.COMMUNE,
    )
    office = agency(
        "Phòng Văn hóa – Xã hội",
        parent=commune,
        kind=AgencyKind.INTERNAL_UNIT,
        level=AgencyLevel.COMMUNE,
    )
    land = agency("Văn phòng Đăng ký đất đai", level=AgencyLevel.PROVINCE)
    dossier = Dossier.objects.create(
        code=CODE,
        receiving_agency=centre,
        competent_agency=commune,
        procedure_version=_version(land),
        status=DossierStatus.IN_PROGRESS,
        channel=Channel.IN_PERSON,
        result_delivery=ResultDelivery.POST,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name=NAME,
        applicant_folded=fold_vi(NAME),
        personal_id="046190001234",
        phone="0912 345 678",
        address="Tổ dân phố 3, phường Phong Điền, thành phố Huế",
        request_summary="Đăng ký khai sinh cho con",
        received_at=_moment(2026, 2, 5, 8, 30),
        due_at=_moment(2026, 2, 12, 10, 0),
        fee_total=1014,
        register_number=7,
    )
    DossierComponent.objects.create(
        dossier=dossier, name="Tờ khai đăng ký khai sinh", form=ComponentForm.ORIGINAL
    )
    DossierComponent.objects.create(
        dossier=dossier, name="Giấy chứng sinh", form=ComponentForm.COPY, quantity=2
    )
    result = Desk(commune, centre, office, land, dossier)
    _steps(result)
    return result


def _all_slips(desk: Desk) -> dict[str, slips.Slip]:
    d = desk.dossier
    rows = slips.register_rows(Dossier.objects.all(), on=ISSUED)
    return {
        "01": slips.receipt_slip(d, lookup_url=LOOKUP, book="01", receiver="Lê Văn Ấn"),
        "02": slips.supplement_request_slip(
            d,
            items=[slips.SupplementItem("Giấy chứng sinh", "Bản chụp bị mờ")],
            on=ISSUED,
        ),
        "03": slips.refusal_slip(d, reason="Không thuộc thẩm quyền", on=ISSUED),
        "04": slips.apology_slip(
            d, reason="Chờ xác minh", new_due_at=_moment(2026, 3, 2, 9, 0), on=ISSUED
        ),
        "05": slips.stop_notice_slip(d, reason="Người nộp yêu cầu dừng", on=ISSUED),
        "06": slips.control_sheet_slip(d, on=ISSUED),
        "07": slips.register_slip(
            rows, head=slips.letterhead(desk.centre.pk, on=ISSUED), book="01"
        ),
    }


# --- filters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 11, 15), "ngày 15 tháng 11 năm 2026"),
        (date(2025, 9, 2), "ngày 02 tháng 9 năm 2025"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2025, 3, 10), "ngày 10 tháng 3 năm 2025"),
        (
            datetime(2026, 2, 4, 18, 0, tzinfo=ZoneInfo("UTC")),
            "ngày 05 tháng 02 năm 2026",
        ),
    ],
)
def test_decree30_date_pads_days_below_10_and_months_1_2(
    day: date, expected: str
) -> None:
    """Days below 10 and months 1–2 take a leading zero; aware instants are local."""
    assert decree30_date(day) == expected


def test_money_and_clock_filters() -> None:
    """Dot thousands with "đồng", words from core.text, "hh giờ mm phút, ngày"."""
    assert vnd(1234567) == "1.234.567 đồng"
    assert vnd(0) == "0 đồng"
    assert vnd_words(1014) == "Một nghìn không trăm mười bốn đồng."
    assert clock_date(_moment(2026, 2, 5, 8, 5)) == "08 giờ 05 phút, ngày 05/02/2026"
    assert decree30_date(None) == clock_date(None) == ""


@pytest.mark.parametrize(
    ("unit", "place"),
    [
        ("Phường Phong Điền", "Phong Điền"),
        ("Thành phố Huế", "Huế"),
        ("Xã Kim Liên", "Kim Liên"),
        ("Phường 12", "Phường 12"),
        ("Đặc khu Côn Đảo", "Côn Đảo"),
    ],
)
def test_place_name_drops_the_unit_kind_unless_numbered(unit: str, place: str) -> None:
    """Decree 30 place names: the unit's name without its kind, except numbered units."""
    assert slips.place_name(unit) == place


# --- forms ---------------------------------------------------------------------


def test_letterhead_names_the_parent_and_the_place(desk: Desk) -> None:
    """The centre's header carries its People's Committee and the ward as the place."""
    head = slips.letterhead(desk.centre.pk, on=ISSUED)
    assert head.governing == "UBND phường Phong Điền"
    assert head.issuing == "Trung tâm Phục vụ hành chính công phường Phong Điền"
    assert head.place == "Phong Điền"
    assert slips.letterhead(desk.land.pk, on=ISSUED).place == ""


def test_receipt_html_inlines_the_qr_svg(desk: Desk) -> None:
    """The QR code of the lookup URL is an inline SVG path, next to the code as text."""
    html = slips.slip_html(slips.receipt_slip(desk.dossier, lookup_url=LOOKUP))
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="segno"><path [^>]*d="M', html)
    assert f"Mã hồ sơ: {CODE}" in html


def test_receipt_qr_encodes_the_public_lookup_page(desk: Desk, settings) -> None:
    """The QR code is the public lookup page (portal) of the dossier on
    CONGSO_PUBLIC_BASE_URL, not the officials' page."""
    settings.PUBLIC_BASE_URL = PUBLIC_BASE
    url = slips.lookup_url(CODE)
    assert url == LOOKUP
    html = slips.slip_html(slips.receipt_slip(desk.dossier, lookup_url=url))
    assert str(slips.qr_svg(LOOKUP)) in html
    assert str(slips.qr_svg(f"{PUBLIC_BASE}/dossiers/{CODE}/")) not in html


def test_receipt_pdf_has_every_field(desk: Desk, tmp_path: Path) -> None:
    """Form 01: code, applicant with diacritics, components, times, fees in figures
    and in words, delivery, book number, both signature blocks, Decree 30 header."""
    pdf = slips.slip_pdf(
        slips.receipt_slip(
            desk.dossier, lookup_url=LOOKUP, book="01", receiver="Lê Văn Ấn"
        )
    )
    layout = pdf_text(pdf, tmp_path, "-layout")
    assert "UBND PHƯỜNG PHONG ĐIỀN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in layout
    assert nfc("Phong Điền, ngày 05 tháng 02 năm 2026") in layout
    text = pdf_text(pdf, tmp_path)
    for expected in [
        "Độc lập - Tự do - Hạnh phúc",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG PHONG ĐIỀN",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        NAME,
        "046190001234",
        "Tổ dân phố 3, phường Phong Điền, thành phố Huế",
        "0912 345 678",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh cho con",
        "Giấy chứng sinh Bản sao 02",
        "Số lượng hồ sơ: 01 (bộ)",
        "Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 05/02/2026",
        "10 giờ 00 phút, ngày 12/02/2026",
        "Qua dịch vụ bưu chính công ích",
        "Tổng cộng: 1.014 đồng",
        "Một nghìn không trăm mười bốn đồng.",
        "Quyển số: 01, Số thứ tự: 7",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Văn Ấn",
    ]:
        assert nfc(expected) in text, expected


def test_receipt_needs_a_reception_time(desk: Desk) -> None:
    """A dossier not yet received has no receipt."""
    desk.dossier.received_at = None
    with pytest.raises(ValueError, match="reception time"):
        slips.receipt_slip(desk.dossier, lookup_url=LOOKUP)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (
            "02",
            [
                "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "1 Giấy chứng sinh Bản chụp bị mờ",
            ],
        ),
        ("03", ["PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "Không thuộc thẩm quyền"]),
        (
            "04",
            [
                "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
                "UBND PHƯỜNG PHONG ĐIỀN",
                "Chờ xác minh",
                "10 giờ 00 phút, ngày 12/02/2026",
                "09 giờ 00 phút, ngày 02/03/2026",
            ],
        ),
        ("05", ["THÔNG BÁO", "dừng giải quyết hồ sơ", "Người nộp yêu cầu dừng"]),
        (
            "06",
            [
                "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                "Văn phòng Đăng ký đất đai",
                "Trước hạn",
                "Đúng hạn",
                "Quá hạn",
                "Đỗ Thị Bình",
            ],
        ),
        (
            "07",
            ["SỔ THEO DÕI HỒ SƠ", "Quyển số: 01", "Đăng ký khai sinh", "12/02/2026"],
        ),
    ],
)
def test_each_form_prints_its_wording(
    desk: Desk, tmp_path: Path, form: str, expected: list[str]
) -> None:
    """Forms 02–07 carry their title, the code, the applicant and the specifics."""
    text = pdf_text(slips.slip_pdf(_all_slips(desk)[form]), tmp_path)
    for phrase in [*expected, CODE, NAME, "ngày 20 tháng 02 năm 2026"]:
        assert nfc(phrase) in text, phrase


@pytest.mark.parametrize("form", ["01", "02", "03", "04", "05", "06", "07"])
def test_pdf_is_a4_with_only_the_shipped_fonts(
    desk: Desk, tmp_path: Path, form: str
) -> None:
    """A4 (landscape for the book); every font an embedded subset of the shipped
    Liberation Serif 2.x (WeasyPrint names it after the CSS family, Congso Serif)."""
    pdf = slips.slip_pdf(_all_slips(desk)[form])
    info = _run("pdfinfo", pdf, tmp_path)
    size = "841.89 x 595.276" if form == "07" else "595.276 x 841.89"
    assert f"Page size:       {size} pts (A4)" in info
    fonts = _run("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert fonts
    for line in fonts:
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert re.fullmatch(r"[A-Z]{6}\+Congso-Serif(-Bold|-Italic|-BoldItalic)?", name)
        assert (emb, sub) == ("yes", "yes"), line
    programs = embedded_font_names(pdf)
    assert programs
    assert all(re.fullmatch(r"Liberation Serif Version 2\.[\d.]+", p) for p in programs)


def test_register_rows_and_workbook_share_the_columns(desk: Desk) -> None:
    """Form 07 in Excel: the PDF's columns, one line per dossier, real date cells."""
    rows = slips.register_rows(Dossier.objects.all(), on=ISSUED)
    assert [r.code for r in rows] == [CODE]
    assert rows[0].number == 7
    assert rows[0].forwarded_on == date(2026, 2, 5)
    head = slips.letterhead(desk.centre.pk, on=ISSUED)
    data = slips.register_workbook(rows, head=head, book="01")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[3] == slips.REGISTER_COLUMNS
    line = values[4]
    assert line[:3] == (7, CODE, "Đăng ký khai sinh")
    assert line[6] == "UBND phường Phong Điền"
    assert line[7] == datetime(2026, 2, 5)
    assert len(line) == len(slips.REGISTER_COLUMNS)
    html = slips.slip_html(slips.register_slip(rows, head=head))
    assert all(column in html for column in slips.REGISTER_COLUMNS)
