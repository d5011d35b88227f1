"""The Decree 30 layout of outgoing documents (NĐ 30/2020 Phụ lục I): every
type renders with the right wording, margins, marks, page numbers and embedded
fonts; the draft reserves the fields of the two-step signing, and the existing
signing service fills them (leader, then the document office with number and
date), checked independently with poppler (pdftotext, pdffonts, pdfsig)."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image, ImageChops, ImageFont
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel

from congso.core.tests.system import require_tool
from congso.documents.constants import (
    DOCUMENT_TYPES,
    Competence,
    DocumentType,
    Secrecy,
    Urgency,
)
from congso.documents.drafting import (
    Appendix,
    BlockKind,
    DraftLayout,
    DraftLayoutError,
    Signer,
    article,
    blank_date_line,
    blank_notation,
    body_from_text,
    date_line,
    draft_pdf,
    item,
    paragraph,
    part,
    preview_pdf,
    section,
)
from congso.documents.notation import SymbolInvalidError, build_notation
from congso.signatures.signing.constants import (
    FIELD_AGENCY,
    FIELD_APPROVAL,
    FIELD_ISSUE_DATE,
    FIELD_NUMBER,
    PAdESLevel,
    SignaturePurpose,
)
from congso.signatures.signing.images import seal_demo_png, signature_demo_png
from congso.signatures.signing.pdf import MM, field_find, seal_box
from congso.signatures.signing.services import sign_pdf, signature_image_set
from congso.signatures.signing.specs import IssueDetails
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check
from congso.signatures.tests.conftest import (  # noqa: F401  # fixtures of world
    anchors,
    installed,
    leader,
    pki,
    ward,
)
from congso.signatures.tests.signing_support import world_fixture  # noqa: F401

T = DocumentType
FONTS = Path(__file__).resolve().parents[2] / "fonts"
ISSUED = date(2026, 2, 5)
PAGE_W, PAGE_H = 210 * MM, 297 * MM
BODY = (
    "Để triển khai hiệu quả Kế hoạch chuyển đổi số năm 2026, Ủy ban nhân dân "
    "phường đề nghị các cơ quan, đơn vị rà soát, cập nhật đầy đủ dữ liệu."
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _layout(doc_type: DocumentType = T.DECISION, **changes: object) -> DraftLayout:
    """A ward's document of ``doc_type``, signed by a vice-chairwoman (KT.)."""
    letter = not DOCUMENT_TYPES[doc_type].abbreviation
    layout = DraftLayout(
        doc_type=doc_type,
        governing="UBND thành phố Huế",
        issuing="Ủy ban nhân dân phường Phong Điền",
        agency_abbr="UBND",
        unit_abbr="VP",
        place="Phong Điền",
        subject=(
            "triển khai Kế hoạch chuyển đổi số năm 2026"
            if letter
            else "Về việc triển khai Kế hoạch chuyển đổi số năm 2026"
        ),
        addressees=("Các tổ dân phố",) if letter else (),
        body=(paragraph(BODY),),
        signer=Signer(
            name="Trần Thị Lan",
            title="Phó Chủ tịch",
            competence=Competence.DEPUTY,
            head="Chủ tịch",
        ),
        recipients=("Thường trực Đảng ủy phường",),
        archive_copies=2,
    )
    return dataclasses.replace(layout, **changes)  # type: ignore[arg-type]


def _decision(**changes: object) -> DraftLayout:
    """The demo decision: authority, basis, articles, TM. signer."""
    layout = _layout(
        T.DECISION,
        subject="Về việc công nhận tổ dân phố văn hóa năm 2026",
        authority="Chủ tịch Ủy ban nhân dân phường Phong Điền",
        basis=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính "
            "phủ về công tác văn thư;",
            "Theo đề nghị của Trưởng phòng Văn hóa – Xã hội.",
        ),
        body=(
            article(1, "Công nhận 12 tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa”."),
            article(2, "Quyết định này có hiệu lực kể từ ngày ký."),
        ),
        signer=Signer(
            name="Trần Thị Lan",
            title="Chủ tịch",
            competence=Competence.ON_BEHALF,
            head="Ủy ban nhân dân",
        ),
        recipients=("Như Điều 2;", "TT Đảng ủy, HĐND phường"),
    )
    return dataclasses.replace(layout, **changes)  # type: ignore[arg-type]


