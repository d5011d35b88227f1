"""What an outgoing document prints, before its number, date and signatures
(thể thức văn bản, NĐ 30/2020 Phụ lục I): plain frozen data, built by the
documents services from a draft and rendered by :mod:`.render`. Pure.

Texts are given as typed (any case, NFC or not): the renderer normalises them and
puts in capitals what the decree prints in capitals (agency names, type name,
authority line, signer's titles)."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from django.utils.translation import gettext as _

from congso.core.errors import ApplicationError
from congso.core.text import decree30_date, nfc
from congso.documents.constants import (
    DOCUMENT_TYPES,
    Competence,
    DocumentType,
    Secrecy,
    Urgency,
)
from congso.documents.notation import UNTYPED, build_symbol

#: The line before the articles when the layout names an authority.
ENACTING_WORDS: Final = {
    DocumentType.DECISION: "QUYẾT ĐỊNH:",
    DocumentType.RESOLUTION: "QUYẾT NGHỊ:",
}
#: Width of the red framed marks (mm; all 8 mm high). Urgency: Phụ lục I, III.2.b.
#: Secrecy: by analogy, smallest for MẬT (state-secrets rules, not in the decree).
MARK_WIDTH_MM: Final = {
    "HỎA TỐC": 30,
    "THƯỢNG KHẨN": 40,
    "KHẨN": 20,
    "MẬT": 20,
    "TỐI MẬT": 30,
    "TUYỆT MẬT": 40,
}
MARK_HEIGHT_MM: Final = 8


class DraftLayoutError(ApplicationError):
    """A layout that cannot be printed as a Decree 30 document."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="draft_layout_invalid")


class BlockKind(enum.StrEnum):
    """Kinds of body block (Phụ lục I, II.6.đ)."""

    #: A paragraph: justified, first line indented 1 cm.
    PARAGRAPH = "paragraph"
    #: "Điều N." in bold (with its title, if any), then the text.
    ARTICLE = "article"
    #: "Chương I" / "Phần I" / "Mục 1" centred bold, its title in capitals below.
    PART = "part"
    #: "I. NHỮNG KẾT QUẢ…": number and title in bold capitals, indented.
    SECTION = "section"
    #: A numbered item (khoản "1.", điểm "a)"), indented; a title is bold.
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """One block of the body; build with :func:`paragraph`, :func:`article`,
    :func:`part`, :func:`section` or :func:`item`."""

    kind: BlockKind
    text: str = ""
    label: str = ""
    title: str = ""


def paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text=text)


def article(number: int, text: str = "", *, title: str = "") -> Block:
    """``Điều {number}.`` then the title (bold) or directly the text."""
    return Block(BlockKind.ARTICLE, text=text, label=f"Điều {number}.", title=title)


def part(label: str, title: str = "") -> Block:
    """A part, chapter or section heading: ``part("Chương I", "Quy định chung")``."""
    return Block(BlockKind.PART, label=label, title=title)


def section(label: str, title: str) -> Block:
    """A numbered heading of a report or plan: ``section("I.", "Kết quả")``."""
    return Block(BlockKind.SECTION, label=label, title=title)


def item(label: str, text: str = "", *, title: str = "") -> Block:
    """A numbered item: ``item("1.", "…")``, ``item("a)", "…")``."""
    return Block(BlockKind.ITEM, text=text, label=label, title=title)


