"""Reads of one-stop dossiers: visibility, timelines, timeliness."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Final

from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import Agency, AgencyVersion, User
from congso.accounts.rules import user_scope
from congso.accounts.selectors import (
    Scope,
    agency_tree_get,
    official_list_for_agencies,
    role_assignment_list_for_user,
    scope_get,
)
from congso.catalog.models import ProcedureReason
from congso.catalog.selectors import procedure_list_published
from congso.core.periods import in_force_on
from congso.core.text import fold_vi, nfc
from congso.dossiers import deadlines
from congso.dossiers.codes import code_spellings
from congso.dossiers.constants import (
    SIGNED_SUFFIX,
    TERMINAL_STATUSES,
    DossierAction,
    DossierStatus,
    Timeliness,
)
from congso.dossiers.models import (
    DeadlineWarning,
    Dossier,
    DossierAttachment,
    DossierComment,
    DossierComponent,
    DossierEvent,
    DossierPayment,
    ProcessingStep,
)
from congso.dossiers.rules import (
    ACTION_GRANTS,
    COMPETENT,
    DECIDERS,
    RECEIVING,
    STEP,
    can_attach,
    can_comment,
)
from congso.dossiers.workflow import allowed_actions
from congso.notifications.selectors import (
    NotificationEntry,
    notification_list_for_object,
)

#: Who may assign or reassign a dossier at the agency holding it.
ASSIGNERS: Final = DECIDERS


def dossier_timeliness(dossier: Dossier, *, now: datetime) -> Timeliness | None:
    """Overall early / on time / late (or within deadline / overdue) at ``now``."""
    clock = deadlines.DossierClock(
        due_at=dossier.due_at,
        finished_at=dossier.finished_at,
        supplement_count=dossier.supplement_count,
        original_due_at=dossier.original_due_at,
    )
    return deadlines.classify_dossier(
        clock, now=now, tz=timezone.get_current_timezone()
    )


def dossier_list_visible(*, user: User, on: date | None = None) -> QuerySet[Dossier]:
    """Dossiers an official may see: received by, decided by, or with a step at an
    agency in their scope."""
    ids = sorted(scope_get(user=user, on=on or timezone.localdate()).agency_ids())
    return Dossier.objects.filter(
        Q(receiving_agency_id__in=ids)
        | Q(competent_agency_id__in=ids)
        | Q(
            pk__in=ProcessingStep.objects.filter(agency_id__in=ids).values("dossier_id")
        )
    )


# -- work queues and search ---------------------------------------------------------

#: "Due soon" (sắp đến hạn): open work whose appointment falls within this span from
#: now. A simple calendar span, not working time: 2 days warns on Thursday for a
#: Monday appointment only from Saturday, which the desk accepts (one-stop.md §7.3).
DUE_SOON_WITHIN: Final = timedelta(days=2)

#: States in which the clock runs (supplement pauses it; finished work has ended).
RUNNING = (DossierStatus.RECEIVED, DossierStatus.IN_PROGRESS)
UNFINISHED = (
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.IN_PROGRESS,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.RESOLVED,
)

QUEUE_PAGE_SIZE: Final = 50
EXPORT_LIMIT: Final = 5000


class Queue(models.TextChoices):
    """An official's work queues (hàng đợi công việc)."""

    TO_RECEIVE = "to_receive", _("To receive")
    TO_HANDLE = "to_handle", _("To handle")
    TO_APPROVE = "to_approve", _("To approve")
    TO_RETURN = "to_return", _("To return")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ALL = "all", _("All visible")


class DeadlineState(models.TextChoices):
    """The colour of a deadline, always shown with its text."""

    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


