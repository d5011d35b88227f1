"""SQLite backend: FTS5 over the folded columns and the keys (stack.md §3.2).

``core_searchentry_fts`` (migration ``core.0002_search``) is an external-content
FTS5 table, rowid = entry id, over ``folded`` and ``attrs``, the keys of
:mod:`congso.core.search.base` written by the triggers (text values in hex, so
any value is one token). A query is an FTS5 expression of double-quoted
words and phrases only — no user character is ever read as FTS syntax — AND the
keys: ``("quyet" "dinh") AND attrs : ("_a1" OR "_a2") AND attrs : "_m202511"``.

FTS5's ``bm25()`` is not used: its IDF counts every row holding each query term
before the first result, whatever the LIMIT (15–100 ms per query for common
words at a million entries, measured). The window is ranked by
:func:`congso.core.search.query.text_rank` on both backends instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Scope, SearchBackend
from congso.core.search.query import ParsedQuery


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: ParsedQuery, groups: Sequence[Sequence[str]]) -> str:
    """The FTS5 MATCH text: every term and phrase double-quoted (implicit AND),
    and one key of each group on the ``attrs`` column."""
    words = [_quoted(t) for t in query.terms]
    words += [_quoted(" ".join(p)) for p in query.phrases]
    parts = [f"({' '.join(words)})"] if words else []
    parts += ["attrs : (" + " OR ".join(map(_quoted, g)) + ")" for g in groups]
    return " AND ".join(parts)


class SqliteBackend(SearchBackend):
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return self.json_list(column, values)

    def key(self, prefix: str, value: str) -> str:
        return prefix + value.encode().hex()

    def match_ids(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        groups: Sequence[Sequence[str]],
        scope: Scope,
        size: int,
    ) -> list[int]:
        match = match_expression(query, groups)
        if not match:
            return self.listing(cursor, scope, size, 0)
        where, params = self.where(scope)
        cursor.execute(
            "SELECT e.id FROM core_searchentry_fts"  # noqa: S608  # fixed SQL
            " JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid"
            f" WHERE core_searchentry_fts MATCH %s AND {where}"
            " ORDER BY e.doc_date DESC, e.id DESC LIMIT %s",
            [match, *params, size],
        )
        return [int(r[0]) for r in cursor.fetchall()]

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
