"""OCR of scanned incoming documents: a Vietnamese page rendered at test time
(Liberation Serif, 300 dpi, black on white) and recognised by Tesseract ``vie``
through OCRmyPDF; the pipeline's other paths through a fake engine."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import weasyprint
from PIL import Image, ImageDraw, ImageFont

from congso.core.tests.system import require, require_tool
from congso.core.text import fold_vi
from congso.documents.intake.contrib.tesseract import engine as engine_module
from congso.documents.intake.contrib.tesseract.engine import (
    TesseractEngine,
    split_sidecar,
)
from congso.documents.intake.errors import (
    EncryptedFileError,
    FileTooLargeError,
    OcrEngineMissingError,
    UnreadableFileError,
    UnsupportedFileError,
)
from congso.documents.intake.ocr import OcrResult, ocr_document, tidy_text
from congso.documents.intake.providers.base import Recognition
from congso.documents.intake.providers.registry import ocr_engine_get

ROOT = Path(__file__).resolve().parents[3]
FONT = ROOT / "congso" / "fonts" / "LiberationSerif-Regular.ttf"
DPI = 300
LINES = (
    "ỦY BAN NHÂN DÂN HUYỆN PHONG ĐIỀN",
    "Số: 15/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Về việc phê duyệt kế hoạch cải cách hành chính",
    "Phong Điền, ngày 05 tháng 3 năm 2026",
)
SECOND_PAGE = ("Nơi nhận:", "Lưu: VT, Văn phòng.")
#: 6 × 2.3 inches at 300 dpi: small enough for about a second of OCR per page.
PAGE_PX = (1800, 700)


def render(
    lines: tuple[str, ...] = LINES, size: tuple[int, int] = PAGE_PX
) -> Image.Image:
    """Black 14 pt text on a white page, 300 dpi."""
    font = ImageFont.truetype(str(FONT), size=58)  # 14 pt at 300 dpi
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((90, 60 + index * 120), line, font=font, fill="black")
    return image


def encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def text_pdf(html: str) -> bytes:
    css = f'@font-face {{ font-family: S; src: url("{FONT.as_uri()}"); }} body {{ font-family: S; }}'
    return weasyprint.HTML(string=f"<style>{css}</style>{html}").write_pdf()


def pdf_version(data: bytes) -> tuple[int, int]:
    found = re.match(rb"%PDF-(\d)\.(\d)", data)
    assert found is not None
    return int(found.group(1)), int(found.group(2))


def pdftotext(data: bytes) -> str:
    program = require_tool("pdftotext", "poppler-utils")
    return subprocess.run(
        [program, "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()


@pytest.fixture(scope="module")
def tesseract_vie() -> None:
    """Tesseract with the Vietnamese data (fail under CI, skip otherwise)."""
    program = require_tool("tesseract", "tesseract-ocr")
    listing = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, check=False
    ).stdout
    require(
        "vie" in listing.split(),
        "tesseract vie data is missing: apt-get install --no-install-recommends "
        "tesseract-ocr-vie",
    )


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return render()


@pytest.fixture(scope="module")
def png_result(tesseract_vie: None, page: Image.Image) -> OcrResult:
    return ocr_document(encoded(page, "PNG", dpi=(DPI, DPI)), filename="quyết định.png")


def assert_key_words(text: str) -> None:
    """Exact diacritics on a few words prove the vie model was used; the rest
    is compared folded, allowing the usual tone-mark errors."""
    for exact in ("QUYẾT ĐỊNH", "PHONG ĐIỀN", "kế hoạch"):
        assert exact in text, (exact, text)
    folded = fold_vi(text)
    for word in ("uy ban nhan dan", "phe duyet", "cai cach hanh chinh", "thang 3"):
        assert word in folded, (word, text)


# -- real OCR (Tesseract vie) ----------------------------------------------------------


def test_png_becomes_a_searchable_pdf_with_vietnamese_text(
    png_result: OcrResult,
) -> None:
    """A PNG scan: one page, the recognised text in NFC, a PDF ≥ 1.4 whose text
    layer pdftotext can read, the scan kept at 300 dpi."""
    result = png_result
    assert result.pages == 1
    assert not result.already_had_text
    assert not result.signed
    assert result.engine.startswith("tesseract 5") or result.engine.startswith(
        "tesseract 4"
    )
    assert result.engine.endswith(" vie")
    assert_key_words(result.text)
    assert unicodedata.is_normalized("NFC", result.text)
    assert "  " not in result.text
    assert result.pdf.startswith(b"%PDF-")
    assert pdf_version(result.pdf) >= (1, 4)
    layer = pdftotext(result.pdf)
    assert "phe duyet" in fold_vi(layer)
    with pikepdf.open(BytesIO(result.pdf)) as document:
        (pdf_page,) = document.pages
        width = float(pdf_page.mediabox[2]) - float(pdf_page.mediabox[0])
        assert width == pytest.approx(PAGE_PX[0] / DPI * 72, abs=0.5)
        (image,) = pdf_page.get_images().values()
        assert (int(image.Width), int(image.Height)) == PAGE_PX


def test_recognised_pdf_is_not_recognised_again(
    tesseract_vie: None, png_result: OcrResult
) -> None:
    """Feeding the searchable PDF back returns it unchanged with its text."""
    again = ocr_document(png_result.pdf, engine=RefusingEngine())
    assert again.already_had_text
    assert again.pdf == png_result.pdf
    assert again.engine == ""
    assert fold_vi(again.text).count("phe duyet") == 1


def test_image_only_pdf_gets_a_text_layer(
    tesseract_vie: None, page: Image.Image
) -> None:
    """A scan saved as an image-only PDF (as Pillow or a scanner writes it)."""
    scan = encoded(page, "PDF", resolution=DPI)
    assert pdftotext(scan).strip() == ""
    result = ocr_document(scan, filename="scan.pdf")
    assert_key_words(result.text)
    assert "kế hoạch" in pdftotext(result.pdf)
    # the scanned image is kept byte for byte (no re-encoding)
    with (
        pikepdf.open(BytesIO(scan)) as before,
        pikepdf.open(BytesIO(result.pdf)) as after,
    ):
        (old,) = before.pages[0].get_images().values()
        (new,) = after.pages[0].get_images().values()
        assert new.read_raw_bytes() == old.read_raw_bytes()


def test_jpeg_without_resolution_is_taken_as_300_dpi_without_ghostscript(
    tesseract_vie: None,
    page: Image.Image,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A JPEG without a resolution is placed at 300 dpi; only Tesseract is on
    PATH (Debian 12's Ghostscript 10.0.0 is neither needed nor used)."""
    program = require_tool("tesseract", "tesseract-ocr")
    (tmp_path / "tesseract").symlink_to(program)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = ocr_document(encoded(page, "JPEG", quality=90))
    assert_key_words(result.text)
    with pikepdf.open(BytesIO(result.pdf)) as document:
        width = float(document.pages[0].mediabox[2])
    assert width == pytest.approx(PAGE_PX[0] / 300 * 72, abs=0.5)


