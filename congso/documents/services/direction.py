"""Direction and handling of incoming documents (phân phối, chỉ đạo, giải quyết):
the three blocks of the handling slip — the leader's direction to a lead unit
and cooperating units with deadlines, the unit head's assignment, the
assignee's proposal — and the end of handling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.selectors import scope_get
from congso.core.text import nfc
from congso.documents.constants import (
    AssignmentStatus,
    HandlingRole,
    IncomingAction,
    IncomingStatus,
)
from congso.documents.models import HandlingAssignment, IncomingDocument
from congso.documents.services._base import (
    DocumentError,
    audit,
    lock,
    move,
    require,
    scope_and_tree,
    trace,
)
from congso.documents.services.indexing import index_document

LEADER_ROLES = (Role.AGENCY_LEADER,)
UNIT_HEAD_ROLES = (Role.UNIT_HEAD, Role.AGENCY_LEADER)


@dataclass(frozen=True)
class UnitDirection:
    """One line of the leader's direction (ý kiến chỉ đạo)."""

    unit_id: int
    role: str
    deadline: date | None = None
    instruction: str = ""


def _check_directions(
    doc: IncomingDocument, directions: Sequence[UnitDirection], today: date
) -> None:
    if not directions:
        raise DocumentError(_("Choose at least one unit."), code="no_unit")
    existing = {a.unit_id: a.role for a in doc.assignments.all()}
    units = [d.unit_id for d in directions]
    if len(set(units)) != len(units) or set(units) & existing.keys():
        raise DocumentError(
            _("A unit can be directed only once for a document."), code="unit_twice"
        )
    roles = [d.role for d in directions] + list(existing.values())
    if any(r not in HandlingRole.values for r in roles):
        raise DocumentError(_("Unknown part for a unit."), code="role_unknown")
    if roles.count(HandlingRole.LEAD) != 1:
        raise DocumentError(
            _("Exactly one unit leads the handling of a document."), code="one_lead"
        )
    for d in directions:
        if d.deadline is not None and d.deadline < today:
            raise DocumentError(
                _("A deadline cannot be in the past."), code="deadline_past"
            )


