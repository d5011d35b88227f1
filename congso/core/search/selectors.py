"""Search (tìm kiếm): one ranked, scoped read over the platform's index.

How a query runs:

1. The text is parsed (:func:`congso.core.search.query.parse_query`) into folded
   terms and phrases, plus number/symbol keys when a chunk looks like one.
2. Scope: only entries of ``agency_ids``; restricted entries only when named in
   ``allowed_restricted`` (resolved to ids first). The scope applies to every
   statement, so a restricted entry is neither returned nor counted.
3. Exact number/symbol matches (index ``core_search_number_idx``).
4. **The candidate window**: the newest :data:`CANDIDATES` text matches by date
   (then id), found period by period (:meth:`SearchBackend.window
   <congso.core.search.base.SearchBackend.window>`), ranked by
   :func:`congso.core.search.query.ranker` (term frequency, title words weigh
   more). Ranked top-K in SQL costs time in proportion to the matches — a word
   in 70 % of a million entries took over a second — so only the newest matches
   are ranked and the cost is bounded by the window whatever the query. The
   trade-off: **ranking is exact within the window**; an older entry outside it
   is not returned (for common words thousands match anyway; users narrow with
   more words or filters, which apply before the window), and ``total`` is then a
   lower bound ("at least 500").
5. Order: exact number match first; then entries with more of the accented words
   typed found accents and all in title or issuer ("bán" before "bạn", only when
   the user typed accents); then text rank; then newest date, newest id.
6. The page's bodies are read, and the title and a fragment of the body are
   highlighted (``<mark>``, HTML-escaped, from the original accented text).

Empty text (or text without a letter or digit) lists the scope newest first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from congso.core.errors import ApplicationError
from congso.core.search.base import Candidate, Row, Scope, SearchBackend, backend_for
from congso.core.search.highlight import highlight
from congso.core.search.query import (
    ParsedQuery,
    exact_counter,
    issuer_key,
    parse_query,
)

#: Text matches ranked per query (the newest), see the module docstring.
CANDIDATES: Final = 500
#: Exact number/symbol matches considered per query.
NUMBER_MATCHES: Final = 100
#: Listing counts stop here ("at least …").
COUNT_CAP: Final = 500
#: Largest page.
MAX_LIMIT: Final = 100
#: Characters of body shown around the first match.
SNIPPET_CHARS: Final = 240


class SearchInputError(ApplicationError):
    """Search filters that cannot describe any result."""

    default_message = _("The start date must not be after the end date.")


@dataclass(frozen=True)
class SearchHit:
    """One result. ``title_html`` and ``snippet`` are safe HTML (escaped, with
    ``<mark>`` around matched words); ``number_match``: found by its number and
    symbol."""

    object_type: str
    object_id: str
    title: str
    issuer: str
    kind: str
    status: str
    number: str
    doc_date: date | None
    rank: float
    number_match: bool
    title_html: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class SearchResult:
    """A page of hits. ``total`` counts every visible match, or is a lower bound
    when ``total_is_lower_bound`` ("at least 500")."""

    hits: tuple[SearchHit, ...]
    total: int
    total_is_lower_bound: bool
    query: ParsedQuery


def search_run(
    *,
    text: str,
    object_types: Collection[str] | None,
    agency_ids: Collection[int],
    allowed_restricted: Collection[tuple[str, str]] | None,
    kind: str | None = None,
    issuer: str | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Search the entries of ``agency_ids`` (``object_types``: None for every
    type) for ``text``; see the module docstring. ``allowed_restricted``: the
    ``(object_type, object_id)`` of the restricted entries the caller may see
    (None or empty: none). ``issuer`` matches the whole issuer name, ignoring
    case and accents. Dates are inclusive."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValueError(f"limit must be 1..{MAX_LIMIT} and offset >= 0")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise SearchInputError(code="search_dates")
    query = parse_query(text)
    if not agency_ids or (object_types is not None and not object_types):
        return SearchResult(hits=(), total=0, total_is_lower_bound=False, query=query)
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        allowed = (
            backend.restricted_ids(cursor, list(allowed_restricted))
            if allowed_restricted
            else []
        )
        scope = Scope(
            agency_ids=tuple(agency_ids),
            allowed_ids=tuple(allowed),
            object_types=None if object_types is None else tuple(object_types),
            kind=kind,
            status=status,
            issuer_folded=None if issuer is None else issuer_key(issuer),
            date_from=date_from,
            date_to=date_to,
        )
        if query.is_empty:
            page, total, capped = _listing(backend, cursor, query, scope, limit, offset)
            ranks: dict[int, float] = {}
            number_ids: set[int] = set()
        else:
            ranked, number_ids, capped = _ranked(backend, cursor, query, scope)
            total = len(ranked)
            ranks = {c.id: c.rank for c in ranked[offset : offset + limit]}
            page = list(ranks)
        details = backend.details(cursor, page)
    hits = tuple(
        _hit(details[i], query, ranks.get(i, 0.0), i in number_ids)
        for i in page
        if i in details
    )
    return SearchResult(
        hits=hits, total=total, total_is_lower_bound=capped, query=query
    )


def _listing(
    backend: SearchBackend,
    cursor: CursorWrapper,
    query: ParsedQuery,
    scope: Scope,
    limit: int,
    offset: int,
) -> tuple[list[int], int, bool]:
    """The page of the newest-first listing, the total and whether it is a lower
    bound. With selective keys (a few agencies, a kind, a status, an issuer),
    through the index period by period, like a text window; otherwise (a broad
    scope, or a page beyond the first COUNT_CAP entries) through the date
    index."""
    if backend.key_groups(scope) and offset + limit <= COUNT_CAP:
        ids = backend.window(cursor, query, scope, COUNT_CAP + 1, timezone.localdate())
        return (
            ids[offset : offset + limit],
            min(len(ids), COUNT_CAP),
            len(ids) > COUNT_CAP,
        )
    page = backend.listing(cursor, scope, limit, offset)
    count = backend.count(cursor, scope, COUNT_CAP)
    return page, min(count, COUNT_CAP), count > COUNT_CAP


def _ranked(
    backend: SearchBackend, cursor: CursorWrapper, query: ParsedQuery, scope: Scope
) -> tuple[list[Candidate], set[int], bool]:
    """Every candidate in order, the ids found by number, and whether there may
    be more matches than candidates."""
    exact = exact_counter(query)
    by_number: list[Candidate] = []
    if query.number_keys:
        by_number = backend.by_number(cursor, query.number_keys, scope, NUMBER_MATCHES)
    window: list[Candidate] = []
    if query.has_text:
        ids = backend.window(cursor, query, scope, CANDIDATES, timezone.localdate())
        window = backend.ranked(cursor, query, ids, titles=exact is not None)
    found = {c.id: c for c in by_number}
    found.update((c.id, c) for c in window)  # a number match keeps its text rank
    number_ids = {c.id for c in by_number}
    capped = len(window) >= CANDIDATES or len(by_number) >= NUMBER_MATCHES

    def order(c: Candidate) -> tuple[bool, int, float, int, int]:
        accents = exact(f"{c.title}\n{c.issuer}") if exact is not None else 0
        day = -c.doc_date.toordinal() if c.doc_date is not None else 1
        return (c.id not in number_ids, -accents, -c.rank, day, -c.id)

    return sorted(found.values(), key=order), number_ids, capped


def _hit(row: Row, query: ParsedQuery, rank: float, number_match: bool) -> SearchHit:
    words = query.all_words
    return SearchHit(
        object_type=row.object_type,
        object_id=row.object_id,
        title=row.title,
        issuer=row.issuer,
        kind=row.kind,
        status=row.status,
        number=row.number,
        doc_date=row.doc_date,
        rank=rank,
        number_match=number_match,
        title_html=highlight(row.title, words),
        snippet=highlight(row.body, words, width=SNIPPET_CHARS),
    )
