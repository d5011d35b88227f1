"""Number and symbol (số, ký hiệu) of documents: the one place that builds and
parses them (conventions §8; NĐ 30/2020 Phụ lục I, II.3; documents.md §2). Pure.

* Typed document: ``15/QĐ-UBND`` (number / type abbreviation - agency).
* Công văn and thư công (no abbreviation): ``05/UBND-VP`` (agency - drafting unit
  or field).
* Normative document (VBQPPL, its own series by year): ``12/2025/QĐ-UBND``.
* Copies: ``05/SY-UBND`` (copy form - copying agency).

Numbers below 10 take a leading zero. "/" separates the number (and the year) from
the symbol and "-" the groups inside it; no spaces. The symbol is in capitals
except the type and copy abbreviations, which are case-sensitive and written
exactly as listed (QyĐ, CTr, TTr, TTh, TrS), and a few official mixed-case agency
abbreviations (``TTg``, the Prime Minister). Here the *symbol* is everything
after the number, so a normative symbol carries its year (``2025/QĐ-UBND``) and
``notation == f"{number}/{symbol}"`` always holds."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext as _

from congso.core.errors import ApplicationError
from congso.core.text import nfc
from congso.documents.constants import COPY_FORMS, DOCUMENT_TYPES, DocumentType

#: Type abbreviation → type, for the 27 types that have one (Phụ lục III).
TYPE_BY_ABBREVIATION: Final[Mapping[str, DocumentType]] = {
    info.abbreviation: doc_type
    for doc_type, info in DOCUMENT_TYPES.items()
    if info.abbreviation
}
#: Abbreviations of legal normative types that are not administrative types
#: (Law on Promulgation of Legal Documents), recognised only with a year:
#: ``30/2020/NĐ-CP``, ``01/2024/TT-BNV``, ``01/2020/L-CTN``.
NORMATIVE_ABBREVIATIONS: Final[Mapping[str, str]] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "L": "Lệnh",
}
#: Official agency abbreviations that are not all capitals (kept as written).
MIXED_CASE_AGENCIES: Final[frozenset[str]] = frozenset({"TTg"})
#: Types whose symbol is agency-unit (no type abbreviation).
UNTYPED: Final[frozenset[DocumentType]] = frozenset(
    doc_type for doc_type, info in DOCUMENT_TYPES.items() if not info.abbreviation
)

_YEAR = re.compile(r"(\d{4})/(.*)", re.S)
_NOTATION = re.compile(
    r"(?:số\s*:?\s*)?(?P<number>\d{1,6})/(?:(?P<year>\d{4})/)?(?P<symbol>\S+)",
    re.I,
)


class SymbolInvalidError(ApplicationError):
    """A symbol (ký hiệu) that breaks the rules of Phụ lục I, II.3."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="symbol_invalid")


@dataclass(frozen=True)
class ParsedNotation:
    """A number and symbol read back. ``symbol`` is all after the number
    (``2025/QĐ-UBND`` for a normative document); ``type_abbreviation`` is ""
    for a công văn or thư công; ``agency`` is the issuing agency's part and
    ``unit`` the drafting unit or field of a công văn ("" otherwise)."""

    number: int
    year: int | None
    symbol: str
    type_abbreviation: str
    agency: str
    unit: str = ""
    doc_type: DocumentType | None = None
    copy_form: str = ""

    @property
    def notation(self) -> str:
        """The canonical text: ``05/UBND-VP`` (leading zero restored)."""
        return f"{format_number(self.number)}/{self.symbol}"


# -- building --------------------------------------------------------------------------


def format_number(n: int) -> str:
    """The number as printed: 5 → "05", 10 → "10", 1234 → "1234"."""
    if n < 1:
        raise ValueError("document numbers start at 1")
    return f"{n:02d}"


def _caps(part: str) -> str:
    """An agency or unit abbreviation in capitals (but ``TTg`` stays as it is)."""
    part = nfc(part.strip())
    return part if part in MIXED_CASE_AGENCIES else part.upper()


def build_symbol(
    *,
    doc_type: DocumentType,
    agency_abbr: str,
    unit_abbr: str = "",
    normative_year: int | None = None,
) -> str:
    """The symbol: ``QĐ-UBND``; ``UBND-VP`` for a công văn or thư công (the
    drafting unit or field is required there and ignored for typed documents);
    ``2025/QĐ-UBND`` for a normative document. Agency and unit are put in
    capitals; the type abbreviation is kept exactly. Raises
    :class:`SymbolInvalidError` on a part with spaces or other separators."""
    agency = _caps(agency_abbr)
    if not agency:
        raise SymbolInvalidError(
            _("The symbol needs the abbreviation of the issuing agency.")
        )
    if doc_type in UNTYPED:
        unit = _caps(unit_abbr)
        if not unit:
            raise SymbolInvalidError(
                _(
                    "The symbol of an official letter needs the abbreviation of "
                    "the drafting unit or of the field."
                )
            )
        if normative_year is not None:
            raise ValueError("an official letter is never a normative document")
        symbol = f"{agency}-{unit}"
    else:
        symbol = f"{DOCUMENT_TYPES[doc_type].abbreviation}-{agency}"
    if normative_year is not None:
        symbol = f"{normative_year:04d}/{symbol}"
    validate_symbol(symbol, doc_type=doc_type)
    return symbol


def build_notation(
    *,
    number: int,
    doc_type: DocumentType,
    agency_abbr: str,
    unit_abbr: str = "",
    normative_year: int | None = None,
) -> str:
    """Number and symbol: ``15/QĐ-UBND``, ``05/UBND-VP``, ``12/2025/QĐ-UBND``."""
    symbol = build_symbol(
        doc_type=doc_type,
        agency_abbr=agency_abbr,
        unit_abbr=unit_abbr,
        normative_year=normative_year,
    )
    return f"{format_number(number)}/{symbol}"


