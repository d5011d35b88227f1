"""Best-effort guess of an incoming document's metadata from an e-mail's subject,
body and attachment names (pure): number and symbol (through
:func:`congso.documents.notation.parse_notation`), issued date ("ngày 05 tháng
3 năm 2026" or 05/3/2026) and issuing agency (from the sender's display name).
An official confirms or corrects every guess when registering the document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Final

from congso.core.text import fold_vi, nfc
from congso.documents.notation import ParsedNotation, parse_notation

#: Only the start of a long body is searched.
SEARCH_LIMIT: Final = 20_000

#: A number and symbol, maybe after "Số:" / "số" / "Số và ký hiệu:".
_NOTATION = re.compile(
    r"(?<![\w/])(?P<label>s[ốo]\s*(?:v[àa]\s*k[ýy]\s*hi[ệe]u)?\s*[:.]?\s*)?"
    r"(?P<value>\d{1,6}/(?:\d{4}/)?[^\s,;:()\"'“”‘’<>\[\]]+)",
    re.IGNORECASE,
)
#: In a file name "/" is impossible: "15_QĐ-UBND.pdf", "123 UBND-VP.pdf".
_FILE_NOTATION = re.compile(
    r"(?<![\w])(?P<number>\d{1,6})[_\s.]+(?:(?P<year>\d{4})[_\s.]+)?"
    r"(?P<symbol>[^\W\d_][\w]*(?:-[\w]+)+)",
)
#: On folded text: "ngay 05 thang 3 nam 2026".
_LONG_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})")
_SHORT_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")

#: Words that make a display name an agency's (checked with diacritics, so the
#: surname "Trương" is not the school "Trường").
_AGENCY_WORDS: Final = re.compile(
    r"\b(?:ủy ban|uỷ ban|hội đồng|văn phòng|sở|phòng|bộ|cục|chi cục|tổng cục|"
    r"trung tâm|ban|công an|tòa án|toà án|viện kiểm sát|kho bạc|bảo hiểm|"
    r"bệnh viện|trường|tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|"
    r"đảng ủy|đảng uỷ|mặt trận|công ty|tập đoàn|ngân hàng)\b"
)
_AGENCY_ABBREVIATIONS: Final = re.compile(
    r"\b(?:UBND|HĐND|HDND|VP|BHXH|KBNN|MTTQ|TAND|VKSND)\b"
)
#: Folded phrases for names typed without diacritics.
_AGENCY_FOLDED: Final = re.compile(
    r"\b(?:uy ban|hoi dong|van phong|trung tam|cong an|chi cuc|tong cuc|"
    r"kho bac|benh vien)\b"
)
_NAME_SEPARATORS: Final = re.compile(r"\s[-–—|/]\s|[|(),]")


@dataclass(frozen=True)
class DocumentGuess:
    """What the e-mail suggests: each field may be empty."""

    notation: ParsedNotation | None = None
    issued_on: date | None = None
    agency: str = ""


def guess_document(
    *, subject: str, body: str, filenames: Iterable[str], sender_name: str
) -> DocumentGuess:
    """The first well-formed number and symbol and the first valid date, looked
    for in the subject, then the attachment names, then the body (a labelled
    "Số: …" before a bare one); the agency from the sender's display name."""
    names = [_stem(name) for name in filenames]
    texts = [nfc(subject), *names, nfc(body[:SEARCH_LIMIT])]
    notations = [find_notation(text) for text in texts]
    notations += [_file_notation(name) for name in names]
    dates = [find_date(text) for text in texts]
    return DocumentGuess(
        notation=next((found for found in notations if found), None),
        issued_on=next((found for found in dates if found), None),
        agency=agency_from_name(sender_name),
    )


def find_notation(text: str) -> ParsedNotation | None:
    """The first number and symbol in ``text``, a labelled one ("Số: …") first."""
    found: list[tuple[bool, ParsedNotation]] = []
    for match in _NOTATION.finditer(text):
        parsed = parse_notation(match.group("value").rstrip(".-"))
        if parsed is not None:
            if match.group("label"):
                return parsed
            found.append((False, parsed))
    return found[0][1] if found else None


def _file_notation(name: str) -> ParsedNotation | None:
    for match in _FILE_NOTATION.finditer(name):
        year = f"{match.group('year')}/" if match.group("year") else ""
        parsed = parse_notation(
            f"{match.group('number')}/{year}{match.group('symbol')}"
        )
        if parsed is not None:
            return parsed
    return None


def _stem(filename: str) -> str:
    return PurePosixPath(nfc(filename).replace("\\", "/")).stem


def find_date(text: str) -> date | None:
    """The first valid "ngày 05 tháng 3 năm 2026" (with or without
    diacritics), else the first valid 05/3/2026 (also with "." or "-")."""
    folded = fold_vi(text)
    for pattern, groups in ((_LONG_DATE, (1, 2, 3)), (_SHORT_DATE, (1, 3, 4))):
        for match in pattern.finditer(folded):
            day, month, year = (int(match.group(index)) for index in groups)
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if 1945 <= year <= 2100:
                return found
    return None


def agency_from_name(display_name: str) -> str:
    """The part of a sender's display name that names an agency: "Văn thư -
    UBND huyện Phong Điền" → "UBND huyện Phong Điền"; "" for a person's name."""
    name = " ".join(nfc(display_name).split())
    parts = [part.strip(" .-") for part in _NAME_SEPARATORS.split(name)]
    for part in parts:
        if part and _is_agency(part):
            return part
    return ""


def _is_agency(text: str) -> bool:
    return bool(
        _AGENCY_WORDS.search(text.lower())
        or _AGENCY_ABBREVIATIONS.search(text)
        or _AGENCY_FOLDED.search(fold_vi(text))
    )
