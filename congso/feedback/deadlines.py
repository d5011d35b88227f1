"""Handling deadlines of feedback (PAKN), QĐ 766 indicator 5.2 (pure: values in,
values out; the working calendar is passed in).

From the **clock start** (submission, or the last forwarding to another agency):

- a refusal is on time within **2 working days**;
- the first request for more information within **5 working days**;
- handling is done (answered, *chờ công khai*) within **15 working days**, the time
  the citizen takes to supply information excluded (the clock stops, as for a
  dossier's supplement);
- the answer is published within **2 working days** of being answered.

Working days are counted by the project's one rule (``calendar.worktime``): the
start is normalised to office hours (after the cut-off or on a day off it moves to
the next working day's opening) and N working days end at the close of the N-th
working day after it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from congso.calendar.constants import TimeUnit
from congso.calendar.worktime import (
    Interval,
    TimeLimit,
    WorkingCalendar,
    add_working_days,
    due_at,
)
from congso.feedback.constants import DeadlineState, FeedbackStatus, Timeliness

REFUSAL_DAYS: Final = 2
SUPPLEMENT_DAYS: Final = 5
HANDLING_DAYS: Final = 15
PUBLICATION_DAYS: Final = 2
#: An open item is *due soon* when its next deadline is this close.
DUE_SOON_WITHIN: Final = timedelta(days=2)


@dataclass(frozen=True)
class Dues:
    """The due moments that run from the clock start."""

    refusal: datetime
    supplement: datetime
    handling: datetime


def feedback_dues(
    *, clock_start: datetime, cal: WorkingCalendar, pauses: Sequence[Interval] = ()
) -> Dues:
    """Refusal, first supplement request and handling deadlines."""
    return Dues(
        refusal=add_working_days(clock_start, REFUSAL_DAYS, cal),
        supplement=add_working_days(clock_start, SUPPLEMENT_DAYS, cal),
        handling=due_at(
            clock_start,
            TimeLimit(HANDLING_DAYS, TimeUnit.WORKING_DAYS),
            cal,
            pauses=pauses,
        ),
    )


def publication_due(*, answered_at: datetime, cal: WorkingCalendar) -> datetime:
    """The answer is published (công khai) within 2 working days."""
    return add_working_days(answered_at, PUBLICATION_DAYS, cal)


@dataclass(frozen=True)
class FeedbackClock:
    """What the 5.2 classification of one item needs (stored instants)."""

    status: str
    refusal_due_at: datetime | None = None
    supplement_due_at: datetime | None = None
    handling_due_at: datetime | None = None
    publication_due_at: datetime | None = None
    refused_at: datetime | None = None
    supplement_requested_at: datetime | None = None
    answered_at: datetime | None = None
    published_at: datetime | None = None


def milestone(
    done_at: datetime | None, due: datetime | None, *, now: datetime
) -> Timeliness | None:
    """One deadline: on time / late when done, within deadline / overdue when not."""
    if due is None:
        return None
    if done_at is not None:
        return Timeliness.ON_TIME if done_at <= due else Timeliness.LATE
    return Timeliness.OVERDUE if now > due else Timeliness.WITHIN_DEADLINE


def milestones(clock: FeedbackClock, *, now: datetime) -> dict[str, Timeliness]:
    """Every deadline that applies to the item, by name."""
    found: dict[str, Timeliness | None] = {}
    if clock.refused_at is not None:
        found["refusal"] = milestone(clock.refused_at, clock.refusal_due_at, now=now)
    else:
        if clock.supplement_requested_at is not None:
            found["supplement"] = milestone(
                clock.supplement_requested_at, clock.supplement_due_at, now=now
            )
        if clock.status != FeedbackStatus.SUPPLEMENT_REQUESTED or clock.answered_at:
            found["handling"] = milestone(
                clock.answered_at, clock.handling_due_at, now=now
            )
        if clock.answered_at is not None:
            found["publication"] = milestone(
                clock.published_at, clock.publication_due_at, now=now
            )
    return {name: value for name, value in found.items() if value is not None}


def classify(clock: FeedbackClock, *, now: datetime) -> Timeliness:
    """Overall 5.2 result: late if any deadline was missed, overdue if one is
    passed and still open, on time when all are met, else within deadline."""
    results = set(milestones(clock, now=now).values())
    if Timeliness.LATE in results:
        return Timeliness.LATE
    if Timeliness.OVERDUE in results:
        return Timeliness.OVERDUE
    if Timeliness.WITHIN_DEADLINE in results:
        return Timeliness.WITHIN_DEADLINE
    return Timeliness.ON_TIME


def next_due(clock: FeedbackClock) -> datetime | None:
    """The deadline the item waits on: the decision to accept or refuse while
    submitted, handling while accepted or in handling, publication when answered;
    none while the citizen is asked for information or once it is closed."""
    if clock.status == FeedbackStatus.SUBMITTED:
        return clock.refusal_due_at
    if clock.status in (FeedbackStatus.ACCEPTED, FeedbackStatus.IN_HANDLING):
        return clock.handling_due_at
    if clock.status == FeedbackStatus.ANSWERED:
        return clock.publication_due_at
    return None


def deadline_state(due: datetime | None, *, now: datetime) -> DeadlineState | None:
    """The colour of an open deadline (always shown with its text)."""
    if due is None:
        return None
    if now > due:
        return DeadlineState.OVERDUE
    if due - now <= DUE_SOON_WITHIN:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME
