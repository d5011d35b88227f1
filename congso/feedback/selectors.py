"""Reads of ratings and feedback (PAKN): the citizen's own items, the agencies'
queues, the public list of published answers and the leaders' figures (QĐ 766
indicators 5.1–5.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from congso.accounts.constants import AgencyKind, ScopeKind
from congso.accounts.models import AgencyVersion, User
from congso.accounts.selectors import (
    AgencyNode,
    AgencyTree,
    agency_tree_get,
    official_list_for_agencies,
    scope_get,
    user_is_official,
)
from congso.core.periods import in_force_on
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier
from congso.feedback import deadlines
from congso.feedback.constants import (
    CLOSED_STATUSES,
    SATISFIED_LEVELS,
    DeadlineState,
    FeedbackCategory,
    FeedbackStatus,
    RatingLevel,
    Timeliness,
)
from congso.feedback.models import DossierRating, Feedback, FeedbackEvent, FeedbackVote
from congso.feedback.rules import feedback_agency_ids, rating_agency_ids

PAGE_SIZE: Final = 50
OPEN_STATUSES: Final = [s for s in FeedbackStatus.values if s not in CLOSED_STATUSES]
#: Indicator 5.4: full points at 90 % (index-766.md §2).
SATISFACTION_MAX_POINTS: Final = 6
SATISFACTION_THRESHOLD: Final = 90


def is_official(user: User) -> bool:
    """Staff, or anyone who ever held a role: not a citizen."""
    return user_is_official(user=user)


def agency_choice_list(*, on: date | None = None) -> list[AgencyNode]:
    """Agencies a citizen may address (not internal units), in tree order."""
    tree = agency_tree_get(on=on or timezone.localdate())
    ordered: list[AgencyNode] = []

    def walk(parent: int | None) -> None:
        for child in tree.children.get(parent, []):
            node = tree.nodes[child]
            if node.kind != AgencyKind.INTERNAL_UNIT:
                ordered.append(node)
            walk(child)

    walk(None)
    return ordered


def _agency_name(field_name: str, on: date) -> Subquery:
    return Subquery(
        AgencyVersion.objects.filter(in_force_on(on), agency_id=OuterRef(field_name))
        .order_by("-valid_from")
        .values("name")[:1]
    )


_LATE = (
    Q(refused_at__gt=F("refusal_due_at"))
    | Q(supplement_requested_at__gt=F("supplement_due_at"))
    | Q(answered_at__gt=F("handling_due_at"))
    | Q(published_at__gt=F("publication_due_at"))
)


def _deadline_state(now: datetime) -> Case:
    """Late (a 5.2 deadline missed), else the colour of the deadline it waits on."""
    return Case(
        When(_LATE, then=Value(DeadlineState.LATE)),
        When(due_at__isnull=True, status__in=CLOSED_STATUSES, then=Value("on_time")),
        When(due_at__isnull=True, then=Value("")),
        When(due_at__lt=now, then=Value(DeadlineState.OVERDUE)),
        When(
            due_at__lte=now + deadlines.DUE_SOON_WITHIN,
            then=Value(DeadlineState.DUE_SOON),
        ),
        default=Value(DeadlineState.ON_TIME),
        output_field=CharField(),
    )


def _listing(qs: QuerySet[Feedback], now: datetime) -> QuerySet[Feedback]:
    on = timezone.localdate(now)
    return qs.select_related("assignee").annotate(
        agency_name=_agency_name("agency_id", on),
        deadline_state=_deadline_state(now),
    )


# -- the citizen's side -------------------------------------------------------------


def feedback_list_for_citizen(
    *, user: User, now: datetime | None = None
) -> QuerySet[Feedback]:
    """The citizen's own feedback, newest first (one query)."""
    now = now or timezone.now()
    return _listing(Feedback.objects.filter(citizen=user), now).order_by(
        "-submitted_at", "-id"
    )


def _with_detail(qs: QuerySet[Feedback], now: datetime) -> QuerySet[Feedback]:
    return (
        _listing(qs, now)
        .select_related("dossier")
        .prefetch_related(
            "attachments",
            Prefetch(
                "events", queryset=FeedbackEvent.objects.order_by("occurred_at", "id")
            ),
        )
    )


def feedback_get_for_citizen(
    *, user: User, code: str, now: datetime | None = None
) -> Feedback | None:
    """One of the citizen's own items, or None (another citizen's: not found)."""
    now = now or timezone.now()
    return _with_detail(
        Feedback.objects.filter(citizen=user, code=code.strip().upper()), now
    ).first()