@dataclass(frozen=True)
class Signer:
    """The signature block (ô 7a–7c): ``competence`` and ``head`` give the first
    line ("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Q. Chủ tịch"), ``title`` the
    signer's own office below it ("Phó Chủ tịch"), then the name (no academic
    titles)."""

    name: str
    title: str = ""
    competence: Competence = Competence.OWN
    head: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines above the signature, as typed (printed in capitals)."""
        lines = []
        if self.competence:
            lines.append(f"{self.competence} {self.head}")
        if self.title:
            lines.append(self.title)
        return tuple(lines)


@dataclass(frozen=True)
class Appendix:
    """An appendix in the same file (Phụ lục I, III.1): its title and body,
    on new pages numbered on their own."""

    title: str
    body: Sequence[Block] = ()


@dataclass(frozen=True)
class DraftLayout:
    """Everything an outgoing document prints except its number, its date and
    the two signatures, whose places the renderer reserves.

    ``subject`` is the trích yếu (for a công văn the text after "V/v");
    ``unit_abbr`` the drafting unit (the công văn symbol, and the "Lưu" line
    unless ``archive_unit`` is given); ``addressees`` the "Kính gửi" list of a
    công văn, tờ trình or báo cáo; ``recipients`` the "Nơi nhận" lines without
    the final "Lưu" line, which is built from ``archive_unit``/``unit_abbr`` and
    ``archive_copies``; ``drafter_mark`` the drafter's initials and number of
    copies issued (ô 12, e.g. "NVA(05)"); ``footer`` the address, e-mail and
    phone lines printed at the foot of page 1."""

    doc_type: DocumentType
    issuing: str
    agency_abbr: str
    place: str
    signer: Signer
    governing: str = ""
    unit_abbr: str = ""
    normative_year: int | None = None
    subject: str = ""
    authority: str = ""
    enacting: str = ""
    basis: Sequence[str] = ()
    addressees: Sequence[str] = ()
    body: Sequence[Block] = ()
    recipients: Sequence[str] = ()
    archive_unit: str = ""
    archive_copies: int | None = None
    drafter_mark: str = ""
    urgency: Urgency = Urgency.NORMAL
    secrecy: Secrecy = Secrecy.NONE
    footer: Sequence[str] = ()
    appendices: Sequence[Appendix] = ()

    @property
    def is_letter(self) -> bool:
        """Công văn or thư công: no type name, "V/v" subject under the number."""
        return self.doc_type in UNTYPED

    @property
    def type_name(self) -> str:
        """The printed type name ("Quyết định"), "" for a công văn or thư công."""
        return "" if self.is_letter else DOCUMENT_TYPES[self.doc_type].name

    @property
    def symbol(self) -> str:
        """The symbol after the number (:func:`congso.documents.notation.build_symbol`)."""
        return build_symbol(
            doc_type=self.doc_type,
            agency_abbr=self.agency_abbr,
            unit_abbr=self.unit_abbr,
            normative_year=self.normative_year,
        )

    @property
    def enacting_words(self) -> str:
        """The "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" line after the basis of a decision or
        resolution that names its authority, or the explicit ``enacting``."""
        if self.enacting:
            return self.enacting
        return ENACTING_WORDS.get(self.doc_type, "") if self.authority else ""

    def check(self) -> None:
        """Raise :class:`DraftLayoutError` (or the symbol's error) when a
        required part is missing."""
        if not self.issuing.strip():
            raise DraftLayoutError(_("The name of the issuing agency is missing."))
        if not self.place.strip():
            raise DraftLayoutError(_("The place of the date line is missing."))
        if not self.signer.name.strip():
            raise DraftLayoutError(_("The name of the signer is missing."))
        if self.signer.competence and not self.signer.head.strip():
            raise DraftLayoutError(
                _(
                    "After “%(prefix)s” write the collective or the head's title, "
                    "as in “TM. Ủy ban nhân dân” or “KT. Chủ tịch”."
                )
                % {"prefix": self.signer.competence}
            )
        if not self.signer.competence and not self.signer.title.strip():
            raise DraftLayoutError(_("The title of the signer is missing."))
        self.symbol  # noqa: B018  # raises SymbolInvalidError


def date_line(place: str, day: date) -> str:
    """The place and date line: "Phong Điền, ngày 08 tháng 10 năm 2026" (the
    same text the agency signature fills in)."""
    return f"{place}, {decree30_date(day)}"


def blank_date_line(place: str, year: int) -> str:
    """The date line of a draft not yet issued: day and month left blank."""
    return f"{place}, ngày      tháng      năm {year}"


def blank_notation(symbol: str) -> str:
    """The number line of a draft not yet numbered: "      /QĐ-UBND"."""
    return f"      /{symbol}"


_ARTICLE = re.compile(r"Điều\s+(\d+)\.\s*(.*)")
_PART = re.compile(r"((?:Phần|Chương|Mục|Tiểu mục)\s+[IVXLC\d]+)\.?\s*(.*)")
_SECTION = re.compile(r"([IVXLC]+\.)\s+(.+)")
_ITEM = re.compile(r"(\d+(?:\.\d+)*\.|[a-zđ]\))\s+(.+)")


def body_from_text(text: str) -> tuple[Block, ...]:
    """Blocks from plain text, one per non-empty line: "Điều 1. …" → article,
    "Chương I …"/"Phần I"/"Mục 1" → part, "I. …" → section, "1. …"/"a) …" →
    item, anything else → paragraph."""
    blocks = []
    for raw in nfc(text).splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if matched := _ARTICLE.fullmatch(line):
            blocks.append(article(int(matched.group(1)), matched.group(2)))
        elif matched := _PART.fullmatch(line):
            blocks.append(part(matched.group(1), matched.group(2)))
        elif matched := _SECTION.fullmatch(line):
            blocks.append(section(matched.group(1), matched.group(2)))
        elif matched := _ITEM.fullmatch(line):
            blocks.append(item(matched.group(1), matched.group(2)))
        else:
            blocks.append(paragraph(line))
    return tuple(blocks)
