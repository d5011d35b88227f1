"""Reads of incoming and outgoing documents for pages and the API: scoped
lists, one document with what its page shows, and the officials' work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from congso.accounts.models import User
from congso.documents.constants import (
    INCOMING_OPEN,
    AssignmentStatus,
    HandlingRole,
    IncomingStatus,
    OutgoingStatus,
    ReviewDecision,
)
from congso.documents.models import (
    DocumentEvent,
    DocumentFile,
    DocumentReminder,
    HandlingAssignment,
    IncomingDocument,
    OutgoingDocument,
    ReviewStep,
)
from congso.documents.selectors.access import (
    DocumentScope,
    incoming_visible_q,
    outgoing_visible_q,
)

#: The lead unit first on the handling slip, then the cooperating ones.
LEAD_FIRST = Case(
    When(role=HandlingRole.LEAD, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def incoming_list_for_user(
    *, scope: DocumentScope, status: str | None = None
) -> QuerySet[IncomingDocument]:
    rows = IncomingDocument.objects.filter(incoming_visible_q(scope))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-received_at", "-id")


def outgoing_list_for_user(
    *, scope: DocumentScope, status: str | None = None
) -> QuerySet[OutgoingDocument]:
    rows = OutgoingDocument.objects.filter(outgoing_visible_q(scope))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-updated_at", "-id")


def incoming_get_for_user(*, scope: DocumentScope, pk: int) -> IncomingDocument | None:
    """The document with its files, trace and handling slip, or None (→ 404)."""
    return (
        IncomingDocument.objects.filter(incoming_visible_q(scope), pk=pk)
        .select_related("registered_by", "source_outgoing")
        .prefetch_related(
            Prefetch("documentfiles", queryset=DocumentFile.objects.order_by("id")),
            Prefetch(
                "documentevents",
                queryset=DocumentEvent.objects.select_related("actor").order_by(
                    "at", "id"
                ),
            ),
            Prefetch(
                "assignments",
                queryset=HandlingAssignment.objects.select_related(
                    "assignee", "directed_by", "assigned_by"
                ).order_by(LEAD_FIRST, "id"),
            ),
            "replies",
        )
        .first()
    )


def outgoing_get_for_user(*, scope: DocumentScope, pk: int) -> OutgoingDocument | None:
    return (
        OutgoingDocument.objects.filter(outgoing_visible_q(scope), pk=pk)
        .select_related("signer", "created_by", "issued_by", "replaces")
        .prefetch_related(
            Prefetch("documentfiles", queryset=DocumentFile.objects.order_by("id")),
            Prefetch(
                "documentevents",
                queryset=DocumentEvent.objects.select_related("actor").order_by(
                    "at", "id"
                ),
            ),
            Prefetch(
                "review_steps",
                queryset=ReviewStep.objects.select_related("reviewer").order_by(
                    "round", "order"
                ),
            ),
            "deliveries",
            "internal_recipients",
            "replies_to",
        )
        .first()
    )


def file_get_for_user(*, scope: DocumentScope, pk: int) -> DocumentFile | None:
    """A stored file when its document is visible to the official."""
    row = DocumentFile.objects.filter(pk=pk).first()
    if row is None:
        return None
    if row.incoming_id is not None:
        visible = IncomingDocument.objects.filter(
            incoming_visible_q(scope), pk=row.incoming_id
        ).exists()
    else:
        visible = OutgoingDocument.objects.filter(
            outgoing_visible_q(scope), pk=row.outgoing_id or 0
        ).exists()
    return row if visible else None


@dataclass(frozen=True)
class WorkQueues:
    """What waits for the official, per kind of work (counts and first rows)."""

    to_submit: QuerySet[IncomingDocument]
    to_direct: QuerySet[IncomingDocument]
    to_assign: QuerySet[HandlingAssignment]
    to_handle: QuerySet[HandlingAssignment]
    to_review: QuerySet[OutgoingDocument]
    to_sign: QuerySet[OutgoingDocument]
    to_issue: QuerySet[OutgoingDocument]
    overdue: QuerySet[HandlingAssignment]
    reminders: QuerySet[DocumentReminder]


def work_queues_get(*, user: User, scope: DocumentScope, today: date) -> WorkQueues:
    """The official's document work: lazily evaluated querysets."""
    assignments = HandlingAssignment.objects.select_related("incoming", "unit")
    pending_review = ReviewStep.objects.filter(
        reviewer=user, decision=ReviewDecision.PENDING
    ).values("outgoing_id")
    return WorkQueues(
        to_submit=IncomingDocument.objects.filter(
            agency_id__in=scope.clerk_agency_ids, status=IncomingStatus.REGISTERED
        ).order_by("received_at"),
        to_direct=IncomingDocument.objects.filter(
            agency_id__in=scope.leader_agency_ids,
            status=IncomingStatus.AWAITING_DIRECTION,
        ).order_by("received_at"),
        to_assign=assignments.filter(
            unit_id__in=scope.unit_head_ids, status=AssignmentStatus.AT_UNIT
        ).order_by("deadline", "id"),
        to_handle=assignments.filter(
            assignee=user, status=AssignmentStatus.ASSIGNED
        ).order_by("assignee_deadline", "id"),
        to_review=OutgoingDocument.objects.filter(
            pk__in=pending_review, status=OutgoingStatus.IN_REVIEW
        ).order_by("updated_at"),
        to_sign=OutgoingDocument.objects.filter(
            signer=user, status=OutgoingStatus.AWAITING_SIGNATURE
        ).order_by("updated_at"),
        to_issue=OutgoingDocument.objects.filter(
            agency_id__in=scope.clerk_agency_ids, status=OutgoingStatus.SIGNED
        ).order_by("signed_at"),
        overdue=assignments.filter(
            incoming__agency_id__in=scope.leader_agency_ids,
            incoming__status__in=list(INCOMING_OPEN),
            deadline__lt=today,
        )
        .exclude(status=AssignmentStatus.DONE)
        .order_by("deadline", "id"),
        reminders=DocumentReminder.objects.filter(recipient=user, day=today)
        .select_related("assignment__incoming")
        .order_by("deadline", "id"),
    )