def feedback_list_published(*, now: datetime | None = None) -> QuerySet[Feedback]:
    """Published answers, newest first (the public list; no personal data is
    read but the citizen's name, which the page masks)."""
    now = now or timezone.now()
    return (
        Feedback.objects.filter(status=FeedbackStatus.PUBLISHED)
        .annotate(agency_name=_agency_name("agency_id", timezone.localdate(now)))
        .only(
            "code",
            "category",
            "title",
            "content",
            "answer",
            "contact_name",
            "agency_id",
            "submitted_at",
            "published_at",
            "like_count",
            "dislike_count",
            "status",
        )
        .order_by("-published_at", "-id")
    )


def feedback_get_published(*, code: str) -> Feedback | None:
    return feedback_list_published().filter(code=code.strip().upper()).first()


def vote_of(*, feedback: Feedback, user: User) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        FeedbackVote.objects.filter(feedback=feedback, user=user)
        .values_list("value", flat=True)
        .first()
    )


def dossier_for_rating(*, user: User, code: str) -> Dossier | None:
    """The citizen's own dossier with its rating, or None (→ 404)."""
    if not user.is_authenticated:
        return None
    return (
        Dossier.objects.filter(citizen=user, code=code.strip().upper())
        .select_related("procedure_version", "rating")
        .first()
    )


def dossier_list_to_rate(*, user: User) -> QuerySet[Dossier]:
    """The citizen's finished dossiers not rated yet."""
    return Dossier.objects.filter(
        citizen=user,
        status__in=[
            DossierStatus.RESOLVED,
            DossierStatus.RETURNED,
            DossierStatus.REFUSED,
            DossierStatus.STOPPED,
        ],
        rating__isnull=True,
    ).order_by("-finished_at", "-id")


# -- the officials' side ------------------------------------------------------------


class Queue:
    NEW = "new"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    OPEN = "open"
    ALL = "all"
    VALUES: Final = (NEW, DUE_SOON, OVERDUE, OPEN, ALL)


def _visible(user: User, tree: AgencyTree | None = None) -> Q:
    tree = tree or agency_tree_get(on=timezone.localdate())
    scope = scope_get(user=user, on=tree.on, tree=tree)
    ids = sorted(feedback_agency_ids(scope, tree))
    return Q(agency_id__in=ids) | Q(assignee=user)


def _queue_filter(queue: str, now: datetime) -> Q:
    soon = now + deadlines.DUE_SOON_WITHIN
    return {
        Queue.NEW: Q(status=FeedbackStatus.SUBMITTED),
        Queue.DUE_SOON: Q(status__in=OPEN_STATUSES, due_at__gte=now, due_at__lte=soon),
        Queue.OVERDUE: Q(status__in=OPEN_STATUSES, due_at__lt=now),
        Queue.OPEN: Q(status__in=OPEN_STATUSES),
        Queue.ALL: Q(),
    }[queue]


def is_feedback_official(user: User) -> bool:
    """Does the official handle any agency's feedback (or hold an assignment)?"""
    tree = agency_tree_get(on=timezone.localdate())
    scope = scope_get(user=user, on=tree.on, tree=tree)
    return (
        bool(feedback_agency_ids(scope, tree))
        or Feedback.objects.filter(assignee=user).exists()
    )


def feedback_list_for_official(
    *,
    user: User,
    queue: str = Queue.OPEN,
    status: str = "",
    now: datetime | None = None,
) -> QuerySet[Feedback]:
    """A queue of the feedback the official handles, most urgent first."""
    now = now or timezone.now()
    qs = Feedback.objects.filter(_visible(user), _queue_filter(queue, now))
    if status:
        qs = qs.filter(status=status)
    return _listing(qs, now).order_by(F("due_at").asc(nulls_last=True), "-id")


def feedback_queue_counts(*, user: User, now: datetime | None = None) -> dict[str, int]:
    """How many items wait in each queue (one query)."""
    now = now or timezone.now()
    counts = Feedback.objects.filter(_visible(user)).aggregate(
        **{
            queue: Count("pk", filter=_queue_filter(queue, now))
            for queue in Queue.VALUES
        }
    )
    return {key: int(value or 0) for key, value in counts.items()}


