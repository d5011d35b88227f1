"""The dossier code (mã hồ sơ): ``{receiving-unit code}-{yymmdd}-{daily sequence}``.

Built and parsed here only (conventions §8). Stored opaque; parsed leniently because
other systems' codes vary (4-digit provincial sequences, 6–7 digits from ministries)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CODE = re.compile(r"^(?P<prefix>.+)-(?P<day>\d{6})-(?P<seq>\d{4,7})$")


@dataclass(frozen=True)
class DossierCode:
    prefix: str
    day: date
    sequence: int


def build_code(prefix: str, day: date, sequence: int) -> str:
    """``H57.25-261124-0007``: at least four digits of daily sequence."""
    return f"{prefix}-{day:%y%m%d}-{sequence:04d}"


def code_spellings(text: str) -> list[str]:
    """The spellings to look a typed code up by: as typed and upper-cased. Codes
    are built upper-case, but other systems' codes are opaque; an exact ``IN`` keeps
    the unique index usable, where ``iexact`` (``UPPER(code)``) scans the table."""
    typed = text.strip()
    return list(dict.fromkeys([typed, typed.upper()]))


def parse_code(code: str) -> DossierCode | None:
    """The parts of a code, or None when it does not follow the layout (codes from
    other systems are still accepted and looked up as opaque strings)."""
    match = _CODE.match(code.strip().upper())
    if match is None:
        return None
    raw = match["day"]
    try:
        day = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        return None
    return DossierCode(prefix=match["prefix"], day=day, sequence=int(match["seq"]))