@dataclass(frozen=True)
class IncomingCapabilities:
    """What the official may do on an incoming document's page."""

    clerk_steps: bool
    direct: bool
    assignable: tuple[HandlingAssignment, ...]
    mine: HandlingAssignment | None
    completable: tuple[HandlingAssignment, ...]


def incoming_capabilities(
    *, scope: DocumentScope, doc: IncomingDocument
) -> IncomingCapabilities:
    """Computed from the prefetched assignments: no query."""
    assignments = list(doc.assignments.all())
    open_ = doc.status in INCOMING_OPEN
    in_progress = doc.status == IncomingStatus.IN_PROGRESS
    return IncomingCapabilities(
        clerk_steps=open_
        and doc.status != IncomingStatus.IN_PROGRESS
        and doc.agency_id in scope.clerk_agency_ids,
        direct=open_ and doc.agency_id in scope.leader_agency_ids,
        assignable=tuple(
            a
            for a in assignments
            if in_progress
            and a.unit_id in scope.head_unit_ids
            and a.status in (AssignmentStatus.AT_UNIT, AssignmentStatus.ASSIGNED)
        ),
        mine=next(
            (
                a
                for a in assignments
                if in_progress
                and a.assignee_id == scope.user_id
                and a.status == AssignmentStatus.ASSIGNED
            ),
            None,
        ),
        completable=tuple(
            a
            for a in assignments
            if in_progress
            and a.unit_id in scope.head_unit_ids
            and a.status != AssignmentStatus.DONE
        ),
    )


@dataclass(frozen=True)
class OutgoingCapabilities:
    edit: bool
    submit: bool
    review: bool
    sign: bool
    issue: bool
    recall: bool


def outgoing_capabilities(
    *, scope: DocumentScope, doc: OutgoingDocument
) -> OutgoingCapabilities:
    """Computed from the prefetched review steps: no query."""
    steps = list(doc.review_steps.all())
    pending = next(
        (
            s
            for s in sorted(steps, key=lambda s: (-s.round, s.order))
            if s.decision == ReviewDecision.PENDING
        ),
        None,
    )
    drafter = doc.agency_id in scope.member_agency_ids
    return OutgoingCapabilities(
        edit=doc.status == OutgoingStatus.DRAFT and drafter,
        submit=doc.status == OutgoingStatus.DRAFT and drafter,
        review=doc.status
        in (OutgoingStatus.IN_REVIEW, OutgoingStatus.AWAITING_SIGNATURE)
        and pending is not None
        and pending.reviewer_id == scope.user_id,
        sign=doc.status == OutgoingStatus.AWAITING_SIGNATURE
        and doc.signer_id == scope.user_id,
        issue=doc.status == OutgoingStatus.SIGNED
        and doc.agency_id in scope.clerk_agency_ids,
        recall=doc.status == OutgoingStatus.ISSUED
        and doc.agency_id in (scope.clerk_agency_ids | scope.leader_agency_ids),
    )


def assignment_get_for_user(
    *, scope: DocumentScope, pk: int
) -> HandlingAssignment | None:
    """A unit's assignment when its document is visible to the official."""
    visible = IncomingDocument.objects.filter(incoming_visible_q(scope)).values("pk")
    return (
        HandlingAssignment.objects.filter(pk=pk, incoming_id__in=visible)
        .select_related("incoming")
        .first()
    )
