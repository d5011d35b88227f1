"""Highlighted fragments of the original (accented) text, safe to render.

Matching runs on the folded text, whose characters are those of the NFC text one
for one (:func:`congso.core.search.query.fold`), so a match at folded offsets
``[a, b)`` is the original ``text[a:b]``. Every piece of the original goes through
``escape`` and only ``<mark>`` is added, so the result is safe HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congso.core.search.query import fold
from congso.core.text import nfc

_ELLIPSIS = "…"


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def highlight(
    text: str, words: Sequence[str], *, width: int | None = None
) -> SafeString:
    """``text`` HTML-escaped with every whole-word occurrence of the folded
    ``words`` wrapped in ``<mark>``. With ``width``, only a fragment of about
    ``width`` characters around the first occurrence (or the start of the text),
    cut at spaces, with "…" where it was cut."""
    text = nfc(text)
    start, end = 0, len(text)
    found: list[re.Match[str]] = []
    if words:
        pattern = _pattern(tuple(words))
        folded = fold(text)
        if width is None:
            found = list(pattern.finditer(folded))
        else:
            first = pattern.search(folded)
            if first is not None:
                start = _cut(text, max(0, first.start() - width // 4), back=True)
            end = _cut(text, min(len(text), start + width), back=False)
            found = list(pattern.finditer(folded, start, end))
    elif width is not None:
        end = _cut(text, min(len(text), width), back=False)
    pieces: list[str] = [_ELLIPSIS] if start > 0 else []
    position = start
    for match in found:
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append(_ELLIPSIS)
    return mark_safe("".join(pieces))  # noqa: S308  # every piece escaped above


def _cut(text: str, index: int, *, back: bool) -> int:
    """``index`` moved to a space (backwards or forwards, at most 20 characters),
    so a fragment does not start or end inside a word."""
    if index <= 0 or index >= len(text):
        return max(0, min(index, len(text)))
    if back:
        space = text.rfind(" ", max(0, index - 20), index)
        return space + 1 if space >= 0 else index
    space = text.find(" ", index, index + 20)
    return space if space >= 0 else index