# -- poppler ----------------------------------------------------------------------------


def _run(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / f"doc-{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(pdf)
    command = [require_tool(tool, "poppler-utils"), *args, str(path)]
    if tool == "pdftotext":
        command.append("-")
    result = subprocess.run(command, capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def pdf_text(pdf: bytes, tmp_path: Path, *args: str, raw: bool = True) -> str:
    """Text in content order (``raw``; form fields come last) or in reading
    order, blanks folded, NFC untouched."""
    mode = ["-raw"] if raw else []
    return " ".join(_run("pdftotext", pdf, tmp_path, *mode, *args).split())


def page_top(pdf: bytes, tmp_path: Path, page: int) -> str:
    """Text printed in the top margin (20 mm) of ``page`` (1-based)."""
    region = ("-x", "0", "-y", "0", "-W", "595", "-H", str(int(20 * MM)))
    return pdf_text(pdf, tmp_path, "-f", str(page), "-l", str(page), *region)


def words(
    pdf: bytes, tmp_path: Path
) -> list[tuple[int, str, float, float, float, float]]:
    """Every word with its page (0-based) and box (points, origin top-left)."""
    html = _run("pdftotext", pdf, tmp_path, "-bbox")
    found = []
    for page, chunk in enumerate(html.split("<page ")[1:]):
        for x1, y1, x2, y2, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>',
            chunk,
        ):
            found.append((page, word, float(x1), float(y1), float(x2), float(y2)))
    return found


def text_width(text: str, size_pt: float, face: str = "Regular") -> float:
    font = ImageFont.truetype(str(FONTS / f"LiberationSerif-{face}.ttf"), 1000)
    return float(font.getlength(text)) * size_pt / 1000


def _fields(pdf: bytes) -> dict[str, object]:
    reader = PdfFileReader(io.BytesIO(pdf))
    names = (FIELD_APPROVAL, FIELD_AGENCY, FIELD_NUMBER, FIELD_ISSUE_DATE)
    return {name: field_find(reader, name) for name in names}


# -- every type -------------------------------------------------------------------------


@pytest.mark.parametrize("doc_type", list(DocumentType))
def test_every_type_renders(doc_type, tmp_path):
    """All 29 types: the national title, the agency, "Số: {number/symbol}" built
    by notation.py, the italic date line, the type name in capitals (none for
    công văn and thư công, which show "V/v" instead), recipients ending with the
    "Lưu" line, the signer; the draft reserves the four fields."""
    layout = _layout(doc_type)
    notation = build_notation(
        number=15, doc_type=doc_type, agency_abbr="UBND", unit_abbr="VP"
    )
    text = pdf_text(
        preview_pdf(
            layout, number_text=notation, date_text=date_line("Phong Điền", ISSUED)
        ),
        tmp_path,
    )
    assert unicodedata.is_normalized("NFC", text)
    for expected in (
        "UBND THÀNH PHỐ HUẾ ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        f"Số: {notation}",
        "Phong Điền, ngày 05 tháng 02 năm 2026",
        "Nơi nhận: -",
        "- Thường trực Đảng ủy phường; - Lưu: VT, VP, 02.",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Lan",
        BODY.rstrip(".") + "./.",
    ):
        assert expected in text
    name = DOCUMENT_TYPES[doc_type].name.upper()
    if doc_type in (T.OFFICIAL_LETTER, T.PUBLIC_LETTER):
        assert notation == "15/UBND-VP"
        assert name not in text
        assert "V/v triển khai Kế hoạch chuyển đổi số năm 2026" in text
        assert "Kính gửi: Các tổ dân phố" in text
        assert "Nơi nhận: - Như trên; - Thường trực" in text
    else:
        assert f"{name} Về việc triển khai Kế hoạch chuyển đổi số năm 2026" in text
        assert "V/v" not in text
    fields = _fields(draft_pdf(layout))
    assert all(fields.values()), fields


# -- layout -----------------------------------------------------------------------------


def test_decision_has_authority_basis_articles_and_end_mark(tmp_path):
    """Mẫu 1.2: authority in capitals, basis lines ending ";" and "." on the last,
    "QUYẾT ĐỊNH:", bold "Điều N.", "./." after the last article, TM. block."""
    text = pdf_text(
        preview_pdf(
            _decision(),
            number_text=blank_notation("QĐ-UBND"),
            date_text=blank_date_line("Phong Điền", 2026),
        ),
        tmp_path,
    )
    assert (
        "QUYẾT ĐỊNH Về việc công nhận tổ dân phố văn hóa năm 2026 "
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN "
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; "
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
        "về công tác văn thư; Theo đề nghị của Trưởng phòng Văn hóa – Xã hội. "
        "QUYẾT ĐỊNH: Điều 1. Công nhận"
    ) in text
    assert "Quyết định này có hiệu lực kể từ ngày ký./. Nơi nhận:" in text
    assert "- Như Điều 2; - TT Đảng ủy, HĐND phường; - Lưu: VT, VP, 02." in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Thị Lan" in text
    assert "Số: /QĐ-UBND" in text
    assert "Phong Điền, ngày tháng năm 2026" in text


def test_official_letter_addressees_and_layout(tmp_path):
    """Mẫu 1.5: no type name; "V/v" under the number in the left column; several
    addressees as a list under "Kính gửi:"; "Như trên" opens the recipients."""
    layout = _layout(
        T.OFFICIAL_LETTER,
        unit_abbr="VHXH",
        addressees=("Các tổ dân phố", "Phòng Văn hóa – Xã hội;"),
        recipients=("Như trên", "Lưu trữ phường"),
        archive_copies=None,
        drafter_mark="TTL(05)",
    )
    pdf = preview_pdf(
        layout, number_text="05/UBND-VHXH", date_text=date_line("Phong Điền", ISSUED)
    )
    text = pdf_text(pdf, tmp_path)
    assert "Số: 05/UBND-VHXH" in text
    assert "Kính gửi: - Các tổ dân phố; - Phòng Văn hóa – Xã hội." in text
    assert "Nơi nhận: - Như trên; - Lưu trữ phường; - Lưu: VT, VHXH. TTL(05)" in text
    placed = {w[1]: w for w in words(pdf, tmp_path) if w[0] == 0}
    number, vv = placed["05/UBND-VHXH"], placed["V/v"]
    left_column = (30 + 66) * MM
    assert vv[3] > number[5]  # below the number
    assert vv[4] < left_column
    assert number[4] < left_column
    date_word = placed["Phong"]
    assert date_word[2] > left_column
    assert abs(date_word[5] - number[5]) < 1.5  # number and date on one line


@pytest.mark.parametrize(
    ("competence", "head", "title", "lines"),
    [
        (Competence.OWN, "", "Chủ tịch", "CHỦ TỊCH"),
        (
            Competence.ON_BEHALF,
            "Ủy ban nhân dân",
            "Chủ tịch",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        ),
        (Competence.DEPUTY, "Chủ tịch", "Phó Chủ tịch", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
        (Competence.ACTING, "Chủ tịch", "", "Q. CHỦ TỊCH"),
        (
            Competence.BY_ORDER,
            "Chủ tịch",
            "Chánh Văn phòng",
            "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG",
        ),
        (
            Competence.AUTHORISED,
            "Chủ tịch",
            "Trưởng phòng Nội vụ",
            "TUQ. CHỦ TỊCH TRƯỞNG PHÒNG NỘI VỤ",
        ),
    ],
)
def test_signer_block(competence, head, title, lines, tmp_path):
    signer = Signer(name="Lê Văn Hùng", title=title, competence=competence, head=head)
    pdf = preview_pdf(
        _layout(signer=signer), number_text="15/QĐ-UBND", date_text="Phong Điền"
    )
    assert f"{lines} Lê Văn Hùng" in pdf_text(pdf, tmp_path)


def test_nfd_input_prints_nfc(tmp_path):
    """Decomposed input (NFD, as pasted from some PDFs) prints composed."""
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    layout = _layout(
        issuing=nfd("Ủy ban nhân dân phường Phong Điền"),
        subject=nfd("Về việc triển khai Kế hoạch chuyển đổi số năm 2026"),
        body=(paragraph(nfd(BODY)),),
    )
    text = pdf_text(
        preview_pdf(layout, number_text="15/QĐ-UBND", date_text=nfd("Phong Điền")),
        tmp_path,
    )
    assert unicodedata.is_normalized("NFC", text)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN" in text
    assert "Về việc triển khai Kế hoạch chuyển đổi số năm 2026" in text


def test_text_stays_within_the_decree_30_margins(tmp_path):
    """Left 30 mm, right 15 mm, top and bottom 20 mm; only the page number sits
    in the top margin (centred)."""
    layout = _decision(
        body=tuple(article(n, BODY * 4) for n in range(1, 13)),
        footer=("Địa chỉ: 01 Phong Điền, thành phố Huế; ĐT: 0234 3551 234",),
    )
    pdf = preview_pdf(
        layout, number_text="15/QĐ-UBND", date_text=date_line("Phong Điền", ISSUED)
    )
    found = words(pdf, tmp_path)
    assert max(w[0] for w in found) >= 1
    for page, word, x1, _y1, x2, y2 in found:
        if y2 < 20 * MM:  # the page number
            assert page > 0
            assert word.isdigit()
            assert (x1 + x2) / 2 == pytest.approx(
                (30 * MM + PAGE_W - 15 * MM) / 2, abs=3
            )
            continue
        assert x1 >= 30 * MM - 0.5, word
        assert x2 <= PAGE_W - 15 * MM + 0.5, word
        assert y2 <= PAGE_H - 20 * MM + 0.5, word


def test_page_numbers_from_page_two_and_per_appendix(tmp_path):
    """No number on page 1; "2" on page 2; each appendix numbered on its own,
    its first page unnumbered (Phụ lục I, III.1.đ)."""
    appendix_body = tuple(item(f"{n}.", BODY * 3) for n in range(1, 16))
    layout = _decision(
        body=tuple(article(n, BODY * 4) for n in range(1, 13)),
        appendices=(
            Appendix("Danh sách tổ dân phố văn hóa", appendix_body),
            Appendix("Tiêu chí công nhận", appendix_body),
        ),
    )
    pdf = preview_pdf(
        layout, number_text="15/QĐ-UBND", date_text=date_line("Phong Điền", ISSUED)
    )
    count = int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])
    pages = [
        (
            page_top(pdf, tmp_path, page),
            pdf_text(pdf, tmp_path, "-f", str(page), "-l", str(page)),
        )
        for page in range(1, count + 1)
    ]
    assert pages[0][0] == ""
    assert pages[1][0] == "2"
    starts = [i for i, (_top, body) in enumerate(pages) if body.startswith("Phụ lục")]
    assert len(starts) == 2
    assert pages[starts[0]][1].startswith(
        "Phụ lục I DANH SÁCH TỔ DÂN PHỐ VĂN HÓA (Kèm theo Quyết định số 15/QĐ-UBND "
        "ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân phường Phong Điền)"
    )
    assert pages[starts[1]][1].startswith("Phụ lục II TIÊU CHÍ CÔNG NHẬN")
    for start in starts:
        assert pages[start][0] == ""
        assert pages[start + 1][0] == "2"
    assert pages[starts[0] - 1][0] == str(starts[0])  # main pages run on