def feedback_get_for_official(
    *, user: User, code: str, now: datetime | None = None
) -> Feedback | None:
    """One item the official handles, or None (another agency's: not found)."""
    now = now or timezone.now()
    return _with_detail(
        Feedback.objects.filter(_visible(user), code=code.strip().upper()), now
    ).first()


@dataclass(frozen=True)
class AssignChoices:
    units: list[AgencyNode]
    officials: list[User]


def assign_choices(*, feedback: Feedback) -> AssignChoices:
    """Units and officials of the agency concerned (two queries at most)."""
    tree = agency_tree_get(on=timezone.localdate())
    covered = tree.descendants(feedback.agency_id, scope=ScopeKind.AGENCY)
    units = [tree.nodes[i] for i in sorted(covered) if i != feedback.agency_id]
    officials = list(official_list_for_agencies(agency_ids=covered, on=tree.on))
    return AssignChoices(units=units, officials=officials)


def counter_dossier_get(*, user: User, code: str) -> Dossier | None:
    """An in-person dossier received at one of the official's desks, or None."""
    from congso.accounts.constants import Role

    tree = agency_tree_get(on=timezone.localdate())
    scope = scope_get(user=user, on=tree.on, tree=tree)
    desks = sorted(scope.agency_ids([Role.RECEPTION_OFFICER]))
    return (
        Dossier.objects.filter(receiving_agency_id__in=desks, code=code.strip().upper())
        .select_related("procedure_version", "rating")
        .first()
    )


# -- leaders' figures ---------------------------------------------------------------


def leader_agency_list(*, user: User) -> list[AgencyNode]:
    """The agencies where the official is a leader (the dashboard's choices)."""
    tree = agency_tree_get(on=timezone.localdate())
    scope = scope_get(user=user, on=tree.on, tree=tree)
    ids = rating_agency_ids(scope)
    return [
        tree.nodes[i]
        for i in sorted(ids)
        if tree.nodes[i].kind != AgencyKind.INTERNAL_UNIT
        and tree.nodes[i].parent_id not in ids
    ]


def leader_covered_ids(*, user: User, agency_id: int) -> frozenset[int] | None:
    """Agencies covered by the dashboard of ``agency_id``, or None when the
    official is not its leader (→ 404)."""
    tree = agency_tree_get(on=timezone.localdate())
    scope = scope_get(user=user, on=tree.on, tree=tree)
    leads = rating_agency_ids(scope)
    if agency_id not in leads:
        return None
    return frozenset(tree.descendants(agency_id, scope=ScopeKind.AGENCY) & leads)


def _rate(part: int, whole: int) -> float | None:
    """A percentage with 2 decimals; None (N/A) for an empty denominator."""
    return round(part * 100 / whole, 2) if whole else None


@dataclass(frozen=True)
class RatingSummary:
    total: int
    by_level: dict[str, int]
    satisfied_rate: float | None


@dataclass(frozen=True)
class FeedbackFigures:
    total: int
    by_category: dict[str, int]
    on_time: int
    on_time_rate: float | None  # 5.2
    unsatisfied: int
    satisfaction_rate: float | None  # 5.3
    late_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProcedureSatisfaction:
    """5.4 = 100 % − (late-dossier rate + rate of dossiers with feedback or a
    dislike), with its parts, over the dossiers finished in the period."""

    dossiers: int
    late: int
    with_feedback_or_dislike: int
    rate: float | None
    points: float | None


@dataclass(frozen=True)
class Dashboard:
    start: date
    end: date
    ratings: RatingSummary
    feedback: FeedbackFigures
    satisfaction: ProcedureSatisfaction


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    low = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    high = datetime.combine(end, datetime.max.time(), tzinfo=tz)
    return low, high


def rating_summary(
    *, agency_ids: frozenset[int], start: date, end: date
) -> RatingSummary:
    low, high = _bounds(start, end)
    counts = DossierRating.objects.filter(
        agency_id__in=sorted(agency_ids), rated_at__range=(low, high)
    ).aggregate(
        **{level: Count("pk", filter=Q(level=level)) for level in RatingLevel.values}
    )
    by_level = {k: int(v or 0) for k, v in counts.items()}
    total = sum(by_level.values())
    satisfied = sum(by_level[level] for level in SATISFIED_LEVELS)
    return RatingSummary(total, by_level, _rate(satisfied, total))


