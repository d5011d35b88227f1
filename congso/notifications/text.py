"""SMS text: Vietnamese folded to GSM-7 and counted in segments. Pure functions.

**Choice.** SMS bodies are sent **without Vietnamese marks** but with their
capitalisation ("Ho so ... da duoc tiep nhan"). With marks, a message needs UCS-2:
70 characters a segment instead of 160, so a typical notice costs three segments
instead of one; Vietnamese brandname gateways commonly send unaccented text for
this reason, and readers are used to it. E-mail and Zalo keep full Vietnamese."""

from __future__ import annotations

import unicodedata

#: The GSM 03.38 basic character set (one septet each).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The extension table (an escape septet plus one: two septets each).
GSM7_EXTENSION = frozenset("^{}\\[~]|€")
SINGLE_SEGMENT = 160
MULTI_SEGMENT = 153

_REPLACE = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "–": "-",
        "—": "-",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
        "\u00a0": " ",
        "\t": " ",
    }
)


def sms_fold(text: str) -> str:
    """Vietnamese text as GSM-7 without marks, keeping capitals:
    ``"Hồ sơ ĐÃ được tiếp nhận"`` → ``"Ho so DA duoc tiep nhan"``. Characters GSM-7
    cannot carry become ``?``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_REPLACE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(
        ch if ch in GSM7_BASIC or ch in GSM7_EXTENSION else "?" for ch in stripped
    )


def gsm7_length(text: str) -> int:
    """Septets needed for ``text`` (extension characters count two)."""
    return sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)


def sms_segments(text: str) -> int:
    """Segments a GSM-7 message takes: 1 up to 160 septets, else 153 a part."""
    length = gsm7_length(text)
    if length <= SINGLE_SEGMENT:
        return 1
    return -(-length // MULTI_SEGMENT)
