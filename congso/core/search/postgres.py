"""PostgreSQL backend: one ``tsvector`` per entry with a GIN index.

``search_vector`` (migration ``core.0002_search``, kept by the trigger
``core_search_vector``) is a bag of lexemes without positions: the words of
``folded`` (words joined by single spaces, :func:`congso.core.search.query.
index_text`, so PostgreSQL sees exactly the words SQLite sees), every pair of
adjacent words (``'khai sinh'``), and the keys of :mod:`congso.core.search.base`
(scope, filters, periods).

Why: GIN finds matches but cannot hand them back newest first, and anything
checked row by row reads the row's ``tsvector`` from TOAST (30 µs a row,
measured). Walking the primary key backwards cost 150 ms for a word in 20 % of a
million entries; taking every GIN match and sorting cost seconds; a phrase
(``<->``) re-read positions for every candidate. With the keys and pairs in the
``tsquery``, GIN alone keeps only matches of the scope and the period (skipping
through the frequent lists: "rare & frequent"), no candidate needs re-checking
against its ``tsvector``, and phrases of three words or more are confirmed with a
``LIKE`` on the (inline) folded text of the few entries holding all their pairs.

A query is a ``tsquery`` of quoted lexemes built here (``'quyet' & 'dinh' &
'khai sinh' & ('_a1' | '_a2') & '_m202511'``), never user text.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Scope, SearchBackend
from congso.core.search.query import ParsedQuery


def lexeme(value: str) -> str:
    """A quoted ``tsquery`` lexeme."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: ParsedQuery, groups: Sequence[Sequence[str]] = ()) -> str:
    """Words, the adjacent pairs of each phrase, and one key of each group. No
    phrase operator: ``<->`` makes PostgreSQL re-read each candidate's positions
    from TOAST; the pairs are exact for two-word phrases, and longer phrases are
    checked on the folded text (:func:`phrase_patterns`)."""
    parts = [lexeme(t) for t in query.terms]
    parts += [lexeme(f"{a} {b}") for p in query.phrases for a, b in pairwise(p)]
    parts += ["(" + " | ".join(lexeme(k) for k in g) + ")" for g in groups]
    return " & ".join(parts)


def phrase_patterns(query: ParsedQuery) -> list[str]:
    """``LIKE`` patterns of the phrases of three words or more (the words are
    letters and digits: no ``%`` or ``_`` to escape)."""
    return ["% " + " ".join(p) + " %" for p in query.phrases if len(p) > 2]


class PostgresBackend(SearchBackend):
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(%s)", [list(values)]

    def key(self, prefix: str, value: str) -> str:
        return prefix + value

    def match_ids(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        groups: Sequence[Sequence[str]],
        scope: Scope,
        size: int,
    ) -> list[int]:
        q = tsquery(query, groups)
        if not q:
            return self.listing(cursor, scope, size, 0)
        where, params = self.where(scope, bare=True)
        for pattern in phrase_patterns(query):
            where += " AND (' ' || e.folded || ' ') LIKE %s"
            params.append(pattern)
        # Through GIN only: with a LIMIT the planner may prefer walking an index
        # in order and checking every row, or a sequential scan when it
        # over-estimates the matches (see the module docstring). The settings are
        # transaction-local (one server connection, also behind a pooler) and
        # put back before the caller's next statement.
        with transaction.atomic(using=self.connection.alias):
            cursor.execute(
                "SELECT current_setting('enable_seqscan'),"
                " current_setting('enable_indexscan'),"
                " set_config('enable_seqscan', 'off', true),"
                " set_config('enable_indexscan', 'off', true)"
            )
            seqscan, indexscan = cursor.fetchone()[:2]
            cursor.execute(
                "SELECT e.id FROM core_searchentry e"  # noqa: S608  # fixed SQL
                f" WHERE e.search_vector @@ %s::tsquery AND {where}"
                " ORDER BY e.doc_date DESC NULLS LAST, e.id DESC LIMIT %s",
                [q, *params, size],
            )
            ids = [int(r[0]) for r in cursor.fetchall()]
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true),"
                " set_config('enable_indexscan', %s, true)",
                [seqscan, indexscan],
            )
        return ids

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
