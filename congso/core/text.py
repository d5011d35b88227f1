"""Vietnamese text helpers (pure): NFC normalisation, đ-aware folding for search,
amounts in words in the accounting style and the Decree 30 date. See shared domain
notes, vietnamese-text.md."""

from __future__ import annotations

import unicodedata
from datetime import date

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", " nghìn", " triệu", " tỷ"]


def nfc(text: str) -> str:
    """The NFC form of ``text`` (input from keyboards and PDFs is often NFD)."""
    return unicodedata.normalize("NFC", text)


def fold_vi(text: str) -> str:
    """Lower-case, strip tone and vowel marks, map đ → d: "Quyết Định" → "quyet dinh".

    ``unicodedata`` alone leaves đ/Đ untouched (they are base letters, not marks)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def mask_name(name: str) -> str:
    """A person's name as public pages show it: every word but the first cut to
    its initial ("Nguyễn Văn An" → "Nguyễn V** A*"); a one-word name keeps only
    its initial."""
    words = nfc(name).split()
    masked = [word[0] + "*" * (len(word) - 1) for word in words]
    if len(words) > 1:
        masked[0] = words[0]
    return " ".join(masked)


def _three(n: int, *, full: bool) -> str:
    """Words for 0 < n < 1000; ``full`` spells leading "không trăm" (inner groups)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0 and units:
        if hundreds or full:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    elif tens > 1:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5 and tens > 0:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(amount: int, *, currency: str = "đồng") -> str:
    """Vietnamese words for a non-negative whole amount, accounting style:
    1014 → "Một nghìn không trăm mười bốn đồng." (num2words gets this wrong)."""
    if not 0 <= amount < 10**18:
        raise ValueError("amount must be between 0 and 10^18 - 1")
    if amount == 0:
        return f"Không {currency}."
    groups: list[int] = []  # groups of three digits, least significant first
    n = amount
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group, level = groups[index], index % 3
        if group:
            inner = index != len(groups) - 1
            words.append(_three(group, full=inner) + _GROUPS[level])
        # "tỷ" closes a block of three groups (…, nghìn tỷ, triệu tỷ) that is not empty
        if level == 0 and index >= 3 and any(groups[index : index + 3]):
            words.append("tỷ")
    text = " ".join(" ".join(words).split())
    return f"{text[0].upper()}{text[1:]} {currency}."


def decree30_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 zero-padded,
    months 3–12 not (NĐ 30/2020 Phụ lục I); "ngày 15 tháng 11 năm 2026"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
