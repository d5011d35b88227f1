"""What visible signatures look like (NĐ 30/2020 Phụ lục I), drawn as small PDFs
with WeasyPrint on the shipped Times-metric fonts.

Why not pyHanko's ``TextStampStyle``: with a TrueType font it draws widely spaced,
clipped Vietnamese text (domain §4). Each appearance here is a one-page PDF the
exact size of its field, imported as a form XObject by ``StaticStampStyle`` (see
:class:`congso.signatures.signing.pdf.ImportedPdfBytes`), so the fonts are
embedded subsets and every tone mark renders."""

from __future__ import annotations

import base64
from datetime import date, datetime
from functools import lru_cache
from html import escape
from pathlib import Path

from PIL import ImageFont
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from congso.calendar.worktime import VN_TZ
from congso.core.text import decree30_date

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
_FACES = (
    ("normal", "normal", "LiberationSerif-Regular.ttf"),
    ("bold", "normal", "LiberationSerif-Bold.ttf"),
    ("normal", "italic", "LiberationSerif-Italic.ttf"),
)
#: Attachment stamp text: Times New Roman (metric twin), upright, 10 pt, black.
ATTACHMENT_FONT_PT = 10.0
_PADDING_PT = 1.5


def _font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "Congso Serif"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for weight, style, name in _FACES
    )


def stamp_pdf(body: str, *, width_pt: float, height_pt: float, css: str = "") -> bytes:
    """``body`` (trusted HTML built here) on one page of exactly the given size."""
    fonts = FontConfiguration()
    sheet = CSS(
        string=(
            f"{_font_faces()}\n"
            f"@page {{ size: {width_pt:.3f}pt {height_pt:.3f}pt; margin: 0; }}\n"
            'html, body { margin: 0; padding: 0; font-family: "Congso Serif"; '
            "color: #000; }\n"
            f"{css}"
        ),
        font_config=fonts,
    )
    document = HTML(string=f"<!doctype html><html><body>{body}</body></html>")
    return bytes(document.write_pdf(stylesheets=[sheet], font_config=fonts))


def _png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def image_stamp(png: bytes, *, width_pt: float, height_pt: float) -> bytes:
    """A transparent PNG centred in the box at the largest size that fits: the
    official's signature between the title and the name, or the seal at real
    size (the box is then the seal's diameter)."""
    return stamp_pdf(
        f'<img src="{_png_uri(png)}" alt="">',
        width_pt=width_pt,
        height_pt=height_pt,
        css=("img { display: block; width: 100%; height: 100%; object-fit: contain; }"),
    )


def name_stamp(name: str, *, width_pt: float, height_pt: float) -> bytes:
    """Fallback for an official without a signature image: the name in blue
    italic, so the widget is never empty."""
    return stamp_pdf(
        f'<div class="name">{escape(name)}</div>',
        width_pt=width_pt,
        height_pt=height_pt,
        css=(
            f".name {{ height: {height_pt:.3f}pt; display: flex; "
            "align-items: center; justify-content: center; font-style: italic; "
            "font-size: 16pt; color: #1a3fa8; }"
        ),
    )


def text_stamp(
    text: str,
    *,
    width_pt: float,
    height_pt: float,
    size_pt: float = 13.0,
    italic: bool = False,
    align: str = "left",
) -> bytes:
    """A line of text filling a reserved text field (number, date line), set on
    the same baseline model as the surrounding page text."""
    style = "italic" if italic else "normal"
    return stamp_pdf(
        f'<div class="line">{escape(text)}</div>',
        width_pt=width_pt,
        height_pt=height_pt,
        css=(
            f".line {{ font-size: {size_pt}pt; line-height: {height_pt:.3f}pt; "
            f"font-style: {style}; text-align: {align}; white-space: nowrap; }}"
        ),
    )


@lru_cache(maxsize=4)
def _font(size_tenths: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONT_DIR / "LiberationSerif-Regular.ttf"), size=size_tenths
    )


def text_width_pt(text: str, size_pt: float) -> float:
    """Advance width of ``text`` in the regular face (points), measured on the
    font file itself at ten times the size for precision."""
    return float(_font(round(size_pt * 100)).getlength(text)) / 100


def date_line(place: str, day: date) -> str:
    """The place-and-date line: "Phong Điền, ngày 08 tháng 10 năm 2026"."""
    text = decree30_date(day)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def iso_time(moment: datetime) -> str:
    """``2026-10-08T14:30:05+07:00``: Vietnam time, seconds, ISO 8601."""
    return moment.astimezone(VN_TZ).replace(microsecond=0).isoformat()


def attachment_text(number: str, moment: datetime) -> str:
    """The top-right text of an attachment or copy: number/symbol and time."""
    return f"{number} {iso_time(moment)}".strip()


def attachment_stamp(text: str) -> tuple[bytes, float, float]:
    """The attachment stamp (Times-metric 10 pt, upright, black) and its size in
    points, just wide enough for the text."""
    width = text_width_pt(text, ATTACHMENT_FONT_PT) + 2 * _PADDING_PT
    height = ATTACHMENT_FONT_PT * 1.4
    pdf = stamp_pdf(
        f'<div class="t">{escape(text)}</div>',
        width_pt=width,
        height_pt=height,
        css=(
            f".t {{ font-size: {ATTACHMENT_FONT_PT}pt; line-height: {height:.3f}pt; "
            f"padding: 0 {_PADDING_PT}pt; white-space: nowrap; }}"
        ),
    )
    return pdf, width, height