def test_appendix_reference_left_blank_in_the_electronic_draft(tmp_path):
    """Mẫu 2.2: number and date of the document are not filled on the appendix
    of an electronic document."""
    layout = _layout(T.PLAN, appendices=(Appendix("Biểu mẫu", (paragraph(BODY),)),))
    text = pdf_text(draft_pdf(layout), tmp_path)
    assert (
        "Phụ lục BIỂU MẪU (Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … "
        "của Ủy ban nhân dân phường Phong Điền)"
    ) in text


def test_fonts_are_embedded_subsets_of_the_shipped_fonts(tmp_path):
    fonts = _run("pdffonts", draft_pdf(_decision()), tmp_path).splitlines()[2:]
    assert len(fonts) >= 3
    for line in fonts:
        name, *_rest, emb, sub, _uni, _obj, _gen = line.split()
        assert re.fullmatch(
            r"[A-Z]{6}\+Congso-Serif(-Bold|-Italic|-Bold-Italic)?", name
        )
        assert (emb, sub) == ("yes", "yes"), line


def _red_box_mm(pdf: bytes, tmp_path: Path) -> tuple[float, float]:
    """Width and height (mm) of what is drawn bright red on page 1."""
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    path = tmp_path / "marks.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "254",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    red, green, blue = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB").split()
    mask = ImageChops.multiply(
        red.point(lambda v: 255 if v > 180 else 0),
        ImageChops.multiply(
            green.point(lambda v: 255 if v < 90 else 0),
            blue.point(lambda v: 255 if v < 90 else 0),
        ),
    )
    box = mask.getbbox()
    assert box is not None
    per_mm = 254 / 25.4
    return (box[2] - box[0]) / per_mm, (box[3] - box[1]) / per_mm