def test_multipage_tiff_gives_one_page_each(
    tesseract_vie: None, page: Image.Image
) -> None:
    """A two-page TIFF from an office scanner: pages separated by a form feed."""
    second = render(SECOND_PAGE, size=(1800, 320))
    data = encoded(
        page,
        "TIFF",
        dpi=(DPI, DPI),
        save_all=True,
        append_images=[second],
        compression="tiff_lzw",
    )
    result = ocr_document(data, filename="scan.tif")
    assert result.pages == 2
    first, last = result.text.split("\f")
    assert_key_words(first)
    assert "nhan" in fold_vi(last)
    assert "lưu" in last.lower() or "luu" in fold_vi(last)


def test_pdf_with_some_text_pages_is_recognised_only_where_needed(
    tesseract_vie: None, page: Image.Image
) -> None:
    """Page 1 has text (kept as it is), page 2 is a scan (recognised)."""
    typed = text_pdf("<p>Kính gửi: Văn phòng Ủy ban nhân dân tỉnh.</p>")
    mixed = pikepdf.new()
    with (
        pikepdf.open(BytesIO(typed)) as first,
        pikepdf.open(BytesIO(encoded(page, "PDF", resolution=DPI))) as second,
    ):
        mixed.pages.extend(first.pages)
        mixed.pages.extend(second.pages)
        buffer = BytesIO()
        mixed.save(buffer)
    result = ocr_document(buffer.getvalue())
    assert result.pages == 2
    assert not result.already_had_text
    typed_text, scanned_text = result.text.split("\f")
    assert typed_text == "Kính gửi: Văn phòng Ủy ban nhân dân tỉnh."
    assert_key_words(scanned_text)
    layer = pdftotext(result.pdf)
    assert "Kính gửi" in layer
    assert "kế hoạch" in layer


