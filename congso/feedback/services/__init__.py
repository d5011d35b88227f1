"""Writes of feedback (PAKN): submission, the one transition choke point and the
citizens' votes on published answers.

``feedback_transition`` does, in order: lock the row (and check ``row_version``),
the transition table, the permission, the action's effect, the deadlines, the
event row, the audit entry and the citizen's notification (through the outbox)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import AgencyKind, ScopeKind
from congso.accounts.models import User
from congso.accounts.selectors import (
    AgencyTree,
    agency_tree_get,
    official_list_for_agencies,
    scope_get,
)
from congso.audit.services import audit_record
from congso.calendar.worktime import WorkingCalendar
from congso.core.errors import ConflictError, PermissionDeniedError
from congso.core.rows import counter_next
from congso.dossiers.models import Dossier
from congso.feedback import deadlines
from congso.feedback.codes import build_code
from congso.feedback.constants import (
    CITIZEN_ACTIONS,
    FeedbackCategory,
    FeedbackStatus,
    VoteValue,
)
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.models import (
    Feedback,
    FeedbackEvent,
    FeedbackSequence,
    FeedbackVote,
)
from congso.feedback.rules import can_act
from congso.feedback.selectors import is_official
from congso.feedback.services.common import (
    MAX_CONTENT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TITLE_LENGTH,
    FeedbackError,
    attachments_save,
    calendar_for,
    check_files,
    clean_contact,
    clean_text,
    field_error,
)
from congso.feedback.services.notify import citizen_notify
from congso.feedback.workflow import TransitionNotAllowedError, next_status

__all__ = [
    "FeedbackError",
    "Submission",
    "feedback_submit",
    "feedback_transition",
    "feedback_vote",
]


@dataclass(frozen=True)
class Submission:
    """What a citizen sends (phản ánh, kiến nghị)."""

    category: str
    title: str
    content: str
    agency_id: int | None = None
    dossier_code: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    files: Sequence[UploadedFile] = ()


def _next_number(year: int) -> int:
    """Gap-free yearly sequence (one locked counter row)."""
    return counter_next(FeedbackSequence, year=year)


def _public_agency(agency_id: int | None, tree: AgencyTree) -> bool:
    node = tree.nodes.get(agency_id) if agency_id is not None else None
    return node is not None and node.kind != AgencyKind.INTERNAL_UNIT


def _set_dues(item: Feedback, cal: WorkingCalendar) -> None:
    """The 5.2 deadlines from the clock start (the supplement wait excluded)."""
    pauses = []
    if item.supplement_requested_at and item.supplemented_at:
        pauses.append((item.supplement_requested_at, item.supplemented_at))
    dues = deadlines.feedback_dues(clock_start=item.clock_start, cal=cal, pauses=pauses)
    item.refusal_due_at = dues.refusal
    item.supplement_due_at = dues.supplement
    item.handling_due_at = dues.handling


def clock_of(item: Feedback) -> deadlines.FeedbackClock:
    return deadlines.FeedbackClock(
        status=item.status,
        refusal_due_at=item.refusal_due_at,
        supplement_due_at=item.supplement_due_at,
        handling_due_at=item.handling_due_at,
        publication_due_at=item.publication_due_at,
        refused_at=item.refused_at,
        supplement_requested_at=item.supplement_requested_at,
        answered_at=item.answered_at,
        published_at=item.published_at,
    )


def _event(
    item: Feedback,
    action: A,
    before: str,
    actor: User | None,
    now: datetime,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> FeedbackEvent:
    return FeedbackEvent.objects.create(
        feedback=item,
        occurred_at=now,
        action=action,
        from_status=before,
        to_status=item.status,
        actor=actor,
        actor_label=actor.get_full_name()[:200] if actor else "",
        agency_id=item.agency_id,
        note=note,
        data=data or {},
    )


# -- submission ---------------------------------------------------------------------


def _resolve_target(
    submission: Submission,
    citizen: User,
    tree: AgencyTree,
    errors: dict[str, list[str]],
) -> tuple[Dossier | None, int | None]:
    """The dossier (only the citizen's own) and the agency concerned."""
    code = submission.dossier_code.strip().upper()
    if code:
        dossier = Dossier.objects.filter(code=code, citizen=citizen).first()
        if dossier is None:
            errors.setdefault("dossier_code", []).append(
                str(_("None of your dossiers has this code."))
            )
            return None, None
        return dossier, dossier.receiving_agency_id
    if not _public_agency(submission.agency_id, tree):
        errors.setdefault("agency", []).append(
            str(_("Choose the agency concerned from the list."))
        )
        return None, None
    return None, submission.agency_id


@transaction.atomic
def feedback_submit(
    *, submission: Submission, citizen: User, now: datetime | None = None
) -> Feedback:
    """A signed-in citizen sends feedback to an agency; every input is checked
    before anything is stored."""
    now = now or timezone.now()
    if not citizen.is_authenticated or is_official(citizen):
        raise PermissionDeniedError(
            _("Feedback is sent from a citizen's account."), code="not_citizen"
        )
    errors: dict[str, list[str]] = {}
    if submission.category not in FeedbackCategory.values:
        errors["category"] = [str(_("Choose a category."))]
    title = clean_text(
        submission.title,
        limit=MAX_TITLE_LENGTH,
        required=True,
        errors=errors,
        field="title",
    )
    content = clean_text(
        submission.content,
        limit=MAX_CONTENT_LENGTH,
        required=True,
        errors=errors,
        field="content",
    )
    name = clean_text(
        submission.contact_name or citizen.get_full_name(),
        limit=MAX_NAME_LENGTH,
        required=True,
        errors=errors,
        field="contact_name",
    )
    email, phone = clean_contact(
        submission.contact_email, submission.contact_phone, errors
    )
    tree = agency_tree_get(on=timezone.localdate(now))
    dossier, agency_id = _resolve_target(submission, citizen, tree, errors)
    types = check_files(submission.files, errors)
    if errors or agency_id is None:
        raise FeedbackError(
            _("The feedback could not be sent; check the fields marked."),
            code="invalid",
            extra={"errors": errors},
        )
    item = Feedback(
        code=build_code(now.year, _next_number(now.year)),
        citizen=citizen,
        dossier=dossier,
        agency_id=agency_id,
        category=submission.category,
        title=title,
        content=content,
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        status=FeedbackStatus.SUBMITTED,
        submitted_at=now,
        clock_start=now,
    )
    _set_dues(item, calendar_for(agency_id, tree))
    item.due_at = deadlines.next_due(clock_of(item))
    item.save()
    attachments_save(item, submission.files, types, now)
    _event(item, A.SUBMIT, "", citizen, now, data={"files": len(types)})
    audit_record(
        event_type="feedback.feedback.submitted",
        actor=citizen,
        obj=item,
        data={
            "code": item.code,
            "category": item.category,
            "agency": agency_id,
            "dossier": dossier.code if dossier else None,
        },
        agency_id=agency_id,
        agency_label=tree.nodes[agency_id].name,
    )
    return item


# -- transitions --------------------------------------------------------------------


@dataclass
class _Change:
    item: Feedback
    action: A
    actor: User
    now: datetime
    note: str
    tree: AgencyTree
    data: dict[str, Any]
    event_data: dict[str, Any] = field(default_factory=dict)


def _need_note(change: _Change, message: Any) -> str:
    if not change.note:
        raise field_error(message, code="note", field="note")
    return change.note


def _accept(change: _Change) -> None:
    change.item.accepted_at = change.now


def _refuse(change: _Change) -> None:
    item = change.item
    item.refusal_reason = _need_note(change, _("Give the reason for the refusal."))
    item.refused_at = change.now


def _request_supplement(change: _Change) -> None:
    item = change.item
    if item.supplement_count >= 1:
        raise FeedbackError(
            _("More information may be requested only once."),
            code="supplement_twice",
        )
    item.supplement_request = _need_note(change, _("Say what information is needed."))
    item.supplement_count += 1
    item.supplement_requested_at = change.now


def _supplement(change: _Change) -> None:
    item = change.item
    item.supplement_text = _need_note(change, _("Write the information requested."))
    item.supplemented_at = change.now
    files: Sequence[UploadedFile] = change.data.get("files") or ()
    errors: dict[str, list[str]] = {}
    types = check_files(files, errors)
    if errors:
        raise FeedbackError(
            _("The files could not be added."), code="invalid", extra={"errors": errors}
        )
    attachments_save(item, files, types, change.now)
    _set_dues(item, calendar_for(item.agency_id, change.tree))
    change.event_data["files"] = len(types)


def _forward(change: _Change) -> None:
    item = change.item
    target = change.data.get("agency_id")
    if not _public_agency(target, change.tree) or target == item.agency_id:
        raise field_error(
            _("Choose another agency to forward the feedback to."),
            code="agency",
            field="agency",
        )
    assert isinstance(target, int)  # noqa: S101  # checked by _public_agency
    change.event_data.update({"from_agency": item.agency_id, "to_agency": target})
    item.agency_id = target
    item.clock_start = change.now
    item.forward_count += 1
    item.accepted_at = item.supplement_requested_at = item.supplemented_at = None
    item.supplement_count = 0
    item.assignee = None
    item.assigned_unit = None
    _set_dues(item, calendar_for(target, change.tree))


def _assign(change: _Change) -> None:
    item = change.item
    covered = change.tree.descendants(item.agency_id, scope=ScopeKind.AGENCY)
    unit_id = change.data.get("unit_id")
    assignee_id = change.data.get("assignee_id")
    if unit_id is None and assignee_id is None:
        raise field_error(
            _("Choose a unit or an official."), code="assign", field="assignee"
        )
    if unit_id is not None and unit_id not in covered:
        raise field_error(
            _("Choose a unit of the agency concerned."), code="unit", field="unit"
        )
    assignee = None
    if assignee_id is not None:
        assignee = (
            official_list_for_agencies(agency_ids=covered, on=change.tree.on)
            .filter(pk=assignee_id)
            .first()
        )
        if assignee is None:
            raise field_error(
                _("Choose an official of the agency concerned."),
                code="assignee",
                field="assignee",
            )
    item.assigned_unit_id = unit_id
    item.assignee = assignee
    change.event_data.update({"unit": unit_id, "assignee": assignee_id})


def _answer(change: _Change) -> None:
    item = change.item
    item.answer = _need_note(change, _("Write the answer."))
    item.answered_at = change.now
    item.answered_by = change.actor
    item.publication_due_at = deadlines.publication_due(
        answered_at=change.now, cal=calendar_for(item.agency_id, change.tree)
    )


def _publish(change: _Change) -> None:
    change.item.published_at = change.now


def _reraise(change: _Change) -> None:
    """The citizen is not satisfied with the answer: handling reopens with a new
    15-working-day deadline; the old answer stays in the event."""
    item = change.item
    if item.reraise_count >= 1:
        raise FeedbackError(
            _("An answer may be raised again only once."), code="reraise_twice"
        )
    reason = _need_note(change, _("Say why the answer does not settle the matter."))
    change.event_data["previous_answer"] = item.answer
    item.reraise_count += 1
    item.answered_at = item.published_at = item.publication_due_at = None
    item.clock_start = change.now
    item.supplement_requested_at = item.supplemented_at = None
    _set_dues(item, calendar_for(item.agency_id, change.tree))
    change.note = reason


EFFECTS: dict[A, Callable[[_Change], None]] = {
    A.ACCEPT: _accept,
    A.REFUSE: _refuse,
    A.REQUEST_SUPPLEMENT: _request_supplement,
    A.SUPPLEMENT: _supplement,
    A.FORWARD: _forward,
    A.ASSIGN: _assign,
    A.ANSWER: _answer,
    A.PUBLISH: _publish,
    A.RERAISE: _reraise,
}
_PAST: dict[A, str] = {
    A.ACCEPT: "accepted",
    A.REFUSE: "refused",
    A.REQUEST_SUPPLEMENT: "supplement_requested",
    A.SUPPLEMENT: "supplemented",
    A.FORWARD: "forwarded",
    A.ASSIGN: "assigned",
    A.ANSWER: "answered",
    A.PUBLISH: "published",
    A.RERAISE: "reraised",
}


def _check_may(item: Feedback, action: A, actor: User, tree: AgencyTree) -> None:
    if action in CITIZEN_ACTIONS:
        allowed = item.citizen_id == actor.pk
    else:
        allowed = can_act(
            scope_get(user=actor, on=tree.on, tree=tree),
            tree,
            action=action,
            agency_id=item.agency_id,
            is_assignee=item.assignee_id == actor.pk,
        )
    if not allowed:
        raise PermissionDeniedError(
            _("Your role does not allow this action on this feedback."), code="role"
        )


@transaction.atomic
def feedback_transition(
    *,
    feedback: Feedback,
    action: A,
    actor: User,
    note: str = "",
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Feedback:
    """The one choke point for every change of a feedback item's state."""
    now = now or timezone.now()
    item = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if expected_version is not None and item.row_version != expected_version:
        raise ConflictError(
            _("The feedback was changed by someone else. Reload it and try again."),
            code="stale",
        )
    before = item.status
    try:
        item.status = next_status(FeedbackStatus(before), A(action))
    except (TransitionNotAllowedError, ValueError):
        raise FeedbackError(
            _("“%(action)s” is not possible for feedback that is “%(status)s”.")
            % {"action": A(action).label, "status": FeedbackStatus(before).label},
            code="transition_not_allowed",
        ) from None
    tree = agency_tree_get(on=timezone.localdate(now))
    _check_may(item, A(action), actor, tree)
    errors: dict[str, list[str]] = {}
    text = clean_text(
        note, limit=MAX_NOTE_LENGTH, required=False, errors=errors, field="note"
    )
    if errors:
        raise FeedbackError(
            errors["note"][0], code="too_long", extra={"errors": errors}
        )
    change = _Change(item, A(action), actor, now, text, tree, dict(data or {}))
    EFFECTS[A(action)](change)
    item.due_at = deadlines.next_due(clock_of(item))
    item.row_version += 1
    item.save()
    _event(
        item, A(action), before, actor, now, note=change.note, data=change.event_data
    )
    node = tree.nodes.get(item.agency_id)
    audit_record(
        event_type=f"feedback.feedback.{_PAST[A(action)]}",
        actor=actor,
        obj=item,
        data={
            "code": item.code,
            "from": before,
            "to": item.status,
            **change.event_data,
        },
    )
    citizen_notify(item=item, action=A(action), agency_name=node.name if node else "")
    return item


# -- votes --------------------------------------------------------------------------


@transaction.atomic
def feedback_vote(
    *, feedback: Feedback, user: User, value: str, now: datetime | None = None
) -> FeedbackVote:
    """A citizen likes or dislikes a published answer, once per account."""
    now = now or timezone.now()
    if is_official(user):
        raise PermissionDeniedError(
            _("Answers are rated by citizens."), code="not_citizen"
        )
    if value not in VoteValue.values:
        raise field_error(_("Choose like or dislike."), code="vote", field="value")
    if feedback.status != FeedbackStatus.PUBLISHED:
        raise FeedbackError(
            _("Only published answers can be rated."), code="not_published"
        )
    try:
        with transaction.atomic():
            vote = FeedbackVote.objects.create(
                feedback=feedback, user=user, value=value, created_at=now
            )
    except IntegrityError:
        raise ConflictError(
            _("You have already rated this answer."), code="already_voted"
        ) from None
    counter = "like_count" if value == VoteValue.LIKE else "dislike_count"
    Feedback.objects.filter(pk=feedback.pk).update(**{counter: F(counter) + 1})
    audit_record(
        event_type="feedback.vote.cast",
        actor=user,
        obj=vote,
        data={"code": feedback.code, "value": value},
    )
    return vote