def build_copy_notation(*, number: int, copy_form: str, agency_abbr: str) -> str:
    """Number and symbol of a copy from the agency's copy series:
    ``05/SY-UBND`` (sao y), ``12/TrS-UBND`` (trích sao), ``03/SL-UBND`` (sao lục)."""
    if copy_form not in COPY_FORMS:
        raise ValueError(f"unknown copy form {copy_form!r}")
    symbol = f"{copy_form}-{_caps(agency_abbr)}"
    validate_symbol(symbol)
    return f"{format_number(number)}/{symbol}"


# -- checking --------------------------------------------------------------------------


def _split(symbol: str) -> tuple[int | None, list[str]]:
    """The year and the groups of a symbol, or SymbolInvalidError on spaces and
    separators other than one "-" between non-empty groups."""
    if not symbol:
        raise SymbolInvalidError(_("The symbol is empty."))
    if any(ch.isspace() for ch in symbol):
        raise SymbolInvalidError(
            _("The symbol “%(symbol)s” must not contain spaces.") % {"symbol": symbol}
        )
    year, rest = None, symbol
    matched = _YEAR.fullmatch(symbol)
    if matched:
        year, rest = int(matched.group(1)), matched.group(2)
    groups = rest.split("-")
    if not all(group and group.isalnum() for group in groups):
        raise SymbolInvalidError(
            _(
                "In the symbol “%(symbol)s” the groups of letters are separated by "
                "a single hyphen (-) only, and the number by a slash (/)."
            )
            % {"symbol": symbol}
        )
    return year, groups


def _is_type(group: str, *, normative: bool) -> bool:
    return (
        group in TYPE_BY_ABBREVIATION
        or group in COPY_FORMS
        or (normative and group in NORMATIVE_ABBREVIATIONS)
    )


def _is_caps(group: str) -> bool:
    return group == group.upper() or group in MIXED_CASE_AGENCIES


def _expected_first(doc_type: DocumentType | None) -> str:
    return DOCUMENT_TYPES[doc_type].abbreviation if doc_type else ""


def validate_symbol(symbol: str, *, doc_type: DocumentType | None = None) -> None:
    """Raise :class:`SymbolInvalidError` (Vietnamese message) unless ``symbol``
    is well formed: no spaces, groups separated by one "-", at least two groups
    (one is enough after a year: ``2024/QH15``), the type abbreviation written
    exactly and every other group in capitals. With ``doc_type``, a typed
    document's symbol must start with its abbreviation."""
    symbol = nfc(symbol)
    year, groups = _split(symbol)
    if year is None and len(groups) < 2:
        raise SymbolInvalidError(
            _(
                "The symbol “%(symbol)s” needs the type or agency abbreviation and "
                "a second group after a hyphen, as in QĐ-UBND or UBND-VP."
            )
            % {"symbol": symbol}
        )
    first = groups[0]
    wanted = _expected_first(doc_type)
    if wanted and first != wanted:
        raise SymbolInvalidError(
            _("The symbol of this document type starts with “%(abbr)s”.")
            % {"abbr": wanted}
        )
    typed = _is_type(first, normative=year is not None)
    if not typed and not _is_caps(first):
        for known in (*TYPE_BY_ABBREVIATION, *COPY_FORMS, *NORMATIVE_ABBREVIATIONS):
            if first.casefold() == known.casefold():
                raise SymbolInvalidError(
                    _(
                        "Type abbreviations are case-sensitive: write “%(abbr)s”, "
                        "not “%(group)s”."
                    )
                    % {"abbr": known, "group": first}
                )
    for group in groups[1:] if typed else groups:
        if not _is_caps(group):
            raise SymbolInvalidError(
                _(
                    "The abbreviations of the agency and of the unit are written in "
                    "capitals: “%(group)s”."
                )
                % {"group": group}
            )


# -- parsing ---------------------------------------------------------------------------


def _parsed(
    number: int, year: int | None, symbol: str, groups: Sequence[str]
) -> ParsedNotation:
    first, rest = groups[0], list(groups[1:])
    if _is_type(first, normative=year is not None) and rest:
        return ParsedNotation(
            number=number,
            year=year,
            symbol=symbol,
            type_abbreviation=first,
            agency="-".join(rest),
            doc_type=TYPE_BY_ABBREVIATION.get(first),
            copy_form=first if first in COPY_FORMS else "",
        )
    if year is not None and not rest:  # 33/2024/QH15: no type abbreviation
        return ParsedNotation(number, year, symbol, "", first)
    return ParsedNotation(number, year, symbol, "", first, unit="-".join(rest))


def parse_notation(text: str) -> ParsedNotation | None:
    """Read "Số: 15/QĐ-UBND", "15/QĐ-UBND", "5/UBND-VP", "12/2025/QĐ-UBND"
    (NFC applied, surrounding blanks and a final "." or ";" ignored), or None
    when it is not a well-formed number and symbol.

    A group that is also a type abbreviation is read as the type: the công văn
    ``05/CT-TTHT`` of an agency abbreviated "CT" reads as a directive (chỉ thị);
    only the register can tell them apart."""
    text = nfc(text).strip().rstrip(".;,").strip()
    matched = _NOTATION.fullmatch(text)
    if matched is None:
        return None
    number = int(matched.group("number"))
    year = int(matched.group("year")) if matched.group("year") else None
    rest = matched.group("symbol")
    symbol = f"{year:04d}/{rest}" if year is not None else rest
    if number < 1:
        return None
    try:
        validate_symbol(symbol)
    except SymbolInvalidError:
        return None
    return _parsed(number, year, symbol, rest.split("-"))
