"""PostgreSQL backend: one ``tsvector`` per entry with a GIN index.

``search_vector`` (migration ``core.0002_search``, kept by the trigger
``core_search_vector``) holds:

- the words of ``title_folded`` (weight A) and ``folded`` (weight B) with their
  positions, through the ``simple`` configuration: the folded columns are words
  joined by single spaces (:func:`congso.core.search.query.index_text`), so
  PostgreSQL sees exactly the words SQLite sees;
- every pair of adjacent words (``'khai sinh'``), so that a phrase is found in the
  index instead of by reading the positions of every entry holding its words;
- keys of the scope and the filters: ``_a<agency>``, ``_r0``/``_r1``,
  ``_t<object type>``, ``_k<kind>``, ``_s<status>``, ``_i<issuer>``,
  ``_m<yyyymm>``, and ``_b<id // BUCKET>``, the recency bucket.

Why: GIN finds matches but cannot hand them back newest first, and checking
``@@`` row by row costs a TOAST read per row (30 µs measured), so neither "walk
the primary key backwards" (a term in 20 % of entries: 150 ms) nor "take every
GIN match and sort" (a phrase of common words: seconds) holds for a million
entries. With the keys in the query, GIN itself keeps only matches in scope,
filtered, and in the newest buckets: the window query asks the newest 2, 8, 32
buckets, then all, and stops at the first step holding a full window. Rows read
from the table are then (nearly) only real candidates, whatever the query.

A query is a ``tsquery`` of quoted lexemes built here (``'quyet' & 'dinh' &
('khai' <-> 'sinh') & 'khai sinh'``), never user text. Ranking is ``ts_rank``
with normalisation 1 (divided by 1 + log of the length), title (A) 1.0, the rest
(B) 0.4, computed for the window's rows only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, Final

from django.db import DatabaseError
from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Candidate, Scope, SearchBackend, months
from congso.core.search.query import ParsedQuery, text_rank

#: Ids per recency bucket; the trigger in migration 0002_search uses the same.
BUCKET: Final = 16_384
#: Buckets asked, newest first, before the whole index.
STEPS: Final = (2, 8, 32)
#: Longest lists put into the index query (longer ones are checked on rows only).
MAX_KEYS: Final = 100
#: Longest date range (months) put into the index query.
MAX_MONTHS: Final = 36
#: Characters of folded text ranked per candidate.
RANKED_CHARS: Final = 20_000


def lexeme(value: str) -> str:
    """A quoted ``tsquery`` lexeme."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: ParsedQuery) -> str:
    """The words and phrases: ``'a' & ('b' <-> 'c')`` (for ranking)."""
    parts = [lexeme(t) for t in query.terms]
    parts += ["(" + " <-> ".join(lexeme(w) for w in p) + ")" for p in query.phrases]
    return " & ".join(parts)


def index_query(query: ParsedQuery, scope: Scope) -> str:
    """:func:`tsquery` plus the adjacent pairs of each phrase and the keys of
    the scope and filters (all also checked on the rows: the keys only prune)."""
    parts = [tsquery(query)]
    parts += [lexeme(f"{a} {b}") for p in query.phrases for a, b in pairwise(p)]
    parts += [_any("_a", scope.agency_ids)]
    if not scope.allowed_ids:
        parts.append(lexeme("_r0"))
    if scope.object_types is not None:
        parts.append(_any("_t", scope.object_types))
    for prefix, value in (
        ("_k", scope.kind),
        ("_s", scope.status),
        ("_i", scope.issuer_folded),
    ):
        if value is not None:
            parts.append(lexeme(prefix + value))
    parts.append(_any("_m", months(scope.date_from, scope.date_to, MAX_MONTHS)))
    return " & ".join(p for p in parts if p)


def _any(prefix: str, values: Sequence[object]) -> str:
    if not values or len(values) > MAX_KEYS:
        return ""
    return "(" + " | ".join(lexeme(f"{prefix}{v}") for v in values) + ")"


class PostgresBackend(SearchBackend):
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(%s)", [list(values)]

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
        gin = index_query(query, scope)
        cursor.execute("SELECT max(id) FROM core_searchentry")
        newest = (cursor.fetchone()[0] or 0) // BUCKET
        ids: list[int] = []
        for span in (*STEPS, None):
            if span is not None and span > newest:
                continue  # a small index: ask it whole
            recent = ""
            if span is not None:
                buckets = range(newest - span + 1, newest + 1)
                recent = " & (" + " | ".join(lexeme(f"_b{b}") for b in buckets) + ")"
            ids = self._matches(cursor, gin + recent, where, params, size)
            if len(ids) >= size:
                break
        if not ids:
            return []
        extra = ", e.title, e.issuer" if texts else ""
        cursor.execute(
            "SELECT e.id, e.title_folded, substr(e.folded, 1, %s), e.doc_date"  # noqa: S608
            f"{extra} FROM core_searchentry e WHERE e.id = ANY(%s)",
            [RANKED_CHARS, ids],
        )
        return [
            self.candidate((r[0], text_rank(query, r[1], r[2]), *r[3:]))
            for r in cursor.fetchall()
        ]

    def _matches(
        self,
        cursor: CursorWrapper,
        gin: str,
        where: str,
        params: list[Any],
        size: int,
    ) -> list[int]:
        """The newest ``size`` ids matching the index query ``gin`` and the row
        conditions, read through the GIN index only: with a LIMIT, the planner
        may otherwise walk the primary key backwards and check every row (see
        the module docstring), or scan the table when it over-estimates."""
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        try:
            cursor.execute(
                "SELECT e.id FROM core_searchentry e"  # noqa: S608  # fixed SQL
                f" WHERE e.search_vector @@ %s::tsquery AND {where}"
                " ORDER BY e.id DESC LIMIT %s",
                [gin, *params, size],
            )
            return [int(r[0]) for r in cursor.fetchall()]
        finally:  # in an aborted transaction RESET fails, and SET rolls back
            with contextlib.suppress(DatabaseError):
                cursor.execute("RESET enable_seqscan; RESET enable_indexscan")

    def listing(
        self, cursor: CursorWrapper, scope: Scope, limit: int, offset: int
    ) -> list[int]:
        where, params = self.where(scope)
        cursor.execute(
            f"SELECT e.id FROM core_searchentry e WHERE {where}"  # noqa: S608
            " ORDER BY e.doc_date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [int(r[0]) for r in cursor.fetchall()]

    def restricted_ids(
        self, cursor: CursorWrapper, pairs: Sequence[tuple[str, str]]
    ) -> list[int]:
        cursor.execute(
            "SELECT e.id FROM core_searchentry e WHERE e.restricted"
            " AND (e.object_type, e.object_id) IN ("
            "SELECT * FROM unnest(%s::text[], %s::text[]))",
            [[p[0] for p in pairs], [p[1] for p in pairs]],
        )
        return [int(r[0]) for r in cursor.fetchall()]