def test_signed_scan_is_recognised_but_left_unchanged(
    tesseract_vie: None, page: Image.Image
) -> None:
    """A text layer would break a digital signature: the PDF is returned as it
    came, with the recognised text."""
    with pikepdf.open(BytesIO(encoded(page, "PDF", resolution=DPI))) as document:
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), SigFlags=3)
        buffer = BytesIO()
        document.save(buffer)
    signed = buffer.getvalue()
    result = ocr_document(signed)
    assert result.signed
    assert not result.already_had_text
    assert result.pdf == signed
    assert_key_words(result.text)


# -- already text, errors, limits (no OCR) ---------------------------------------------


@dataclass
class FakeEngine:
    """Returns the PDF unchanged and canned page texts; records the calls."""

    texts: tuple[str, ...] = ("văn bản",)
    name: str = "fake"
    calls: int = 0

    def describe(self) -> str:
        return "fake 1.0"

    def recognise(self, pdf: bytes, *, text_layer: bool = True) -> Recognition:
        self.calls += 1
        self.last_pdf = pdf
        return Recognition(pdf=pdf if text_layer else None, page_texts=self.texts)


class RefusingEngine(FakeEngine):
    def recognise(self, pdf: bytes, *, text_layer: bool = True) -> Recognition:
        raise AssertionError("a PDF with text must not be recognised")


def test_pdf_with_text_is_returned_unchanged() -> None:
    """A born-digital PDF: no OCR, its own text (NFC, tidied), the same bytes."""
    data = text_pdf(
        "<p>QUYẾT ĐỊNH</p><p>Về việc   phê duyệt kế hoạch ạửờổốồơảếượđƯỹỸ</p>"
    )
    result = ocr_document(data, filename="qd.pdf", engine=RefusingEngine())
    assert result == OcrResult(
        pdf=data,
        text="QUYẾT ĐỊNH\n\nVề việc phê duyệt kế hoạch ạửờổốồơảếượđƯỹỸ",
        pages=1,
        engine="",
        already_had_text=True,
    )


def test_image_with_alpha_is_flattened_and_passed_as_pdf(page: Image.Image) -> None:
    """img2pdf refuses transparency: the frame is put on white first; the
    engine gets a one-page PDF at the image's resolution."""
    engine = FakeEngine()
    data = encoded(page.convert("RGBA"), "PNG", dpi=(200, 200))
    result = ocr_document(data, engine=engine)
    assert engine.calls == 1
    assert result.engine == "fake 1.0"
    assert result.text == "văn bản"
    with pikepdf.open(BytesIO(engine.last_pdf)) as document:
        assert len(document.pages) == 1
        width = float(document.pages[0].mediabox[2])
    assert width == pytest.approx(PAGE_PX[0] / 200 * 72, abs=0.5)


def test_engine_text_is_tidied_and_padded_to_the_pages() -> None:
    """NFD from the engine becomes NFC; a page the engine did not report is ""."""
    tiff = encoded(
        render(("a",), (300, 200)),
        "TIFF",
        save_all=True,
        append_images=[render(("b",), (300, 200))],
    )
    nfd = unicodedata.normalize("NFD", "Quyết   định ")
    result = ocr_document(tiff, engine=FakeEngine(texts=(nfd,)))
    assert result.pages == 2
    assert result.text == "Quyết định\f"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", UnreadableFileError),
        (b"just some text, not a scan", UnsupportedFileError),
        (b"PK\x03\x04" + b"\x00" * 40, UnsupportedFileError),
        (b"%PDF-1.7\n% garbage without objects\n", UnreadableFileError),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnreadableFileError),
        (b"\xff\xd8\xff\xe0 truncated jpeg", UnreadableFileError),
        (b"II*\x00" + b"\x00" * 32, UnreadableFileError),
    ],
    ids=["empty", "text", "zip", "pdf", "png", "jpeg", "tiff"],
)
def test_bad_input_raises_an_intake_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        ocr_document(data, filename="tệp.bin", engine=RefusingEngine())
    assert str(raised.value)


def test_signature_field_without_the_flag_counts_as_signed(page: Image.Image) -> None:
    """Some signers leave SigFlags out: a filled /Sig field is enough."""
    with pikepdf.open(BytesIO(encoded(page, "PDF", resolution=DPI))) as document:
        field = document.make_indirect(
            pikepdf.Dictionary(FT=pikepdf.Name.Sig, T="Chữ ký", V=pikepdf.Dictionary())
        )
        parent = pikepdf.Dictionary(T="nhóm", Kids=pikepdf.Array([field]))
        document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([parent]))
        buffer = BytesIO()
        document.save(buffer)
    engine = FakeEngine()
    result = ocr_document(buffer.getvalue(), engine=engine)
    assert result.signed
    assert result.pdf == buffer.getvalue()
    assert result.text == "văn bản"


