"""SQLite backend: FTS5 over the folded columns (stack.md §3.2).

``core_searchentry_fts`` (migration ``core.0002_search``) is an external-content
FTS5 table, rowid = entry id, over ``title_folded``, ``folded`` and ``attrs``: keys
of the scope and filters (``_a<agency>``, ``_r0``/``_r1``, ``_t``/``_k``/``_s``/
``_i`` + the hex of object type, kind, status, issuer, ``_m<yyyymm>``) written by
the triggers. A query is an FTS5 expression of double-quoted words and phrases
only, so no user character is ever read as FTS syntax, AND the keys of its scope
(``"quyet" "dinh" AND attrs : ("_a1" OR "_a2") AND attrs : "_r0"``). FTS5 walks
matches newest rowid first and leapfrogs between the terms' lists, so the window
costs about the same for a rare word, a word in 70 % of entries, or a common word
in a small agency (measured at a million entries: 0.3 ms to 12 ms), and rows are
read from the table for real candidates only.

Ranking is not FTS5's ``bm25()``: its IDF counts every row holding each query term
before the first result (15–100 ms per query for common words at a million
entries, measured), whatever the LIMIT. The window's folded texts are ranked in
Python instead (:func:`congso.core.search.query.text_rank`: term frequency,
title weighing more, length normalised), like PostgreSQL's ``ts_rank``, which has
no IDF either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Candidate, Scope, SearchBackend, months
from congso.core.search.query import ParsedQuery, text_rank

#: Longest lists put into the FTS query (longer ones are checked on rows only).
MAX_KEYS = 100
#: Longest date range (months) put into the FTS query.
MAX_MONTHS = 36
#: Characters of folded text ranked per candidate.
RANKED_CHARS = 20_000


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _hex(value: str) -> str:
    return value.encode().hex()


def match_expression(query: ParsedQuery, scope: Scope | None = None) -> str:
    """The FTS5 MATCH text: every term and phrase double-quoted (implicit AND),
    then the keys of ``scope`` on the ``attrs`` column."""
    parts = [_quoted(t) for t in query.terms]
    parts += [_quoted(" ".join(p)) for p in query.phrases]
    text = " ".join(parts)
    if scope is None:
        return text
    keys = [_any("_a", [str(a) for a in scope.agency_ids])]
    if not scope.allowed_ids:
        keys.append(_quoted("_r0"))
    if scope.object_types is not None:
        keys.append(_any("_t", [_hex(t) for t in scope.object_types]))
    for prefix, value in (
        ("_k", scope.kind),
        ("_s", scope.status),
        ("_i", scope.issuer_folded),
    ):
        if value is not None:
            keys.append(_quoted(prefix + _hex(value)))
    keys.append(_any("_m", months(scope.date_from, scope.date_to, MAX_MONTHS)))
    return " AND ".join([f"({text})", *(f"attrs : {k}" for k in keys if k)])


def _any(prefix: str, values: Sequence[str]) -> str:
    if not values or len(values) > MAX_KEYS:
        return ""
    return "(" + " OR ".join(_quoted(prefix + v) for v in values) + ")"


class SqliteBackend(SearchBackend):
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return self.json_list(column, values)

    def text_window(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        scope: Scope,
        size: int,
        *,
        texts: bool,
    ) -> list[Candidate]:
        where, params = self.where(scope)
        extra = ", e.title, e.issuer" if texts else ""
        cursor.execute(
            "SELECT e.id, e.title_folded, substr(e.folded, 1, %s), e.doc_date"  # noqa: S608
            f"{extra} FROM core_searchentry_fts"
            " JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid"
            f" WHERE core_searchentry_fts MATCH %s AND {where}"
            " ORDER BY core_searchentry_fts.rowid DESC LIMIT %s",
            [RANKED_CHARS, match_expression(query, scope), *params, size],
        )
        return [
            self.candidate((r[0], text_rank(query, r[1], r[2]), *r[3:]))
            for r in cursor.fetchall()
        ]

    def listing(
        self, cursor: CursorWrapper, scope: Scope, limit: int, offset: int
    ) -> list[int]:
        where, params = self.where(scope)
        # SQLite sorts NULL first ascending, so last descending: as PostgreSQL's
        # NULLS LAST, and served by index core_search_newest.
        cursor.execute(
            f"SELECT e.id FROM core_searchentry e WHERE {where}"  # noqa: S608
            " ORDER BY e.doc_date DESC, e.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [int(r[0]) for r in cursor.fetchall()]

    def restricted_ids(
        self, cursor: CursorWrapper, pairs: Sequence[tuple[str, str]]
    ) -> list[int]:
        cursor.execute(
            "SELECT e.id FROM core_searchentry e WHERE e.restricted"
            " AND (e.object_type, e.object_id) IN ("
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
            " FROM json_each(%s))",
            [json.dumps([list(p) for p in pairs])],
        )
        return [int(r[0]) for r in cursor.fetchall()]