@pytest.mark.parametrize(
    ("changes", "text", "width"),
    [
        ({"urgency": Urgency.FLASH}, "HỎA TỐC", 30),
        ({"urgency": Urgency.VERY_URGENT}, "THƯỢNG KHẨN", 40),
        ({"urgency": Urgency.URGENT}, "KHẨN", 20),
        ({"secrecy": Secrecy.CONFIDENTIAL}, "MẬT", 20),
        ({"secrecy": Secrecy.SECRET}, "TỐI MẬT", 30),
        ({"secrecy": Secrecy.TOP_SECRET}, "TUYỆT MẬT", 40),
    ],
)
def test_urgency_and_secrecy_marks(changes, text, width, tmp_path):
    """Red single-line frames of the decree's size (8 mm high) under the number
    (ô 10a, 10b), with the word in bold capitals."""
    pdf = preview_pdf(
        _layout(**changes), number_text="15/QĐ-UBND", date_text="Phong Điền"
    )
    assert f"Số: 15/QĐ-UBND {text}" in pdf_text(pdf, tmp_path)
    got_width, got_height = _red_box_mm(pdf, tmp_path)
    assert got_width == pytest.approx(width, abs=0.5)
    assert got_height == pytest.approx(8, abs=0.5)


def test_both_marks_secrecy_first(tmp_path):
    layout = _layout(urgency=Urgency.FLASH, secrecy=Secrecy.SECRET)
    text = pdf_text(
        preview_pdf(layout, number_text="1/QĐ-UBND", date_text="x"), tmp_path
    )
    assert "Số: 1/QĐ-UBND TỐI MẬT HỎA TỐC" in text


