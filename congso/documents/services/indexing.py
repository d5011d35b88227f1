"""Documents in the platform's search index (congso.core.search): metadata,
content and recognised text, scoped by agency; secret documents are restricted
entries that only an allow-list can reach."""

from __future__ import annotations

from congso.core.search.services import search_entry_upsert
from congso.documents.constants import OBJECT_INCOMING, OBJECT_OUTGOING, Secrecy
from congso.documents.models import IncomingDocument, OutgoingDocument


def object_type_of(doc: IncomingDocument | OutgoingDocument) -> str:
    return OBJECT_INCOMING if isinstance(doc, IncomingDocument) else OBJECT_OUTGOING


def index_document(doc: IncomingDocument | OutgoingDocument) -> None:
    """Write (or rewrite) the document's entry, inside the caller's transaction."""
    texts = [f.text for f in doc.documentfiles.all() if f.text]
    if isinstance(doc, IncomingDocument):
        issuer, doc_date = doc.issuer_name, doc.issued_date or doc.received_at.date()
        body = "\n".join([doc.notes, *texts])
    else:
        issuer = doc.agency_name
        doc_date = doc.issued_date or doc.created_at.date()
        body = "\n".join([doc.addressee, doc.basis, doc.body, *texts])
    search_entry_upsert(
        object_type=object_type_of(doc),
        object_id=str(doc.pk),
        agency_id=doc.agency_id,
        restricted=doc.secrecy != Secrecy.NONE,
        kind=doc.doc_type,
        status=doc.status,
        issuer=issuer,
        doc_date=doc_date,
        number=doc.number_symbol,
        title=doc.subject,
        body=body,
    )