def feedback_figures(
    *, agency_ids: frozenset[int], start: date, end: date, now: datetime
) -> FeedbackFigures:
    """5.1–5.3 over the feedback submitted or forwarded in the period; an open item
    is judged at the period's end (or now), as QĐ 766 does for dossiers."""
    low, high = _bounds(start, end)
    at = min(now, high)
    rows = Feedback.objects.filter(
        agency_id__in=sorted(agency_ids), clock_start__range=(low, high)
    ).only(
        "code",
        "category",
        "status",
        "refusal_due_at",
        "supplement_due_at",
        "handling_due_at",
        "publication_due_at",
        "refused_at",
        "supplement_requested_at",
        "answered_at",
        "published_at",
        "reraise_count",
        "like_count",
        "dislike_count",
    )
    by_category = dict.fromkeys(FeedbackCategory.values, 0)
    on_time = unsatisfied = 0
    late_codes: list[str] = []
    for row in rows:
        by_category[row.category] = by_category.get(row.category, 0) + 1
        result = deadlines.classify(_clock(row), now=at)
        late = result in (Timeliness.LATE, Timeliness.OVERDUE)
        if late:
            late_codes.append(row.code)
        else:
            on_time += 1
        if late or row.reraise_count or row.dislike_count > row.like_count:
            unsatisfied += 1
    total = sum(by_category.values())
    return FeedbackFigures(
        total=total,
        by_category=by_category,
        on_time=on_time,
        on_time_rate=_rate(on_time, total),
        unsatisfied=unsatisfied,
        satisfaction_rate=_rate(total - unsatisfied, total),
        late_codes=sorted(late_codes),
    )


def _clock(row: Feedback) -> deadlines.FeedbackClock:
    return deadlines.FeedbackClock(
        status=row.status,
        refusal_due_at=row.refusal_due_at,
        supplement_due_at=row.supplement_due_at,
        handling_due_at=row.handling_due_at,
        publication_due_at=row.publication_due_at,
        refused_at=row.refused_at,
        supplement_requested_at=row.supplement_requested_at,
        answered_at=row.answered_at,
        published_at=row.published_at,
    )


def procedure_satisfaction(
    *, agency_ids: frozenset[int], start: date, end: date
) -> ProcedureSatisfaction:
    """Indicator 5.4 over the dossiers received by the agencies and finished in
    the period (one query)."""
    low, high = _bounds(start, end)
    late = Q(finished_at__gt=Coalesce("original_due_at", "due_at")) | Q(
        supplement_count__gt=1
    )
    feedback = Exists(Feedback.objects.filter(dossier_id=OuterRef("pk"))) | Exists(
        DossierRating.objects.filter(
            dossier_id=OuterRef("pk"), level=RatingLevel.NOT_SATISFIED
        )
    )
    counts = Dossier.objects.filter(
        receiving_agency_id__in=sorted(agency_ids), finished_at__range=(low, high)
    ).aggregate(
        total=Count("pk"),
        late=Count("pk", filter=late),
        flagged=Count("pk", filter=feedback),
    )
    total, late_n, flagged = (int(counts[k] or 0) for k in ("total", "late", "flagged"))
    rate: float | None = None
    points: float | None = None
    if total:
        rate = round(100 - (late_n * 100 / total + flagged * 100 / total), 2)
        points = round(
            min(
                SATISFACTION_MAX_POINTS,
                SATISFACTION_MAX_POINTS * max(rate, 0) / SATISFACTION_THRESHOLD,
            ),
            2,
        )
    return ProcedureSatisfaction(total, late_n, flagged, rate, points)


def dashboard_get(
    *, agency_ids: frozenset[int], start: date, end: date, now: datetime | None = None
) -> Dashboard:
    now = now or timezone.now()
    return Dashboard(
        start=start,
        end=end,
        ratings=rating_summary(agency_ids=agency_ids, start=start, end=end),
        feedback=feedback_figures(agency_ids=agency_ids, start=start, end=end, now=now),
        satisfaction=procedure_satisfaction(
            agency_ids=agency_ids, start=start, end=end
        ),
    )


def rating_list_for_agencies(
    *, agency_ids: frozenset[int], start: date, end: date
) -> QuerySet[DossierRating]:
    low, high = _bounds(start, end)
    return (
        DossierRating.objects.filter(
            agency_id__in=sorted(agency_ids), rated_at__range=(low, high)
        )
        .select_related("dossier", "recorded_by")
        .order_by("-rated_at", "-id")
    )