def test_truncated_png_is_unreadable(page: Image.Image) -> None:
    data = encoded(page, "PNG")
    with pytest.raises(UnreadableFileError):
        ocr_document(data[: len(data) // 2], engine=RefusingEngine())


def test_office_document_is_unsupported_and_named() -> None:
    buffer = BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnsupportedFileError) as raised:
        ocr_document(buffer.getvalue(), filename="Công văn.docx")
    assert "Công văn.docx" in str(raised.value)
    assert raised.value.code == "unsupported_type"


@pytest.mark.parametrize("user_password", ["secret", ""], ids=["user", "owner-only"])
def test_encrypted_pdf_is_refused(page: Image.Image, user_password: str) -> None:
    with pikepdf.open(BytesIO(encoded(page, "PDF", resolution=DPI))) as document:
        buffer = BytesIO()
        document.save(
            buffer, encryption=pikepdf.Encryption(owner="owner", user=user_password)
        )
    with pytest.raises(EncryptedFileError) as raised:
        ocr_document(buffer.getvalue(), engine=RefusingEngine())
    assert raised.value.code == "encrypted"


def test_size_and_page_limits(settings: Any, page: Image.Image) -> None:
    small = render(("a",), (200, 100))
    tiff = encoded(small, "TIFF", save_all=True, append_images=[small, small])
    settings.DOCUMENTS_OCR_MAX_PAGES = 2
    with pytest.raises(FileTooLargeError, match="2"):
        ocr_document(tiff, engine=RefusingEngine())
    pdf = pikepdf.new()
    for _ in range(3):
        pdf.add_blank_page()
    buffer = BytesIO()
    pdf.save(buffer)
    with pytest.raises(FileTooLargeError):
        ocr_document(buffer.getvalue(), engine=RefusingEngine())
    settings.DOCUMENTS_OCR_MAX_BYTES = 1024 * 1024
    with pytest.raises(FileTooLargeError, match="1 MB"):
        ocr_document(b"%PDF-1.4" + b"\x00" * (1024 * 1024), engine=RefusingEngine())


# -- the engine ------------------------------------------------------------------------


def test_default_engine_is_tesseract(settings: Any) -> None:
    assert isinstance(ocr_engine_get(), TesseractEngine)
    settings.DOCUMENTS_OCR_ENGINE = "nonexistent"
    with pytest.raises(LookupError):
        ocr_engine_get()


def test_missing_tesseract_names_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: Image.Image
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OcrEngineMissingError) as raised:
        ocr_document(encoded(page, "PNG"))
    assert raised.value.extra["package"] == "tesseract-ocr"
    assert "tesseract-ocr" in str(raised.value)
    assert raised.value.status_code == 503


def test_missing_vietnamese_data_names_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: Image.Image
) -> None:
    """A Tesseract that knows only English: the error names tesseract-ocr-vie."""
    fake = tmp_path / "tesseract"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --version ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
        'echo "List of available languages in \\"/x/\\" (2):"; echo eng; echo osd\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OcrEngineMissingError) as raised:
        ocr_document(encoded(page, "PNG"))
    assert raised.value.extra == {"package": "tesseract-ocr-vie", "language": "vie"}
    assert "tesseract-ocr-vie" in str(raised.value)


@pytest.mark.parametrize(
    ("value", "label"),
    [("vie+eng", "vie+eng"), (["vie", "eng"], "vie+eng"), ("", "vie"), ("vie", "vie")],
)
def test_languages_setting(
    settings: Any, monkeypatch: pytest.MonkeyPatch, value: object, label: str
) -> None:
    monkeypatch.setattr(engine_module, "installed_version", lambda languages: "5.3.0")
    settings.DOCUMENTS_OCR_LANGUAGES = value
    assert TesseractEngine().describe() == f"tesseract 5.3.0 {label}"


def test_split_sidecar_expands_skipped_runs() -> None:
    sidecar = "one\f[OCR skipped on page(s) 2-3]\fFour\n\f[OCR skipped on page(s) 5]"
    assert split_sidecar(sidecar) == ("one", "", "", "Four\n", "")


def test_tidy_text() -> None:
    nfd = unicodedata.normalize("NFD", "Quyết  định\u00ad")
    assert tidy_text(f"  {nfd}\t số\r\n\n\n\nĐiều 1.\x00 \n") == (
        "Quyết định số\n\nĐiều 1."
    )
