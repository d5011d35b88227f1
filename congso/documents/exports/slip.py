"""The handling slip (phiếu giải quyết văn bản đến, NĐ 30/2020 Phụ lục IV) of one
incoming document as a PDF: its three blocks — the leader's direction per unit,
the unit head's assignment, the assignee's proposal — from the recorded data."""

from __future__ import annotations

from django.utils import timezone

from congso.core.text import decree30_date
from congso.documents.exports.common import heading_get, render_pdf
from congso.documents.models import IncomingDocument
from congso.documents.selectors.choices import agency_names


def handling_slip_pdf(document: IncomingDocument) -> bytes:
    """``document`` must come with its assignments prefetched
    (:func:`congso.documents.selectors.documents.incoming_get_for_user`)."""
    on = timezone.localdate()
    names = agency_names(on=on)
    rows = [(a, names.get(a.unit_id, "")) for a in document.assignments.all()]
    return render_pdf(
        "documents/exports/handling_slip.html",
        {
            "d": document,
            "rows": rows,
            "heading": heading_get(agency_id=document.agency_id, on=on),
            "printed": decree30_date(on),
        },
    )