@transaction.atomic
def incoming_direct(
    *,
    document: IncomingDocument,
    directions: Sequence[UnitDirection],
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> IncomingDocument:
    """The leader's direction: units (one lead, any cooperating) with deadlines.
    Calling it again adds cooperating units. The lead unit's deadline becomes
    the document's handling deadline unless one was set at registration."""
    now = now or timezone.now()
    doc = lock(IncomingDocument, document.pk, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    require(scope, LEADER_ROLES, [doc.agency_id])
    for d in directions:
        require(scope, LEADER_ROLES, [d.unit_id])
    _check_directions(doc, directions, timezone.localdate(now))
    before = doc.status
    move(doc, IncomingAction.DIRECT)
    rows = [
        HandlingAssignment(
            incoming=doc,
            unit_id=d.unit_id,
            role=d.role,
            deadline=d.deadline,
            instruction=nfc(d.instruction).strip(),
            directed_by=actor,
            directed_at=now,
        )
        for d in directions
    ]
    HandlingAssignment.objects.bulk_create(rows)
    lead = next((d for d in directions if d.role == HandlingRole.LEAD), None)
    if lead is not None and lead.deadline and doc.due_date is None:
        doc.due_date = lead.deadline
    doc.save()
    note = nfc(note).strip()
    data = {
        "units": [
            {
                "unit": d.unit_id,
                "role": d.role,
                "deadline": d.deadline.isoformat() if d.deadline else None,
            }
            for d in directions
        ]
    }
    trace(doc, IncomingAction.DIRECT, actor, now, note=note, data=data)
    audit(doc, "directed", actor, {"from": before, "note": note, **data})
    index_document(doc)
    return doc


def _lock_assignment(
    assignment: HandlingAssignment, expected_version: int | None
) -> tuple[HandlingAssignment, IncomingDocument]:
    doc = lock(IncomingDocument, assignment.incoming_id, expected_version)
    row = HandlingAssignment.objects.select_for_update().get(pk=assignment.pk)
    if doc.status != IncomingStatus.IN_PROGRESS:
        raise DocumentError(
            _("The document is no longer being handled."), code="not_in_progress"
        )
    return row, doc


@transaction.atomic
def assignment_assign(
    *,
    assignment: HandlingAssignment,
    assignee: User,
    actor: User,
    instruction: str = "",
    deadline: date | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> HandlingAssignment:
    """The unit head gives the document to an official of the unit (or gives it
    to another one before a proposal is made)."""
    now = now or timezone.now()
    row, doc = _lock_assignment(assignment, expected_version)
    scope, tree = scope_and_tree(actor, now)
    require(scope, UNIT_HEAD_ROLES, [row.unit_id])
    if row.status not in (AssignmentStatus.AT_UNIT, AssignmentStatus.ASSIGNED):
        raise DocumentError(
            _("The assignee has already made a proposal."), code="already_proposed"
        )
    if not scope_get(user=assignee, on=tree.on, tree=tree).covers(row.unit_id):
        raise DocumentError(
            _("%(name)s does not work in this unit.")
            % {"name": assignee.get_full_name()},
            code="assignee_outside",
        )
    if deadline is not None and (
        deadline < timezone.localdate(now) or (row.deadline and deadline > row.deadline)
    ):
        raise DocumentError(
            _("The deadline must be between today and the unit's deadline."),
            code="deadline_range",
        )
    previous = row.assignee_id
    row.assignee, row.assigned_by, row.assigned_at = assignee, actor, now
    row.unit_instruction = nfc(instruction).strip()
    row.assignee_deadline = deadline or row.deadline
    row.status = AssignmentStatus.ASSIGNED
    row.save()
    move(doc, IncomingAction.ASSIGN)
    doc.save(update_fields=["status", "row_version", "updated_at"])
    data = {"unit": row.unit_id, "assignee": assignee.pk, "previous": previous}
    trace(doc, IncomingAction.ASSIGN, actor, now, note=row.unit_instruction, data=data)
    audit(doc, "assigned", actor, data)
    return row


@transaction.atomic
def assignment_propose(
    *,
    assignment: HandlingAssignment,
    proposal: str,
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> HandlingAssignment:
    """The assignee's handling and proposal (ý kiến đề xuất)."""
    now = now or timezone.now()
    row, doc = _lock_assignment(assignment, expected_version)
    if row.assignee_id != actor.pk:
        raise DocumentError(
            _("Only the assigned official can make the proposal."), code="not_assignee"
        )
    proposal = nfc(proposal).strip()
    if not proposal:
        raise DocumentError(_("Write the proposal."), code="proposal_empty")
    row.proposal, row.proposed_at = proposal[:4000], now
    row.status = AssignmentStatus.PROPOSED
    row.save()
    move(doc, IncomingAction.PROPOSE)
    doc.save(update_fields=["status", "row_version", "updated_at"])
    trace(doc, IncomingAction.PROPOSE, actor, now, note=proposal, agency_id=row.unit_id)
    audit(doc, "proposed", actor, {"unit": row.unit_id})
    return row


@transaction.atomic
def assignment_complete(
    *,
    assignment: HandlingAssignment,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> HandlingAssignment:
    """The unit's part is done (the unit head, or the leader, accepts it). When
    the lead unit is done the document's handling is complete."""
    now = now or timezone.now()
    row, doc = _lock_assignment(assignment, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    require(scope, UNIT_HEAD_ROLES, [row.unit_id])
    if row.status == AssignmentStatus.DONE:
        raise DocumentError(_("This part is already done."), code="done")
    row.status, row.completed_at = AssignmentStatus.DONE, now
    row.save()
    note = nfc(note).strip()
    if row.role == HandlingRole.LEAD:
        _complete(doc, actor, now, note)
    else:
        doc.row_version += 1
        doc.save(update_fields=["row_version", "updated_at"])
        trace(doc, IncomingAction.PROPOSE, actor, now, note=note, agency_id=row.unit_id)
    audit(doc, "part_done", actor, {"unit": row.unit_id, "role": row.role})
    return row


def _complete(
    doc: IncomingDocument, actor: User | None, now: datetime, note: str
) -> None:
    before = doc.status
    move(doc, IncomingAction.COMPLETE)
    doc.completed_at = now
    doc.save()
    HandlingAssignment.objects.filter(incoming=doc).exclude(
        status=AssignmentStatus.DONE
    ).update(status=AssignmentStatus.DONE, completed_at=now)
    trace(doc, IncomingAction.COMPLETE, actor, now, note=note)
    audit(doc, "completed", actor, {"from": before, "note": note})
    index_document(doc)


def incoming_replied(
    *,
    document: IncomingDocument,
    reply_id: int,
    reply_label: str,
    actor: User,
    now: datetime,
) -> None:
    """An issued reply answers the document: linked in its trace, and a
    document still being handled is complete (inside the issuing transaction)."""
    doc = lock(IncomingDocument, document.pk, None)
    note = str(_("Answered by %(number)s") % {"number": reply_label})
    if doc.status == IncomingStatus.IN_PROGRESS:
        _complete(doc, actor, now, note)
    elif doc.status == IncomingStatus.COMPLETED:
        doc.row_version += 1
        doc.save(update_fields=["row_version", "updated_at"])
    else:
        return
    trace(
        doc, IncomingAction.REPLY_LINK, actor, now, note=note, data={"reply": reply_id}
    )
