"""The search backends' interface, and what both share: the scope as SQL and as
index keys, and the candidate window, found period by period.

Both full-text indexes also hold **keys** of each entry (migration
``core.0002_search``): ``_a<agency>``, ``_t<object type>``, ``_k<kind>``,
``_s<status>``, ``_i<issuer>`` and the date's ``_m<yyyymm>``, ``_q<yyyyq>``,
``_y<yyyy>``. A query adds the keys of its scope and of one **period** to its
words, so the index (GIN's "rare & frequent" skipping, FTS5's leapfrogging
between lists) only hands back entries that can be returned; rows are then read
for real candidates only. The keys prune; the row conditions (:meth:`where`)
decide.

**The window** is the newest ``size`` matches by date (then id): asked for the
newest two months, then two quarters, two years, then everything, stopping at
the first period holding a full window, and going to "everything" at once when a
period holds less than a quarter of a window. Each step costs about the matches
in its period, so a word in 70 % of entries stops at the first step, and a rare
word costs two cheap index look-ups. Entries without a date, or dated after
today, are only reached by the last step.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from congso.core.search.query import ParsedQuery, ranker

#: Columns of a hit's details, in :class:`Row` order.
DETAILS = (
    "e.id, e.object_type, e.object_id, e.title, e.issuer, e.kind, e.status,"
    " e.number, e.doc_date, e.body"
)
#: Lists longer than this go to SQLite as one JSON parameter.
_INLINE_MAX = 200
#: Longest agency or object-type lists turned into index keys (a long list
#: prunes little and makes every index step slower).
MAX_KEYS: Final = 8
#: A period holding less than ``1/SKIP`` of a window sends the search to the
#: last step at once.
SKIP: Final = 4
#: Characters of folded text ranked per candidate.
RANKED_CHARS: Final = 20_000


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


@dataclass(frozen=True)
class Period:
    """One step of the window: entries dated from ``start`` to the newest date,
    as index keys (any of ``keys``)."""

    keys: tuple[str, ...]
    start: date


class Candidate(NamedTuple):
    """A match before ordering: id, text rank (0 for a match by number only),
    date, and title and issuer when the order compares accents."""

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


def periods(newest: date) -> list[Period]:
    """The window's steps before "everything", from the newest date back: two
    months (so that the first step holds a whole month), two quarters, two
    years."""
    year, before = divmod(newest.year * 12 + newest.month - 2, 12)
    month = Period(
        (f"_m{newest:%Y%m}", f"_m{year}{before + 1:02d}"), date(year, before + 1, 1)
    )
    quarter = (newest.month - 1) // 3
    year, before = divmod(newest.year * 4 + quarter - 1, 4)
    quarters = Period(
        (f"_q{newest.year}{quarter + 1}", f"_q{year}{before + 1}"),
        date(year, before * 3 + 1, 1),
    )
    years = Period(
        (f"_y{newest.year}", f"_y{newest.year - 1}"), date(newest.year - 1, 1, 1)
    )
    return [month, quarters, years]


class SearchBackend(ABC):
    """Vendor-specific reads (abstract); everything else is shared."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # -- vendor parts ---------------------------------------------------------------

    @abstractmethod
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """SQL for "``column`` is one of ``values``" (``values`` not empty)."""

    @abstractmethod
    def key(self, prefix: str, value: str) -> str:
        """The index key of a text value (the triggers' encoding)."""

    @abstractmethod
    def match_ids(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        groups: Sequence[Sequence[str]],
        scope: Scope,
        size: int,
    ) -> list[int]:
        """Ids of the newest ``size`` entries (date, then id; no date last) in
        ``scope`` matching every term and phrase of ``query`` and one key of each
        group of ``groups``. Without words or groups, through the date index."""

    @abstractmethod
    def listing(
        self, cursor: CursorWrapper, scope: Scope, limit: int, offset: int
    ) -> list[int]:
        """Ids of entries in scope, newest date first (no date last), then newest
        id, through the date index."""

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

    def where(self, scope: Scope, *, bare: bool = False) -> tuple[str, list[Any]]:
        """The scope as SQL over alias ``e``: agency, restricted, filters.

        ``bare``: written so that no b-tree index can serve it (``agency_id + 0``),
        for queries that must go through the full-text index alone — PostgreSQL
        otherwise ANDs the agency's or the dates' b-tree bitmap in, which grows
        lossy past ``work_mem`` and makes it re-read every row's ``tsvector``
        from TOAST (75 ms instead of 28 ms, measured)."""
        plus = " + 0" if bare else ""
        agency_sql, params = self.in_list(f"(e.agency_id{plus})", scope.agency_ids)
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
            (f"(e.doc_date{plus}) >= %s", adapt(scope.date_from)),
            (f"(e.doc_date{plus}) <= %s", adapt(scope.date_to)),
        ):
            if value is not None:
                parts.append(sql)
                params.append(value)
        return " AND ".join(parts), params

    def key_groups(self, scope: Scope) -> list[list[str]]:
        """The scope's index keys: each group is "any of"."""
        groups: list[list[str]] = []
        if len(scope.agency_ids) <= MAX_KEYS:
            groups.append([f"_a{a}" for a in scope.agency_ids])
        if scope.object_types is not None and len(scope.object_types) <= MAX_KEYS:
            groups.append([self.key("_t", t) for t in scope.object_types])
        for prefix, value in (
            ("_k", scope.kind),
            ("_s", scope.status),
            ("_i", scope.issuer_folded),
        ):
            if value is not None:
                groups.append([self.key(prefix, value)])
        return groups

    def window(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        scope: Scope,
        size: int,
        today: date,
    ) -> list[int]:
        """Ids of the newest ``size`` matches (date, then id), period by period
        (see the module docstring); fewer only when there are no more."""
        groups = self.key_groups(scope)
        cursor.execute("SELECT max(e.doc_date) FROM core_searchentry e")
        newest = _date(cursor.fetchone()[0])
        steps: list[Period | None] = []
        if newest is not None:
            newest = min(newest, today, scope.date_to or newest)
            if scope.date_from is None or scope.date_from <= newest:
                for period in periods(newest):
                    steps.append(period)
                    if scope.date_from is not None and period.start <= scope.date_from:
                        break  # this period holds every date of the range
        last = steps[-1] if steps else None
        if last is None or scope.date_from is None or last.start > scope.date_from:
            steps.append(None)  # everything: no date, later dates, older dates
        ids: list[int] = []
        sparse = False
        for step in steps:
            if sparse and step is not steps[-1]:
                continue
            keys = [*groups, list(step.keys)] if step else groups
            ids = self.match_ids(cursor, query, keys, scope, size)
            if len(ids) >= size:
                break
            # Few matches in this period: the next ones would not fill the window
            # either; go to the last step at once (its cost is about all matches,
            # few by then). Also keeps the statements the same for 1 or 20 hits.
            sparse = len(ids) < size / SKIP
        return ids

    def ranked(
        self,
        cursor: CursorWrapper,
        query: ParsedQuery,
        ids: Sequence[int],
        titles: bool,
    ) -> list[Candidate]:
        """The candidates ``ids`` with their text rank (:func:`ranker`; counting
        in SQL with ``replace`` was slower), and title and issuer."""
        if not ids:
            return []
        ids_sql, params = self.in_list("e.id", ids)
        extra = ", e.title, e.issuer" if titles else ""
        cursor.execute(
            "SELECT e.id, e.title_folded, substr(e.folded, 1, %s), e.doc_date"  # noqa: S608
            f"{extra} FROM core_searchentry e WHERE {ids_sql}",
            [RANKED_CHARS, *params],
        )
        rank = ranker(query)
        return [
            Candidate(r[0], rank(r[1], r[2]), _date(r[3]), *r[4:])
            for r in cursor.fetchall()
        ]

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
        return [Candidate(r[0], 0.0, _date(r[2]), *r[3:]) for r in cursor.fetchall()]

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


def _date(value: date | str | None) -> date | None:
    """SQLite hands back a date as text when it comes from an expression."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def backend_for(connection: BaseDatabaseWrapper) -> SearchBackend:
    """The backend of ``connection``'s database."""
    if connection.vendor == "postgresql":
        from congso.core.search.postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from congso.core.search.sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise ImproperlyConfigured(
        f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
    )