def test_footer_at_the_foot_of_page_one_only(tmp_path):
    layout = _decision(
        body=tuple(article(n, BODY * 4) for n in range(1, 13)),
        footer=("Địa chỉ: 01 Phong Điền", "E-mail: ubnd.phongdien@hue.gov.vn"),
    )
    pdf = preview_pdf(layout, number_text="15/QĐ-UBND", date_text="Phong Điền")
    found = [w for w in words(pdf, tmp_path) if w[1] == "ubnd.phongdien@hue.gov.vn"]
    assert len(found) == 1
    page, _word, _x1, _y1, _x2, y2 = found[0]
    assert page == 0
    assert y2 == pytest.approx(PAGE_H - 20 * MM, abs=6)


# -- reserved fields --------------------------------------------------------------------


def test_reserved_fields_geometry():
    """Like the signing service's decision: the seal (36 mm) over the left third
    of the leader's box; the number field after "Số:" on the date line's level,
    wide enough for a five-digit normative notation; the date field wide enough
    for the longest place name at 14 pt italic."""
    layout = _decision(normative_year=2025)
    fields = _fields(draft_pdf(layout))
    signer, agency = fields[FIELD_APPROVAL].box, fields[FIELD_AGENCY].box
    number, day = fields[FIELD_NUMBER].box, fields[FIELD_ISSUE_DATE].box
    for got, want in zip(agency.rect, seal_box(signer, 36).rect, strict=True):
        assert got == pytest.approx(want, abs=1)
    assert agency.width == pytest.approx(36 * MM, abs=1)
    assert signer.width == pytest.approx(60 * MM, abs=1)
    assert {signer.page, agency.page, number.page, day.page} == {0}
    assert number.x1 > 30 * MM
    assert number.x2 < (30 + 66) * MM
    assert day.x1 > number.x2
    assert number.y1 == pytest.approx(day.y1, abs=0.5)
    assert number.height == pytest.approx(day.height, abs=0.5)
    assert text_width("1234/2025/QĐ-UBND", 13) < number.width
    assert text_width("99999/2025/QĐ-UBND", 13) < number.width
    longest = "Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026"
    assert text_width(longest, 14, "Italic") < day.width


