"""The interface of the search backends and the SQL both share.

A backend answers four reads over ``core_searchentry`` (alias ``e``), all scoped
by a :class:`Scope`: the text window (the newest matches of a query, with their
text rank), the exact number/symbol matches, the newest-first listing, and the
restricted ids of an allow-list. :mod:`.sqlite` and :mod:`.postgres` implement the
vendor parts; :func:`backend_for` picks one by ``connection.vendor``.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from congso.core.search.query import ParsedQuery

#: Columns of a hit's details, in :class:`Row` order.
DETAILS = (
    "e.id, e.object_type, e.object_id, e.title, e.issuer, e.kind, e.status,"
    " e.number, e.doc_date, e.body"
)
#: Lists longer than this go to the database as one JSON/array parameter.
_INLINE_MAX = 200


@dataclass(frozen=True)
class Scope:
    """Who may see what, and the caller's filters. ``allowed_ids``: ids of the
    restricted entries of the caller's allow-list (see ``restricted_ids``)."""

    agency_ids: tuple[int, ...]
    allowed_ids: tuple[int, ...] = ()
    object_types: tuple[str, ...] | None = None
    kind: str | None = None
    status: str | None = None
    issuer_folded: str | None = None
    date_from: date | None = None
    date_to: date | None = None


class Candidate(NamedTuple):
    """A match before ranking: id, text rank (higher is better; 0 for a match by
    number only), date, and title and issuer when the ranking compares accents."""

    id: int
    rank: float
    doc_date: date | None
    title: str = ""
    issuer: str = ""


@dataclass(frozen=True)
class Row:
    """What a hit shows, read for one page of hits only."""

    id: int
    object_type: str
    object_id: str
    title: str
    issuer: str
    kind: str
    status: str
    number: str
    doc_date: date | None
    body: str


class SearchBackend(ABC):
    """Vendor-specific reads; everything else is shared."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # -- vendor parts ---------------------------------------------------------------

    @abstractmethod
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """SQL for "``column`` is one of ``values``" (``values`` not empty)."""

    @abstractmethod
    def text_window(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        scope: Scope,
        size: int,
        *,
        texts: bool,
    ) -> list[Candidate]:
        """The newest ``size`` entries (by id) in scope matching every term and
        phrase of ``query``, each with its text rank (higher is better, title
        words weigh more than body words); with ``texts``, their title and
        issuer. Order of the result: any."""

    @abstractmethod
    def listing(
        self, cursor: CursorWrapper, scope: Scope, limit: int, offset: int
    ) -> list[int]:
        """Ids of entries in scope, newest date first (no date last), then newest
        id."""

    @abstractmethod
    def restricted_ids(
        self, cursor: CursorWrapper, pairs: Sequence[tuple[str, str]]
    ) -> list[int]:
        """Ids of the restricted entries named by ``(object_type, object_id)``."""

    # -- shared ---------------------------------------------------------------------

    def json_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column IN (…)`` with inline placeholders for short lists; long lists
        as one JSON parameter (SQLite's ``json_each``)."""
        if len(values) <= _INLINE_MAX:
            marks = ", ".join(["%s"] * len(values))
            return f"{column} IN ({marks})", list(values)
        sql = f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608  # a column name
        return sql, [json.dumps(values)]

    def where(self, scope: Scope) -> tuple[str, list[Any]]:
        """The scope as SQL over alias ``e``: agency, restricted, filters."""
        agency_sql, params = self.in_list("e.agency_id", scope.agency_ids)
        parts = [agency_sql]
        if scope.allowed_ids:
            allowed_sql, allowed = self.in_list("e.id", scope.allowed_ids)
            parts.append(f"(e.restricted = %s OR {allowed_sql})")
            params += [False, *allowed]
        else:
            parts.append("e.restricted = %s")
            params.append(False)
        if scope.object_types is not None:
            types_sql, types = self.in_list("e.object_type", scope.object_types)
            parts.append(types_sql)
            params += types
        adapt = self.connection.ops.adapt_datefield_value
        for sql, value in (
            ("e.kind = %s", scope.kind),
            ("e.status = %s", scope.status),
            ("e.issuer_folded = %s", scope.issuer_folded),
            ("e.doc_date >= %s", adapt(scope.date_from)),
            ("e.doc_date <= %s", adapt(scope.date_to)),
        ):
            if value is not None:
                parts.append(sql)
                params.append(value)
        return " AND ".join(parts), params

    def by_number(
        self, cursor: CursorWrapper, keys: Collection[str], scope: Scope, size: int
    ) -> list[Candidate]:
        """Entries in scope whose number key is one of ``keys``, newest first."""
        where, params = self.where(scope)
        keys_sql, key_params = self.in_list("e.number_key", list(keys))
        cursor.execute(
            "SELECT e.id, 0.0, e.doc_date, e.title, e.issuer"  # noqa: S608  # fixed SQL
            f" FROM core_searchentry e WHERE {keys_sql} AND {where}"
            " ORDER BY e.id DESC LIMIT %s",
            [*key_params, *params, size],
        )
        return [self.candidate(r) for r in cursor.fetchall()]

    def count(self, cursor: CursorWrapper, scope: Scope, cap: int) -> int:
        """How many entries are in scope, counting at most ``cap + 1``."""
        where, params = self.where(scope)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM core_searchentry e"  # noqa: S608
            f" WHERE {where} LIMIT %s) t",
            [*params, cap + 1],
        )
        return int(cursor.fetchone()[0])

    def details(self, cursor: CursorWrapper, ids: Sequence[int]) -> dict[int, Row]:
        """What the hits ``ids`` (one page) show, bodies included."""
        if not ids:
            return {}
        ids_sql, params = self.in_list("e.id", ids)
        cursor.execute(
            f"SELECT {DETAILS} FROM core_searchentry e WHERE {ids_sql}",  # noqa: S608
            params,
        )
        rows = (
            Row(
                id=v[0],
                object_type=v[1],
                object_id=v[2],
                title=v[3],
                issuer=v[4],
                kind=v[5],
                status=v[6],
                number=v[7],
                doc_date=_date(v[8]),
                body=v[9],
            )
            for v in cursor.fetchall()
        )
        return {row.id: row for row in rows}

    @staticmethod
    def candidate(values: Sequence[Any]) -> Candidate:
        """A :class:`Candidate` from ``id, rank, doc_date[, title, issuer]``."""
        return Candidate(
            values[0], float(values[1] or 0.0), _date(values[2]), *values[3:]
        )


def _date(value: date | str | None) -> date | None:
    """SQLite hands back a date as text when it comes from an expression."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def months(first: date | None, last: date | None, most: int) -> list[str]:
    """``yyyymm`` of the months of a closed date range; [] when open or longer
    than ``most`` months (then the dates are checked on rows only)."""
    if first is None or last is None:
        return []
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    if count > most:
        return []
    found, year, month = [], first.year, first.month
    for _ in range(count):
        found.append(f"{year:04d}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def backend_for(connection: BaseDatabaseWrapper) -> SearchBackend:
    """The backend of ``connection``'s database."""
    if connection.vendor == "postgresql":
        from congso.core.search.postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from congso.core.search.sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise NotImplementedError(f"no search backend for {connection.vendor}")
