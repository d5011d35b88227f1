"""Feedback numbers people read (số phản ánh): ``PAKN-<year>-<5-digit sequence>``,
built and parsed here only."""

from __future__ import annotations

import re
from typing import Final

CODE_RE: Final = re.compile(r"^PAKN-(\d{4})-(\d{5,})$")


def build_code(year: int, number: int) -> str:
    return f"PAKN-{year}-{number:05d}"


def parse_code(text: str) -> tuple[int, int] | None:
    """(year, number) of a code typed in any case and with spaces, else None."""
    match = CODE_RE.match(text.strip().upper())
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))