def queue_filters(scope: Scope, *, now: datetime) -> dict[Queue, Q]:
    """Each queue as a filter over the dossiers visible to the official.

    - to_receive: submitted (online/postal) or received and not yet forwarded, at a
      receiving unit where the official is a reception officer;
    - to_handle: in processing at an agency where the official is a specialist or
      unit head, with a current step for a specialist or unit head;
    - to_approve: in processing with the current step for an agency leader at an
      agency in the official's leader scope;
    - to_return: result ready at a receiving unit in the official's reception scope;
    - due_soon: clock running, appointment within ``DUE_SOON_WITHIN``, held by
      (received, decided or currently at) an agency in the official's scope;
    - overdue: the same, appointment passed;
    - all: unfinished dossiers held by an agency in the official's scope.

    Every queue carries its own agency condition, so the pages never need the
    wider :func:`dossier_list_visible` (whose step sub-query is what made them slow
    at a million dossiers); search and the dossier page still use it."""
    held = _held_by(sorted(scope.agency_ids()))
    desks = sorted(scope.agency_ids([Role.RECEPTION_OFFICER]))
    handlers = sorted(scope.agency_ids([Role.SPECIALIST, Role.UNIT_HEAD]))
    leaders = sorted(scope.agency_ids([Role.AGENCY_LEADER]))
    return {
        Queue.TO_RECEIVE: Q(
            status__in=[DossierStatus.SUBMITTED, DossierStatus.RECEIVED],
            receiving_agency_id__in=desks,
        ),
        Queue.TO_HANDLE: Q(
            status=DossierStatus.IN_PROGRESS,
            current_agency_id__in=handlers,
            current_role__in=[Role.SPECIALIST, Role.UNIT_HEAD],
        ),
        Queue.TO_APPROVE: Q(
            status=DossierStatus.IN_PROGRESS,
            current_agency_id__in=leaders,
            current_role=Role.AGENCY_LEADER,
        ),
        Queue.TO_RETURN: Q(
            status=DossierStatus.RESOLVED, receiving_agency_id__in=desks
        ),
        Queue.DUE_SOON: held
        & Q(status__in=RUNNING, due_at__gte=now, due_at__lte=now + DUE_SOON_WITHIN),
        Queue.OVERDUE: held & Q(status__in=RUNNING, due_at__lt=now),
        Queue.ALL: held & Q(status__in=UNFINISHED),
    }


def _held_by(ids: list[int]) -> Q:
    """Dossiers received, decided or currently held by one of the agencies."""
    return (
        Q(receiving_agency_id__in=ids)
        | Q(competent_agency_id__in=ids)
        | Q(current_agency_id__in=ids)
    )


def search_filter(q: str) -> Q:
    """Code (as typed or upper-cased), personal ID (exact) or applicant name ignoring case
    and diacritics ("nguyen van an" finds "Nguyễn Văn An"). Special characters are
    plain text: LIKE wildcards are escaped by the ORM and there is no FTS syntax."""
    text = " ".join(nfc(q).split())[:100]
    if not text:
        return Q()
    return (
        Q(code__in=code_spellings(text))
        | Q(personal_id=text)
        | Q(applicant_folded__contains=fold_vi(text))
    )


def _agency_name(field: str, on: date) -> Subquery:
    return Subquery(
        AgencyVersion.objects.filter(in_force_on(on), agency_id=OuterRef(field))
        .order_by("-valid_from")
        .values("name")[:1]
    )


def _deadline_state(now: datetime) -> Case:
    return Case(
        When(
            finished_at__isnull=False,
            finished_at__gt=Coalesce("original_due_at", "due_at"),
            then=Value(DeadlineState.OVERDUE),
        ),
        When(finished_at__isnull=False, then=Value(DeadlineState.ON_TIME)),
        When(due_at__isnull=True, then=Value("")),
        When(
            status=DossierStatus.SUPPLEMENT_REQUESTED, then=Value(DeadlineState.ON_TIME)
        ),
        When(due_at__lt=now, then=Value(DeadlineState.OVERDUE)),
        When(due_at__lte=now + DUE_SOON_WITHIN, then=Value(DeadlineState.DUE_SOON)),
        default=Value(DeadlineState.ON_TIME),
        output_field=models.CharField(),
    )


def _with_listing(qs: QuerySet[Dossier], *, now: datetime) -> QuerySet[Dossier]:
    """What a list row shows, in the same query: procedure, agency names as of
    today, assignee, and the deadline state at ``now``."""
    on = timezone.localdate(now)
    return qs.select_related("procedure_version__procedure", "assignee").annotate(
        receiving_agency_name=_agency_name("receiving_agency_id", on),
        current_agency_name=_agency_name("current_agency_id", on),
        deadline_state=_deadline_state(now),
    )


@dataclass(frozen=True)
class QueueFilters:
    """Filters of a queue page, already validated."""

    queue: Queue = Queue.ALL
    q: str = ""
    status: str = ""
    deadline: str = ""


def dossier_list_queue(
    *, user: User, filters: QueueFilters, now: datetime | None = None
) -> QuerySet[Dossier]:
    """One of the official's queues, filtered, most urgent first. A search (code,
    personal ID, name) looks through everything the official may see, finished
    dossiers included. Constant number of queries."""
    now = now or timezone.now()
    scope = user_scope(user)
    if filters.q or filters.status:
        qs = dossier_list_visible(user=user, on=scope.on).filter(
            search_filter(filters.q)
        )
        if filters.queue != Queue.ALL:
            qs = qs.filter(queue_filters(scope, now=now)[filters.queue])
    else:
        qs = Dossier.objects.filter(queue_filters(scope, now=now)[filters.queue])
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = _with_listing(qs, now=now)
    if filters.deadline:
        # annotated by _with_listing, which the stubs cannot follow
        qs = qs.filter(deadline_state=filters.deadline)  # type: ignore[misc]
    return qs.order_by(F("due_at").asc(nulls_last=True), "id")


