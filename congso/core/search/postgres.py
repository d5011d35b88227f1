"""PostgreSQL backend: ``tsvector`` over the folded columns with a GIN index.

``search_vector`` (migration ``core.0002_search``) is a stored generated column:
``setweight(to_tsvector('simple', title_folded), 'A') ||
setweight(to_tsvector('simple', folded), 'B')``. The folded columns hold words
joined by single spaces (:func:`congso.core.search.query.index_text`), so the
``simple`` configuration sees exactly the words SQLite sees; the query is a
``tsquery`` of quoted lexemes built here (``'quyet' & 'dinh' & ('khai' <->
'sinh')``), never user text.

Ranking is ``ts_rank`` with normalisation 1 (divided by 1 + log of the length),
title (A) weighing 1.0 and the rest (B) 0.4, computed only for the rows of the
window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from congso.core.search.base import Candidate, Scope, SearchBackend
from congso.core.search.query import ParsedQuery


def tsquery(query: ParsedQuery) -> str:
    """The ``tsquery`` text: quoted lexemes, ``&`` between parts, ``<->`` in
    phrases. Words are letters and digits only; quotes are escaped anyway."""

    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    parts = [lexeme(t) for t in query.terms]
    parts += ["(" + " <-> ".join(lexeme(w) for w in p) + ")" for p in query.phrases]
    return " & ".join(parts)


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
        q = tsquery(query)
        extra = ", e.title, e.issuer" if texts else ""
        cursor.execute(
            "WITH c AS MATERIALIZED ("  # noqa: S608  # fixed SQL, values as params
            " SELECT e.id FROM core_searchentry e"
            f" WHERE e.search_vector @@ %s::tsquery AND {where}"
            " ORDER BY e.id DESC LIMIT %s)"
            " SELECT e.id, ts_rank(e.search_vector, %s::tsquery, 1), e.doc_date"
            f"{extra} FROM c JOIN core_searchentry e ON e.id = c.id",
            [q, *params, size, q],
        )
        return [self.candidate(r) for r in cursor.fetchall()]

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
