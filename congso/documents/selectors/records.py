"""Reads of case files, scoped to the official's agencies."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from congso.documents.constants import CaseFileStatus
from congso.documents.models import (
    CaseFile,
    CaseFileItem,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.selectors.access import (
    DocumentScope,
    incoming_visible_q,
    outgoing_visible_q,
)


def case_file_list_for_user(*, scope: DocumentScope) -> QuerySet[CaseFile]:
    return (
        CaseFile.objects.filter(agency_id__in=scope.member_agency_ids)
        .annotate(document_count=Count("items"))
        .order_by("-year", "notation", "id")
    )


def case_file_open_for_agency(*, agency_id: int) -> QuerySet[CaseFile]:
    return CaseFile.objects.filter(
        agency_id=agency_id, status=CaseFileStatus.OPEN
    ).order_by("-year", "notation")


def case_file_get_for_user(*, scope: DocumentScope, pk: int) -> CaseFile | None:
    """The case file with its documents in order. Secret documents in it are
    listed to everyone of the agency by number only (the template masks them)."""
    return (
        CaseFile.objects.filter(agency_id__in=scope.member_agency_ids, pk=pk)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=CaseFileItem.objects.select_related(
                    "incoming", "outgoing"
                ).order_by("order"),
            )
        )
        .first()
    )


def case_file_readable(*, scope: DocumentScope, case_file: CaseFile) -> bool:
    """Whether the official may read every document filed in the case file (a
    case file holding a secret document is exported only by those who may
    read it)."""
    items = list(case_file.items.all())
    incoming = [i.incoming_id for i in items if i.incoming_id]
    outgoing = [i.outgoing_id for i in items if i.outgoing_id]
    visible_in = IncomingDocument.objects.filter(
        incoming_visible_q(scope), pk__in=incoming
    ).count()
    visible_out = OutgoingDocument.objects.filter(
        outgoing_visible_q(scope), pk__in=outgoing
    ).count()
    return (visible_in, visible_out) == (len(incoming), len(outgoing))
