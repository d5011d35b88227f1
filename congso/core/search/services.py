"""Writes to the search index. Callers (the owning apps' services) call these
inside their own transactions, so an entry commits or rolls back with the object
it describes. The full-text index follows by itself through triggers (see
:mod:`congso.core.search.models`)."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django.utils import timezone

from congso.core.search.models import SearchEntry
from congso.core.search.query import index_text, issuer_key, number_key
from congso.core.text import nfc

#: Columns an upsert rewrites when the entry exists (all but the identity).
_UPDATE_FIELDS: Final = [
    "agency_id",
    "restricted",
    "kind",
    "status",
    "issuer",
    "issuer_folded",
    "doc_date",
    "number",
    "number_key",
    "title",
    "title_folded",
    "body",
    "folded",
    "updated_at",
]


def entry_values(
    *,
    object_type: str,
    object_id: str,
    agency_id: int | None,
    restricted: bool,
    kind: str,
    status: str,
    issuer: str,
    doc_date: date | None,
    number: str,
    title: str,
    body: str,
) -> dict[str, Any]:
    """The column values of an entry (pure, shared with the benchmark loader):
    NFC text, the folded index text and the number key.

    ``folded`` holds number, title, issuer and body so that any of them matches;
    ``title_folded`` repeats the title for the ranking (title words weigh more)."""
    if not object_type or not object_id:
        raise ValueError("object_type and object_id are required")
    title, issuer, body, number = nfc(title), nfc(issuer), nfc(body), nfc(number)
    return {
        "object_type": object_type,
        "object_id": object_id,
        "agency_id": agency_id,
        "restricted": restricted,
        "kind": kind,
        "status": status,
        "issuer": issuer[:255],
        "issuer_folded": issuer_key(issuer),
        "doc_date": doc_date,
        "number": number[:100],
        "number_key": number_key(number)[:100],
        "title": title,
        "title_folded": index_text(title),
        "body": body,
        "folded": index_text(number, title, issuer, body),
    }


def search_entry_upsert(
    *,
    object_type: str,
    object_id: str,
    agency_id: int | None,
    restricted: bool,
    kind: str,
    status: str,
    issuer: str,
    doc_date: date | None,
    number: str,
    title: str,
    body: str,
) -> SearchEntry:
    """Create or rewrite the entry of ``(object_type, object_id)``.

    One ``INSERT … ON CONFLICT DO UPDATE`` statement (atomic by itself, inside the
    caller's transaction); the entry keeps its id, so its place in the "newest"
    candidate window is its first indexing. Words of the previous text stop
    matching at once."""
    entry = SearchEntry(
        **entry_values(
            object_type=object_type,
            object_id=object_id,
            agency_id=agency_id,
            restricted=restricted,
            kind=kind,
            status=status,
            issuer=issuer,
            doc_date=doc_date,
            number=number,
            title=title,
            body=body,
        ),
        updated_at=timezone.now(),
    )
    SearchEntry.objects.bulk_create(
        [entry],
        update_conflicts=True,
        unique_fields=["object_type", "object_id"],
        update_fields=_UPDATE_FIELDS,
    )
    return entry


def search_entry_delete(*, object_type: str, object_id: str) -> bool:
    """Remove the entry of ``(object_type, object_id)``; False if there was none."""
    deleted, _by_model = SearchEntry.objects.filter(
        object_type=object_type, object_id=object_id
    ).delete()
    return deleted > 0