def test_number_field_follows_the_word_so(tmp_path):
    """The field starts right after "Số:" on its line; the hidden text that sizes
    it is not in the PDF's text."""
    pdf = draft_pdf(_layout(T.OFFICIAL_LETTER))
    assert "99999" not in pdf_text(pdf, tmp_path)
    (so,) = [w for w in words(pdf, tmp_path) if w[1] == "Số:"]
    box = _fields(pdf)[FIELD_NUMBER].box
    assert so[4] <= box.x1 <= so[4] + 6
    assert PAGE_H - box.y2 <= so[3] + 1
    assert PAGE_H - box.y1 >= so[5] - 1


def test_preview_has_no_form_fields():
    pdf = preview_pdf(_decision(), number_text="15/QĐ-UBND", date_text="Phong Điền")
    assert "/AcroForm" not in PdfFileReader(io.BytesIO(pdf)).root


def test_signature_on_a_later_page_is_reserved_there():
    layout = _decision(body=tuple(article(n, BODY * 4) for n in range(1, 13)))
    fields = _fields(draft_pdf(layout))
    assert fields[FIELD_APPROVAL].box.page >= 1
    assert fields[FIELD_AGENCY].box.page == fields[FIELD_APPROVAL].box.page
    assert fields[FIELD_NUMBER].box.page == 0


# -- refusals and helpers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"issuing": " "}, DraftLayoutError),
        ({"place": ""}, DraftLayoutError),
        ({"signer": Signer(name="", title="Chủ tịch")}, DraftLayoutError),
        ({"signer": Signer(name="A", competence=Competence.DEPUTY)}, DraftLayoutError),
        ({"signer": Signer(name="A")}, DraftLayoutError),
        ({"doc_type": T.OFFICIAL_LETTER, "unit_abbr": ""}, SymbolInvalidError),
        ({"agency_abbr": "UB ND"}, SymbolInvalidError),
    ],
)
def test_layout_refusals(changes, error):
    with pytest.raises(error):
        draft_pdf(_layout(**changes))
    with pytest.raises(error):
        preview_pdf(_layout(**changes), number_text="", date_text="")


