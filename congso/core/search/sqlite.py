"""SQLite backend: FTS5 over the folded columns (stack.md §3.2).

``core_searchentry_fts`` is an external-content FTS5 table over ``title_folded``
and ``folded`` (migration ``core.0002_search``), rowid = entry id. A query is an
FTS5 expression of double-quoted words and phrases only (``"quyet" "dinh"
"khai sinh"``), so no user character is ever read as FTS syntax.

Ranking is ``bm25`` with the title column weighing :data:`TITLE_WEIGHT` times the
other (title words are in both columns, so a title hit also counts once as text).
FTS5 walks matches in descending rowid order and stops at the window size, so the
cost is bounded by the window, not by the number of matches (a word found in 70 %
of a million entries costs about as much as a rare one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Candidate, Scope, SearchBackend
from congso.core.search.query import ParsedQuery

TITLE_WEIGHT: Final = 4.0


def match_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH text: every term and phrase double-quoted (implicit AND)."""
    parts = [*query.terms, *(" ".join(p) for p in query.phrases)]
    return " ".join('"' + part.replace('"', '""') + '"' for part in parts)


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
            "SELECT e.id, -bm25(core_searchentry_fts, %s, 1.0), e.doc_date"  # noqa: S608
            f"{extra} FROM core_searchentry_fts"
            " JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid"
            f" WHERE core_searchentry_fts MATCH %s AND {where}"
            " ORDER BY core_searchentry_fts.rowid DESC LIMIT %s",
            [TITLE_WEIGHT, match_expression(query), *params, size],
        )
        return [self.candidate(r) for r in cursor.fetchall()]

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