def dossier_queue_counts(*, user: User, now: datetime | None = None) -> dict[str, int]:
    """How many dossiers wait in each queue (one query over unfinished dossiers)."""
    now = now or timezone.now()
    scope = user_scope(user)
    if not scope.roles:
        return dict.fromkeys(Queue.values, 0)
    filters = queue_filters(scope, now=now)
    counts = Dossier.objects.filter(filters[Queue.ALL]).aggregate(
        **{
            str(queue): Count("pk", filter=condition)
            for queue, condition in filters.items()
        }
    )
    return {str(k): int(v or 0) for k, v in counts.items()}


# -- one dossier --------------------------------------------------------------------


@dataclass(frozen=True)
class DossierNotes:
    """Officials' comments and working files on a dossier (internal, never shown
    to the applicant), and whether the viewer may add to them."""

    dossier: Dossier
    steps: Sequence[ProcessingStep] = ()
    comments: list[DossierComment] = field(default_factory=list)
    attachments: list[DossierAttachment] = field(default_factory=list)
    can_comment: bool = False
    can_attach: bool = False
    #: Authors may withdraw their own files while the dossier is unfinished.
    unfinished: bool = False


@dataclass(frozen=True)
class DossierDetail:
    """A dossier with its documents, steps, timeline and what the viewer may do."""

    dossier: Dossier
    components: list[DossierComponent]
    steps: Sequence[ProcessingStep]
    events: list[DossierEvent]
    actions: list[DossierAction]
    reasons: list[ProcedureReason]
    can_assign: bool
    assignees: list[User]
    notes: DossierNotes | None = None
    notifications: Sequence[NotificationEntry] = ()
    payments: Sequence[DossierPayment] = ()


def dossier_get_visible(
    *, user: User, code: str, now: datetime | None = None
) -> Dossier | None:
    """The dossier with this code if the official may see it (else ``None`` → 404)."""
    now = now or timezone.now()
    return (
        _with_listing(dossier_list_visible(user=user), now=now)
        .filter(code__in=code_spellings(code))
        .first()
    )


def dossier_actions_for(
    *, scope: Scope, dossier: Dossier, step_agency_id: int | None
) -> list[DossierAction]:
    """Actions the workflow allows now and the official's roles grant here."""
    targets = {
        RECEIVING: dossier.receiving_agency_id,
        COMPETENT: dossier.competent_agency_id,
        STEP: step_agency_id,
    }
    return [
        action
        for action in allowed_actions(DossierStatus(dossier.status))
        if action != DossierAction.SUPPLEMENT or dossier.paused_at is not None
        if any(
            targets[where] is not None and scope.covers(targets[where] or 0, roles)
            for roles, where in ACTION_GRANTS[action]
        )
    ]


def dossier_assign_allowed(*, scope: Scope, dossier: Dossier) -> bool:
    """Unit heads and leaders assign open work at the agency holding it."""
    return (
        dossier.current_agency_id is not None
        and dossier.status not in TERMINAL_STATUSES
        and scope.covers(dossier.current_agency_id, ASSIGNERS)
    )


def dossier_detail_get(
    *, user: User, code: str, now: datetime | None = None
) -> DossierDetail | None:
    """Everything the detail page shows, in a fixed number of queries."""
    now = now or timezone.now()
    dossier = dossier_get_visible(user=user, code=code, now=now)
    if dossier is None:
        return None
    scope = user_scope(user)
    steps = list(
        dossier.steps.annotate(
            agency_name=_agency_name("agency_id", scope.on)
        ).order_by("order")
    )
    current = next((s for s in steps if s.order == dossier.current_step), None)
    can_assign = dossier_assign_allowed(scope=scope, dossier=dossier)
    assignees: list[User] = []
    if can_assign and dossier.current_agency_id is not None:
        assignees = list(
            official_list_for_agencies(
                agency_ids=[dossier.current_agency_id], on=scope.on
            )
        )
    return DossierDetail(
        dossier=dossier,
        components=list(dossier.components.order_by("id")),
        steps=steps,
        events=list(
            dossier.events.select_related("actor").order_by("occurred_at", "id")
        ),
        actions=dossier_actions_for(
            scope=scope,
            dossier=dossier,
            step_agency_id=current.agency_id if current else None,
        ),
        reasons=list(dossier.procedure_version.reasons.order_by("kind", "code")),
        can_assign=can_assign,
        assignees=assignees,
        notes=_notes(scope=scope, dossier=dossier, steps=steps),
        notifications=notification_list_for_object(
            object_type="dossiers.dossier", object_id=dossier.code
        ),
        payments=list(dossier.payments.order_by("paid_at")),
    )


# -- comments and working files (ý kiến, tài liệu đính kèm) -------------------------


