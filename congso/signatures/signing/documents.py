"""Documents prepared for two-step signing (domain §5): rendered with WeasyPrint
on the shipped fonts, then the signature fields (leader, agency) and the text
fields (number, date line) are *reserved* as empty PDF form fields before the
first signature, at the boxes the layout left for them. Every later step fills an
existing field, so the leader's approval signature sees form filling only.

The demo decision (:class:`DecisionDraft`) is a short individual decision
(Quyết định cá biệt) laid out per NĐ 30/2020 Phụ lục I."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from congso.signatures.signing.appearance import FONT_DIR
from congso.signatures.signing.constants import (
    FIELD_AGENCY,
    FIELD_APPROVAL,
    FIELD_ISSUE_DATE,
    FIELD_NUMBER,
)
from congso.signatures.signing.pdf import FieldBox, fields_reserve, seal_box

_PX = 0.75  # CSS px → PDF points
_FACES = (
    ("normal", "normal", "LiberationSerif-Regular.ttf"),
    ("bold", "normal", "LiberationSerif-Bold.ttf"),
    ("normal", "italic", "LiberationSerif-Italic.ttf"),
    ("bold", "italic", "LiberationSerif-BoldItalic.ttf"),
)
DECISION_CSS = """
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
html { font-family: "Congso Serif"; font-size: 14pt; line-height: 1.25; color: #000; }
body { margin: 0; }
p { margin: 0 0 6pt; text-align: justify; }
table.header { width: 100%; border-collapse: collapse; }
table.header td { vertical-align: top; text-align: center; padding: 0; }
td.agency { width: 40%; }
.governing, .issuing { font-size: 12.5pt; }
.issuing { font-weight: bold; }
.rule { width: 35%; margin: 2pt auto 4pt; border-top: 0.6pt solid #000; }
.number { font-size: 13pt; line-height: 18pt; }
.national { font-size: 12.5pt; font-weight: bold; white-space: nowrap; }
.motto { font-size: 13.5pt; font-weight: bold; }
.motto span { display: inline-block; border-bottom: 0.6pt solid #000; padding-bottom: 1pt; }
.field { display: inline-block; }
.field-number { width: 42mm; height: 18pt; vertical-align: top; }
.field-date { width: 100%; height: 20pt; margin-top: 6pt; }
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 14pt 0 0; }
.subject { font-weight: bold; text-align: center; margin: 0; }
.subject-rule { width: 30%; margin: 2pt auto 10pt; border-top: 0.6pt solid #000; }
.authority { font-weight: bold; text-align: center; margin: 6pt 0 8pt; }
.basis { font-style: italic; text-indent: 1cm; }
.decides { font-weight: bold; text-align: center; margin: 8pt 0; }
.article { text-indent: 1cm; }
table.closing { width: 100%; border-collapse: collapse; margin-top: 12pt; page-break-inside: avoid; }
table.closing td { vertical-align: top; padding: 0; }
td.recipients { width: 45%; font-size: 11pt; }
.recipients-title { font-size: 12pt; font-weight: bold; font-style: italic; }
td.signer { text-align: center; }
.competence { font-weight: bold; }
.field-signature { display: block; width: 60mm; height: 26mm; margin: 2mm auto; }
.signer-name { font-weight: bold; }
"""


@dataclass(frozen=True)
class DecisionDraft:
    """The content of a short decision before number, date and signatures."""

    issuing: str
    subject: str
    authority: str
    signer_prefix: str
    signer_title: str
    signer_name: str
    governing: str = ""
    basis: Sequence[str] = field(default_factory=tuple)
    articles: Sequence[str] = field(default_factory=tuple)
    recipients: Sequence[str] = field(default_factory=tuple)


def _stylesheet(fonts: FontConfiguration, css: str) -> CSS:
    faces = "\n".join(
        f'@font-face {{ font-family: "Congso Serif"; font-weight: {w}; '
        f'font-style: {s}; src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for w, s, name in _FACES
    )
    return CSS(string=f"{faces}\n{css}", font_config=fonts)


def render_with_boxes(html: str, css: str) -> tuple[bytes, dict[str, FieldBox]]:
    """The PDF of ``html`` and, for every element with an ``id``, its box on the
    page (PDF points, origin bottom-left)."""
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=FONT_DIR.as_uri()).render(
        stylesheets=[_stylesheet(fonts, css)], font_config=fonts
    )
    boxes: dict[str, FieldBox] = {}
    for index, page in enumerate(document.pages):
        height = page.height * _PX
        anchors: dict[str, Any] = page.anchors
        for name, (x1, y1, x2, y2) in anchors.items():
            boxes.setdefault(
                name,
                FieldBox(
                    index, x1 * _PX, height - y2 * _PX, x2 * _PX, height - y1 * _PX
                ),
            )
    return bytes(document.write_pdf()), boxes


def decision_pdf(draft: DecisionDraft, *, seal_diameter_mm: float = 36.0) -> bytes:
    """The decision with its fields reserved: the leader's signature between the
    title and the name, the agency's seal at real size over the left third of it
    (drawn on top), and the number and date-line text fields."""
    html = render_to_string("signatures/print/decision.html", {"draft": draft})
    pdf, boxes = render_with_boxes(html, DECISION_CSS)
    leader = boxes["sig-leader"]
    return fields_reserve(
        pdf,
        signatures=[
            (FIELD_APPROVAL, leader),
            (FIELD_AGENCY, seal_box(leader, seal_diameter_mm)),
        ],
        texts=[
            (FIELD_NUMBER, boxes["field-number"]),
            (FIELD_ISSUE_DATE, boxes["field-date"]),
        ],
    )