def test_body_from_text():
    blocks = body_from_text(
        "Chương I\nQuy định chung\n\nĐiều 1. Phạm vi\nI. Kết quả\n1. Một\na) Hai\nVăn bản"
    )
    assert [b.kind for b in blocks] == [
        BlockKind.PART,
        BlockKind.PARAGRAPH,
        BlockKind.ARTICLE,
        BlockKind.SECTION,
        BlockKind.ITEM,
        BlockKind.ITEM,
        BlockKind.PARAGRAPH,
    ]
    assert blocks[0] == part("Chương I")
    assert blocks[2] == article(1, "Phạm vi")
    assert blocks[3] == section("I.", "Kết quả")
    assert blocks[5] == item("a)", "Hai")


def test_headings_print_as_the_decree_says(tmp_path):
    layout = _layout(
        T.REPORT,
        body=(
            part("Chương I", "Quy định chung"),
            section("I.", "Kết quả đạt được"),
            item("1.", "Phạm vi", title="Phạm vi điều chỉnh"),
            article(3, "Nội dung", title="Đối tượng áp dụng"),
        ),
    )
    text = pdf_text(
        preview_pdf(layout, number_text="1/BC-UBND", date_text="x"), tmp_path
    )
    assert (
        "Chương I QUY ĐỊNH CHUNG I. KẾT QUẢ ĐẠT ĐƯỢC 1. Phạm vi điều chỉnh Phạm vi "
        "Điều 3. Đối tượng áp dụng Nội dung./."
    ) in text


# -- two-step signing -------------------------------------------------------------------


@pytest.mark.django_db
def test_leader_then_agency_sign_the_draft(world, tmp_path):
    """The rendered draft, unchanged, goes through the signing service: the
    leader's approval (blue signature), then the document office's issuing
    signature (red seal) fills the number and the date line. pdfsig finds both
    signatures valid, pyHanko sees form filling only after the leader's, and
    pdftotext reads the number and the date in place."""
    signature_image_set(
        image=signature_demo_png("Trần Thị Lan").png,
        owner_user=world.leader,
        actor=None,
    )
    signature_image_set(
        image=seal_demo_png("UBND phường Thử Nghiệm").png,
        owner_agency=world.ward,
        actor=None,
    )
    layout = _decision(
        issuing="Ủy ban nhân dân phường Thử Nghiệm",
        place="Thử Nghiệm",
        normative_year=2025,
        authority="Ủy ban nhân dân phường Thử Nghiệm",
    )
    notation = build_notation(
        number=1234, doc_type=T.DECISION, agency_abbr="UBND", normative_year=2025
    )
    assert notation == "1234/2025/QĐ-UBND"
    draft = draft_pdf(layout)
    approved = sign_pdf(
        pdf=draft,
        certificate=world.personal,
        actor=world.leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        level=PAdESLevel.B_T,
    )
    moment = timezone.now()
    issued = sign_pdf(
        pdf=approved,
        certificate=world.agency,
        actor=world.clerk,
        purpose=SignaturePurpose.AGENCY_ISSUE,
        level=PAdESLevel.B_T,
        issue=IssueDetails(number=notation, place=layout.place),
        now=moment,
    )
    seen = poppler.pdfsig(issued, tmp_path)
    assert [s.field for s in seen] == [FIELD_APPROVAL, FIELD_AGENCY]
    assert all(s.valid for s in seen), seen
    approval, issuing = check.pyhanko_statuses(issued, world.pki.validation_context())
    assert approval.bottom_line
    assert issuing.bottom_line
    assert approval.modification_level == ModificationLevel.FORM_FILLING
    text = pdf_text(issued, tmp_path, raw=False)  # the fields in their place
    day = date_line(layout.place, timezone.localdate(moment))
    assert f"Số: {notation} {day}" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Nơi nhận:" in text
    assert "Lưu: VT" in text
    assert unicodedata.is_normalized("NFC", text)