def _notes(
    *, scope: Scope, dossier: Dossier, steps: Sequence[ProcessingStep]
) -> DossierNotes:
    """Two queries whatever the number of notes; permissions from loaded steps."""
    return DossierNotes(
        dossier=dossier,
        steps=steps,
        comments=list(
            DossierComment.objects.filter(dossier=dossier)
            .select_related("step")
            .order_by("created_at", "id")
        ),
        attachments=list(
            DossierAttachment.objects.filter(dossier=dossier)
            .select_related("dossier", "step")
            .order_by("created_at", "id")
        ),
        can_comment=can_comment(
            scope,
            agency_ids=[
                dossier.receiving_agency_id,
                dossier.competent_agency_id,
                *(s.agency_id for s in steps),
            ],
        ),
        can_attach=can_attach(
            scope,
            unfinished=dossier.status not in TERMINAL_STATUSES,
            receiving_agency_id=dossier.receiving_agency_id,
            held_step_agency_ids=[s.agency_id for s in steps if s.started_at],
        ),
        unfinished=dossier.status not in TERMINAL_STATUSES,
    )


def dossier_notes_get(*, user: User, code: str) -> DossierNotes | None:
    """Comments and working files of a dossier the official may see (else
    ``None`` → 404), with what they may add. Constant number of queries."""
    dossier = (
        dossier_list_visible(user=user).filter(code__in=code_spellings(code)).first()
    )
    if dossier is None:
        return None
    steps = list(ProcessingStep.objects.filter(dossier=dossier).order_by("order"))
    return _notes(scope=user_scope(user), dossier=dossier, steps=steps)


def dossier_attachment_get_visible(
    *, user: User, code: str, attachment_id: int
) -> DossierAttachment | None:
    """One working file of a dossier the official may see (else ``None`` → 404)."""
    return (
        DossierAttachment.objects.filter(
            pk=attachment_id,
            dossier__code__in=code_spellings(code),
            dossier__in=dossier_list_visible(user=user),
        )
        .select_related("dossier")
        .first()
    )


def reception_desk_list(*, user: User) -> list[tuple[int, str]]:
    """Receiving units where the official is a reception officer today: (id, name)."""
    tree = agency_tree_get(on=timezone.localdate())
    return [(i, tree.nodes[i].name) for i in sorted(_desks(user)) if i in tree.nodes]


def _desks(user: User) -> dict[int, Agency]:
    today = timezone.localdate()
    return {
        a.agency_id: a.agency
        for a in role_assignment_list_for_user(user=user, on=today)
        if a.role == Role.RECEPTION_OFFICER
    }


def reception_desk_get(*, user: User, agency_id: int | None = None) -> Agency | None:
    """The receiving unit if the official is a reception officer there today (their
    first desk when ``agency_id`` is not given). ``dossier_receive`` checks the
    scope again on the day's tree."""
    desks = _desks(user)
    if agency_id is None and desks:
        agency_id = min(desks)
    return desks.get(agency_id) if agency_id is not None else None


def procedure_choice_list(*, on: date) -> list[tuple[int, str]]:
    """Published procedure versions in force on ``on``, for the reception form."""
    return [
        (v.pk, f"{v.procedure.local_code or v.procedure.national_code} — {v.name}")
        for v in procedure_list_published(on=on)
    ]


def deadline_warning_list_for_user(
    *, user: User, since: date, limit: int = 8
) -> list[DeadlineWarning]:
    """The official's deadline warnings from ``since`` on, newest first."""
    return list(
        DeadlineWarning.objects.filter(recipient=user, day__gte=since)
        .select_related("dossier")
        .order_by("-day", "dossier__due_at")[:limit]
    )


def dossier_list_register(
    *, user: User, agency_id: int, start: date, end: date
) -> QuerySet[Dossier]:
    """The tracking book (sổ theo dõi hồ sơ) of a receiving unit: dossiers received
    there between two days, for the unit's reception officers. Empty when the
    official is not one."""
    scope = scope_get(user=user, on=timezone.localdate())
    if not scope.covers(agency_id, ("reception_officer",)):
        return Dossier.objects.none()
    tz = timezone.get_current_timezone()
    return Dossier.objects.filter(
        receiving_agency_id=agency_id,
        received_at__gte=datetime.combine(start, time.min, tzinfo=tz),
        received_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    ).order_by("received_at", "pk")


def dossier_signed_results(*, dossier: Dossier) -> list[DossierAttachment]:
    """The dossier's electronic results signed by the agency (the signed copies
    made by ``services.results``), newest first, withdrawn ones left out."""
    return list(
        DossierAttachment.objects.filter(
            dossier=dossier, title__endswith=SIGNED_SUFFIX, withdrawn_at__isnull=True
        ).order_by("-created_at", "-id")
    )
