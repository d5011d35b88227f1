"""Pure text handling of the search index: folding, tokens, the number/symbol key
and the query parser (vietnamese-text.md §2, §10; stack.md §3.2).

One tokenisation serves both databases: the index stores folded words joined by
single spaces (:func:`index_text`), and queries are built from the same words
(:func:`parse_query`). SQLite's ``unicode61`` and PostgreSQL's ``simple``
configuration both split such text at the spaces only, so both backends see the
same words — PostgreSQL's parser would otherwise read ``05/QĐ-UBND`` as a file path
``05/q`` and a hyphenated word ``đ-ubnd``, and ``ubnd.gov.vn`` as one host name.

User input never reaches FTS syntax: a query is reduced to folded words made of
letters and digits, which the backends quote themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from congso.core.text import fold_vi, nfc

#: Longest query text considered (characters); the rest is ignored.
MAX_QUERY_CHARS: Final = 500
#: Most terms and phrases in one query (each costs a posting-list walk).
MAX_QUERY_PARTS: Final = 8
#: Ranking (:func:`text_rank`): a title word counts this many times a body word.
TITLE_WEIGHT: Final = 4.0
_K1, _B, _AVERAGE_WORDS = 1.2, 0.75, 150.0
#: Words indexed per entry. PostgreSQL keeps word positions up to 16,383 only
#: (phrase queries beyond it would misbehave), so both backends index the same
#: first words; the stored body stays whole.
MAX_INDEXED_WORDS: Final = 16_000

_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»＂", '"'))
_SLASHES = str.maketrans(dict.fromkeys("／∕⁄\\", "/"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣－_", "-"))
_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^(?:so|no|number)\s*[.:]?\s*(?=[0-9])")
_LEADING_ZEROS = re.compile(r"(?<![0-9a-z])0+(?=[0-9])")
_EDGE = re.compile(r"^[^0-9a-z]+|[^0-9a-z]+$")
_LABEL_WORDS = frozenset({"so", "no"})
_SEPARATORS = frozenset("/／∕⁄\\-‐‑‒–—―−﹣－")


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding one character at a time with
    :func:`congso.core.text.fold_vi`, filled on first sight of each character.

    Three times faster than ``fold_vi`` on whole bodies (37 µs instead of 110 µs
    per kilobyte, measured), which matters for long OCR text and for the snippets.
    It keeps the length: a character whose fold is not one character (outside
    Vietnamese, e.g. Hangul syllables) is only lower-cased, or kept, so offsets in
    the folded text are offsets in the original (NFC) text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_vi(char)
        if len(folded) != 1:
            lower = char.lower()
            folded = lower if len(lower) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``fold_vi`` of the NFC form, one character for one character."""
    return nfc(text).translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words (letters and digits) of ``text``: "Số 05/QĐ-UBND" →
    ``["so", "05", "qd", "ubnd"]``."""
    return _WORD.findall(fold(text))


def index_text(*parts: str) -> str:
    """What the full-text index stores for ``parts``: their folded words joined by
    single spaces, at most :data:`MAX_INDEXED_WORDS` words."""
    found: list[str] = []
    for part in parts:
        found.extend(words(part))
        if len(found) >= MAX_INDEXED_WORDS:
            break
    return " ".join(found[:MAX_INDEXED_WORDS])


def issuer_key(issuer: str) -> str:
    """The filter key of an issuer name: folded, single spaces ("UBND xã Phong
    Điền" and "ubnd xa  phong dien" are one issuer)."""
    return " ".join(fold(issuer).split())[:255]


def number_key(text: str) -> str:
    """The exact-lookup key of a document number and symbol (số, ký hiệu).

    Folded (đ → d, no marks), upper-case, without spaces or a leading "Số:" label,
    with one kind of slash and dash, and without leading zeros in numbers that
    start a segment: documents print numbers below 10 zero-padded ("05/QĐ-UBND"),
    people type "5/QĐ-UBND", and both mean the same document. So
    ``"Số: 05/QĐ-UBND"``, ``"05/qd-ubnd"``, ``"5 / QĐ – UBND"`` → ``"5/QD-UBND"``;
    ``"12/2024/NĐ-CP"`` → ``"12/2024/ND-CP"``. Digits glued to letters keep their
    zeros (``"QĐ01"``). Returns "" for text without a letter or digit."""
    key = fold(text).translate(_SLASHES).translate(_DASHES).strip()
    key = _SPACE.sub("", _LABEL.sub("", key))
    key = _EDGE.sub("", key)
    key = _LEADING_ZEROS.sub("", key)
    return key.upper()


def looks_like_number(chunk: str) -> bool:
    """A chunk of user input that may be a number and symbol: a digit and a
    slash ("05/QĐ-UBND", "12/2024/NĐ-CP")."""
    normal = chunk.translate(_SLASHES)
    return "/" in normal and any(c.isdigit() for c in normal)


@dataclass(frozen=True)
class ParsedQuery:
    """A query reduced to what the backends may use.

    ``number_keys``: exact number/symbol keys (:func:`number_key`) of the chunks
    that look like one. ``terms``: folded single words. ``phrases``: folded words
    that must be adjacent, in order (a quoted part, or a chunk such as
    "giấy-phép" or "05/QĐ-UBND" that splits into several words). Every term and
    phrase must match (AND). ``exact_words``: the accented words typed (NFC,
    lower-case), used to rank exact-diacritic matches first ("bán" before
    "bạn")."""

    number_keys: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    exact_words: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def is_empty(self) -> bool:
        return not (self.has_text or self.number_keys)

    @property
    def all_words(self) -> tuple[str, ...]:
        """Every folded word of the terms and phrases (for highlighting)."""
        seen = dict.fromkeys(self.terms)
        for phrase in self.phrases:
            seen.update(dict.fromkeys(phrase))
        return tuple(seen)


def parse_query(text: str) -> ParsedQuery:
    """Parse search input. Never fails: any text gives a (possibly empty) query.

    - ``"…"`` (straight or typographic quotes) is a phrase; an unpaired quote is
      ignored.
    - Outside quotes, input is split at white space into chunks. A chunk with a
      digit and a slash is a number/symbol: it gives an exact key and also the
      phrase of its words (so mentions in other documents' text are found). A
      chunk of several words ("giay-phep", "ho,so") is a phrase, a chunk of one
      word a term; a "số"/"so" label before a number is dropped.
    - Everything else (``*``, ``:``, parentheses, ``NEAR``, ``AND`` …) is either
      a separator or an ordinary word: no FTS operator is ever interpreted.
    """
    text = nfc(text[:MAX_QUERY_CHARS]).translate(_QUOTES)
    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # an unpaired quote: glue its text to the outside
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    keys: dict[str, None] = {}
    terms: dict[str, None] = {}
    phrases: dict[tuple[str, ...], None] = {}

    def add(found: list[str]) -> None:
        if len(found) == 1:
            terms[found[0]] = None
        elif found:
            phrases[tuple(found)] = None

    for index, piece in enumerate(pieces):
        if index % 2:  # inside quotes
            add(words(piece))
            continue
        chunks = _join_symbols(piece.split())
        for position, chunk in enumerate(chunks):
            if looks_like_number(chunk):
                key = number_key(chunk)
                if key:
                    keys[key] = None
                add(words(chunk))
                continue
            found = words(chunk)
            following = chunks[position + 1] if position + 1 < len(chunks) else ""
            if (
                len(found) == 1
                and found[0] in _LABEL_WORDS
                and looks_like_number(following)
            ):
                continue
            add(found)
    for phrase in phrases:  # a word inside a phrase needs no term of its own
        for word in phrase:
            terms.pop(word, None)
    parts = [*((p,) for p in terms), *phrases]
    kept = parts[:MAX_QUERY_PARTS]
    exact = {word: None for word in _WORD.findall(text.lower()) if fold(word) != word}
    return ParsedQuery(
        number_keys=tuple(keys),
        terms=tuple(p[0] for p in kept if len(p) == 1 and p[0] in terms),
        phrases=tuple(p for p in kept if p in phrases),
        exact_words=tuple(exact),
    )


def _join_symbols(chunks: list[str]) -> list[str]:
    """Glue chunks split around a slash or dash when digits are involved, so
    "5 / QĐ - UBND" is read as the number "5/QĐ-UBND" (but "Huế - Đà Nẵng" stays
    two chunks)."""
    joined: list[str] = []
    for chunk in chunks:
        if joined:
            last = joined[-1]
            edge = last[-1] in _SEPARATORS or chunk[0] in _SEPARATORS
            if edge and any(c.isdigit() for c in last + chunk):
                joined[-1] = last + chunk
                continue
        joined.append(chunk)
    return joined


def exact_counter(query: ParsedQuery) -> Callable[[str], int] | None:
    """A function counting how many of the query's accented words occur, accents
    and all, as whole words (any case) in an NFC text; None when the query has no
    accented word. (Substring search plus a boundary check: four times faster
    than a regular expression, and it runs on every candidate.)"""
    if not query.exact_words:
        return None
    wanted = query.exact_words

    def count(text: str) -> int:
        low, found = text.lower(), 0
        for word in wanted:
            at = low.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not low[at - 1].isalnum()) and (
                    end == len(low) or not low[end].isalnum()
                ):
                    found += 1
                    break
                at = low.find(word, at + 1)
        return found

    return count


def ranker(query: ParsedQuery) -> Callable[[str, str], float]:
    """The text rank for ``query`` of an entry's folded title and folded text
    (:func:`index_text`); higher is better.

    BM25 without IDF: each term or phrase counts its occurrences (a title one
    :data:`TITLE_WEIGHT` times), saturated and normalised by length. No IDF:
    every candidate holds every term, and counting each term's documents is what
    makes FTS5's ``bm25()`` slow (see :mod:`congso.core.search.sqlite`). Both
    backends rank the window with it, so the order is the same on SQLite and
    PostgreSQL. (A word repeated right after itself is counted once.)"""
    needles = [
        " " + " ".join(p) + " " for p in (*((t,) for t in query.terms), *query.phrases)
    ]
    k1, b, average = _K1, _B, _AVERAGE_WORDS

    def rank(title_folded: str, folded: str) -> float:
        title, text = f" {title_folded} ", f" {folded} "
        norm = k1 * (1 - b + b * text.count(" ") / average)
        score = 0.0
        for needle in needles:
            frequency = TITLE_WEIGHT * title.count(needle) + text.count(needle)
            score += frequency * (k1 + 1) / (frequency + norm)
        return score

    return rank
