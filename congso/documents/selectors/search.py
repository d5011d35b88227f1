"""Search of incoming and outgoing documents (tìm kiếm văn bản), scoped like
the lists: the official's agencies, and of the secret documents (độ mật) only
those the official may read (:mod:`congso.documents.selectors.access`). Shared
by the API and the pages."""

from __future__ import annotations

from datetime import date
from typing import Final

from congso.accounts.models import User
from congso.core.search.selectors import SearchResult, search_run
from congso.documents.constants import OBJECT_INCOMING, OBJECT_OUTGOING, Secrecy
from congso.documents.models import IncomingDocument, OutgoingDocument
from congso.documents.selectors.access import (
    DocumentScope,
    document_scope_get,
    incoming_visible_q,
    outgoing_visible_q,
)

#: The object types of the search index that are documents.
DOCUMENT_TYPES: Final = (OBJECT_INCOMING, OBJECT_OUTGOING)


def secret_allow_list(scope: DocumentScope) -> list[tuple[str, str]]:
    """The ``(object_type, object_id)`` of the secret documents of the
    official's agencies that the official may read: two small id queries.
    Only the official's agencies, because the search is limited to them."""
    secret = {"agency_id__in": list(scope.member_agency_ids)}
    incoming = (
        IncomingDocument.objects.filter(incoming_visible_q(scope), **secret)
        .exclude(secrecy=Secrecy.NONE)
        .values_list("pk", flat=True)
    )
    outgoing = (
        OutgoingDocument.objects.filter(outgoing_visible_q(scope), **secret)
        .exclude(secrecy=Secrecy.NONE)
        .values_list("pk", flat=True)
    )
    return [(OBJECT_INCOMING, str(pk)) for pk in incoming] + [
        (OBJECT_OUTGOING, str(pk)) for pk in outgoing
    ]


def document_search(
    *,
    user: User,
    on: date,
    text: str,
    object_type: str | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Documents matching ``text`` that ``user`` may read on ``on``, best first
    (:func:`congso.core.search.selectors.search_run`): the non-secret documents
    of the agencies the official works in, and the secret ones the official may
    read (leaders and clerks of the agency, the units and officials handling
    them, drafter, reviewers, signer, named grants). A secret document the
    official may not read is neither a hit nor counted in the total.

    Filters (None or "" does not filter): ``object_type`` one of
    :data:`DOCUMENT_TYPES` (incoming or outgoing only; another type finds
    nothing); ``kind`` a document type
    (``DocumentType``); ``issuer`` the whole issuing agency's name, ignoring
    case and accents; ``status``; dates of the document, inclusive."""
    scope = document_scope_get(user=user, on=on)
    object_types: tuple[str, ...] = DOCUMENT_TYPES
    if object_type:  # anything but a document type finds nothing
        object_types = tuple(t for t in DOCUMENT_TYPES if t == object_type)
    allowed = secret_allow_list(scope) if scope.member_agency_ids else []
    return search_run(
        text=text,
        object_types=object_types,
        agency_ids=sorted(scope.member_agency_ids),
        allowed_restricted=allowed,
        kind=kind or None,
        issuer=issuer or None,
        status=status or None,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
