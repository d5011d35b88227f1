"""OCR of scanned incoming documents (nhận dạng văn bản đến bản giấy): a scan
becomes a searchable PDF (the scan with an invisible Vietnamese text layer,
documents.md §8) and its text feeds the search index.

* The type is sniffed from the bytes; the file name only appears in messages.
* A PDF whose every page has text is returned unchanged with its text: it is
  never recognised again. A PDF with some scanned pages gets a layer on those.
* A digitally signed PDF is never changed (a layer would break the signature):
  its scanned pages are recognised for the text only.
* Images (PNG, JPEG, TIFF with several pages) become a PDF first, losslessly
  (img2pdf), at their own resolution; an image without a credible one (none,
  or 96 dpi and below) is taken to be ``DOCUMENTS_OCR_IMAGE_DPI`` (300 dpi).

The engine is an :class:`~.providers.base.OcrEngine` from the registry
(Tesseract ``vie`` through OCRmyPDF by default).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Final

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from congso.core.files import PDF
from congso.core.text import nfc
from congso.documents.intake.errors import (
    EncryptedFileError,
    FileTooLargeError,
    UnreadableFileError,
    UnsupportedFileError,
)
from congso.documents.intake.providers.base import OcrEngine
from congso.documents.intake.providers.registry import ocr_engine_get
from congso.documents.intake.sniff import IMAGE_TYPES, sniff_type

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES: Final = 50 * 1024 * 1024
DEFAULT_MAX_PAGES: Final = 100
DEFAULT_IMAGE_DPI: Final = 300
#: Resolutions that scanners never write but cameras and screenshots do.
CREDIBLE_DPI_ABOVE: Final = 96
#: Pillow modes img2pdf cannot embed as they are (alpha, 16-bit, float).
_FLATTEN_MODES: Final = frozenset({"RGBA", "LA", "PA", "I", "I;16", "F", "RGBa", "La"})
PAGE_SEPARATOR: Final = "\f"


@dataclass(frozen=True)
class OcrResult:
    """A recognised document.

    ``pdf`` is searchable: the input unchanged when ``already_had_text`` (every
    page had text) or ``signed`` (a digital signature that a layer would break;
    ``text`` then comes from OCR alone), else the scan with an invisible text
    layer (PDF/A-2b when possible, else PDF ≥ 1.4; images kept as they were).
    ``text`` is NFC with tidied whitespace, pages separated by a form feed
    (``\\f``). ``engine`` is "" when nothing was recognised."""

    pdf: bytes
    text: str
    pages: int
    engine: str
    already_had_text: bool
    signed: bool = False


@dataclass(frozen=True)
class _PdfFacts:
    pages: int
    page_texts: tuple[str, ...]
    signed: bool


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def ocr_document(
    data: bytes, *, filename: str = "", engine: OcrEngine | None = None
) -> OcrResult:
    """Recognise a scanned PDF or image (see the module docstring). Raises an
    :class:`~.errors.IntakeError`: unsupported type, unreadable, encrypted, over
    ``DOCUMENTS_OCR_MAX_BYTES`` or ``DOCUMENTS_OCR_MAX_PAGES``, OCR engine
    missing (naming the package to install) or failed."""
    name = nfc(filename)
    max_bytes = _setting("DOCUMENTS_OCR_MAX_BYTES", DEFAULT_MAX_BYTES)
    max_pages = _setting("DOCUMENTS_OCR_MAX_PAGES", DEFAULT_MAX_PAGES)
    if not data:
        raise UnreadableFileError(_("The file is empty."))
    if len(data) > max_bytes:
        raise _too_large(name, max_bytes=max_bytes)
    content_type = sniff_type(data)
    if content_type == PDF:
        pdf, facts = data, _inspect_pdf(data, max_pages=max_pages, name=name)
    elif content_type in IMAGE_TYPES:
        pdf, pages = _image_to_pdf(data, max_pages=max_pages, name=name)
        facts = _PdfFacts(pages=pages, page_texts=("",) * pages, signed=False)
    else:
        raise UnsupportedFileError(
            _(
                "“%(name)s” is not a PDF or a scanned image (PNG, JPEG or TIFF), so "
                "its text cannot be recognised."
            )
            % {"name": name}
            if name
            else None
        )
    if all(text.strip() for text in facts.page_texts):
        return OcrResult(
            pdf=data,
            text=_join(facts.page_texts),
            pages=facts.pages,
            engine="",
            already_had_text=True,
            signed=facts.signed,
        )
    engine = engine or ocr_engine_get()
    label = engine.describe()
    recognition = engine.recognise(pdf, text_layer=not facts.signed)
    recognised = (*recognition.page_texts, *("",) * facts.pages)
    texts = [
        old if old.strip() else new
        for old, new in zip(facts.page_texts, recognised, strict=False)
    ]
    return OcrResult(
        pdf=data if facts.signed or recognition.pdf is None else recognition.pdf,
        text=_join(texts),
        pages=facts.pages,
        engine=label,
        already_had_text=False,
        signed=facts.signed,
    )


def _too_large(
    name: str, *, max_bytes: int = 0, max_pages: int = 0
) -> FileTooLargeError:
    """Over the page or the size limit; with neither, an image with too many
    pixels (Pillow's decompression-bomb limit)."""
    if max_pages:
        message = _(
            "The file has more than %(limit)d pages, the most that text "
            "recognition accepts."
        ) % {"limit": max_pages}
    elif max_bytes:
        message = _(
            "The file is larger than %(limit)d MB, the most that text recognition "
            "accepts."
        ) % {"limit": max_bytes // (1024 * 1024)}
    else:
        message = _("The image has too many pixels to be processed.")
    return FileTooLargeError(message, extra={"name": name})


# -- PDF -------------------------------------------------------------------------------


def _inspect_pdf(data: bytes, *, max_pages: int, name: str) -> _PdfFacts:
    """Pages, their existing text and whether the PDF is signed. pikepdf (qpdf)
    checks the structure; pdfminer.six reads the text, as OCRmyPDF does to
    decide which pages to skip. Both come with OCRmyPDF."""
    import pikepdf

    try:
        with pikepdf.open(BytesIO(data)) as document:
            if document.is_encrypted:
                raise EncryptedFileError()
            pages = len(document.pages)
            signed = _is_signed(document.Root.get("/AcroForm"))
    except pikepdf.PasswordError:
        raise EncryptedFileError() from None
    except pikepdf.PdfError as error:
        raise UnreadableFileError() from error
    if pages == 0:
        raise UnreadableFileError(_("The PDF has no pages."))
    if pages > max_pages:
        raise _too_large(name, max_pages=max_pages)
    return _PdfFacts(
        pages=pages, page_texts=_pdf_page_texts(data, pages), signed=signed
    )


def _is_signed(acroform: object, depth: int = 0) -> bool:
    """Whether the form says signatures exist (SigFlags bit 1, as OCRmyPDF
    checks) or has a signed signature field (/FT /Sig with a /V), for signers
    that do not set the flag."""
    import pikepdf

    if not isinstance(acroform, pikepdf.Dictionary) or depth > 8:
        return False
    if depth == 0:
        try:
            if int(acroform.get("/SigFlags", 0)) & 1:
                return True
        except (TypeError, ValueError):
            pass
    fields = acroform.get("/Kids" if depth else "/Fields")
    if not isinstance(fields, pikepdf.Array):
        return False
    for item in fields:
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if item.get("/FT") == pikepdf.Name.Sig and "/V" in item:
            return True
        if _is_signed(item, depth + 1):
            return True
    return False


def _pdf_page_texts(data: bytes, pages: int) -> tuple[str, ...]:
    from pdfminer.high_level import extract_text

    try:
        text = extract_text(BytesIO(data), maxpages=pages)
    except Exception as error:  # pdfminer raises assorted errors on broken files
        raise UnreadableFileError() from error
    # one "\f" after each page
    found = text.split(PAGE_SEPARATOR)[:pages]
    return (*found, *("",) * (pages - len(found)))


# -- images ----------------------------------------------------------------------------


def _image_to_pdf(data: bytes, *, max_pages: int, name: str) -> tuple[bytes, int]:
    """A PDF with one page per frame, the images embedded losslessly at their
    resolution (or the assumed one), honouring the EXIF orientation."""
    import img2pdf

    default_dpi = _setting("DOCUMENTS_OCR_IMAGE_DPI", DEFAULT_IMAGE_DPI)
    try:
        with Image.open(BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            if frames > max_pages:
                raise _too_large(name, max_pages=max_pages)
            dpi = image.info.get("dpi")
            flatten = _needs_flattening(image, frames)
            sources: Sequence[bytes] = (
                _flattened(image, frames, dpi, default_dpi) if flatten else [data]
            )
    except Image.DecompressionBombError:
        raise _too_large(name) from None
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise UnreadableFileError() from error
    if _credible_pair(dpi) is None or flatten:
        layout = img2pdf.get_fixed_dpi_layout_fun(_dpi_pair(dpi, default_dpi))
    else:
        layout = img2pdf.default_layout_fun
    try:
        pdf = img2pdf.convert(
            *sources, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid
        )
    except img2pdf.PdfTooLargeError:
        raise _too_large(name) from None
    except Exception as error:  # img2pdf raises plain Exception subclasses
        raise UnreadableFileError() from error
    return pdf, frames


def _credible_pair(dpi: object) -> tuple[float, float] | None:
    """The image's own resolution when it is credible (both axes above 96 dpi)."""
    if not isinstance(dpi, tuple) or len(dpi) != 2:
        return None
    try:
        pair = (float(dpi[0]), float(dpi[1]))
    except (TypeError, ValueError):
        return None
    return pair if min(pair) > CREDIBLE_DPI_ABOVE else None


def _dpi_pair(dpi: object, default: int) -> tuple[float, float]:
    return _credible_pair(dpi) or (float(default), float(default))


def _needs_flattening(image: Image.Image, frames: int) -> bool:
    """Whether a frame has transparency or a depth img2pdf refuses. Every
    frame is decoded, so a truncated or corrupt image fails here."""
    flatten = False
    for index in range(frames):
        image.seek(index)
        image.load()
        mode = image.mode
        if mode in _FLATTEN_MODES or (mode == "P" and "transparency" in image.info):
            flatten = True
    image.seek(0)
    return flatten


def _flattened(
    image: Image.Image, frames: int, dpi: object, default_dpi: int
) -> list[bytes]:
    """Each frame as an opaque PNG (on white), for images img2pdf refuses."""
    resolution = _dpi_pair(dpi, default_dpi)
    out: list[bytes] = []
    for index in range(frames):
        image.seek(index)
        frame = image.convert("RGBA")
        page = Image.new("RGB", frame.size, "white")
        page.paste(frame, mask=frame.getchannel("A"))
        buffer = BytesIO()
        page.save(buffer, format="PNG", dpi=resolution)
        out.append(buffer.getvalue())
    return out


# -- text ------------------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def tidy_text(text: str) -> str:
    """NFC; soft hyphens and control characters dropped; blanks inside a line
    collapsed to one space; at most one empty line in a row; trimmed."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = _CONTROLS.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _join(page_texts: Sequence[str]) -> str:
    return PAGE_SEPARATOR.join(tidy_text(text) for text in page_texts)
