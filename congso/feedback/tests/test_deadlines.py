"""5.2 deadlines on the official calendar: weekends, Tết, the cut-off hour, a
make-up Saturday, the supplement pause; and the on-time classification."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from congso.calendar.worktime import WorkingCalendar
from congso.feedback import deadlines
from congso.feedback.constants import DeadlineState, FeedbackStatus, Timeliness
from congso.feedback.tests.factories import at

TET_2026 = {date(2026, 2, d) for d in range(16, 21)}
CAL = WorkingCalendar(
    first_day=date(2025, 1, 1),
    last_day=date(2026, 12, 31),
    days_off=frozenset({date(2026, 1, 1), date(2026, 1, 2), *TET_2026}),
    makeup_days=frozenset({date(2026, 1, 10)}),
)


@pytest.mark.parametrize(
    ("start", "refusal", "supplement", "handling"),
    [
        # Monday morning: count from Tuesday.
        (at(2, 3, 9), at(4, 3, 17), at(9, 3, 17), at(23, 3, 17)),
        # Saturday: moves to Monday's opening, count from Tuesday.
        (at(7, 3, 10), at(11, 3, 17), at(16, 3, 17), at(30, 3, 17)),
        # Friday before Tết: the five days off are skipped.
        (at(13, 2, 9), at(24, 2, 17), at(27, 2, 17), at(13, 3, 17)),
        # After the 16:00 cut-off on that Friday: starts on 23/2.
        (at(13, 2, 16, 30), at(25, 2, 17), at(2, 3, 17), at(16, 3, 17)),
        # New Year 2026: 1/1 and 2/1 off, Saturday 10/1 worked.
        (at(31, 12, 9, year=2025), at(6, 1, 17), at(9, 1, 17), at(22, 1, 17)),
    ],
)
def test_dues_follow_the_working_calendar(start, refusal, supplement, handling):
    dues = deadlines.feedback_dues(clock_start=start, cal=CAL)
    assert (dues.refusal, dues.supplement, dues.handling) == (
        refusal,
        supplement,
        handling,
    )


def test_the_supplement_wait_is_not_counted():
    """Three working days waiting for the citizen push handling by three days."""
    dues = deadlines.feedback_dues(
        clock_start=at(2, 3, 9), cal=CAL, pauses=[(at(4, 3, 9), at(9, 3, 9))]
    )
    assert dues.handling == at(26, 3, 17)
    assert dues.refusal == at(4, 3, 17)  # the other deadlines do not move


def test_publication_is_due_two_working_days_after_the_answer():
    assert deadlines.publication_due(answered_at=at(6, 3, 15), cal=CAL) == at(10, 3, 17)
    # Answered the Friday before Tết: published by Tuesday 24/2.
    assert deadlines.publication_due(answered_at=at(13, 2, 10), cal=CAL) == at(
        24, 2, 17
    )


def test_more_days_are_never_earlier():
    start = at(13, 2, 9)
    earlier = deadlines.feedback_dues(clock_start=start, cal=CAL)
    assert earlier.refusal <= earlier.supplement <= earlier.handling
    for day in (earlier.refusal, earlier.supplement, earlier.handling):
        assert CAL.is_working_day(day.date())


def _clock(**values: datetime | str | None) -> deadlines.FeedbackClock:
    base: dict[str, datetime | str | None] = {
        "status": FeedbackStatus.ANSWERED,
        "refusal_due_at": at(4, 3, 17),
        "supplement_due_at": at(9, 3, 17),
        "handling_due_at": at(23, 3, 17),
        "publication_due_at": at(12, 3, 17),
        "answered_at": at(10, 3, 10),
    }
    base.update(values)
    return deadlines.FeedbackClock(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("clock", "now", "expected"),
    [
        (_clock(), at(11, 3, 9), Timeliness.WITHIN_DEADLINE),  # not yet published
        (_clock(), at(13, 3, 9), Timeliness.OVERDUE),  # publication overdue
        (
            _clock(status=FeedbackStatus.PUBLISHED, published_at=at(12, 3, 16)),
            at(20, 3, 9),
            Timeliness.ON_TIME,
        ),
        (
            _clock(status=FeedbackStatus.PUBLISHED, published_at=at(13, 3, 8)),
            at(20, 3, 9),
            Timeliness.LATE,
        ),
        (
            _clock(answered_at=at(24, 3, 8), publication_due_at=at(26, 3, 17)),
            at(25, 3, 9),
            Timeliness.LATE,
        ),
        (
            _clock(
                status=FeedbackStatus.REFUSED,
                answered_at=None,
                refused_at=at(5, 3, 9),
            ),
            at(20, 3, 9),
            Timeliness.LATE,
        ),
        (
            _clock(
                status=FeedbackStatus.IN_HANDLING,
                answered_at=None,
                supplement_requested_at=at(10, 3, 9),
            ),
            at(11, 3, 9),
            Timeliness.LATE,  # the first request came after 5 working days
        ),
        (
            _clock(
                status=FeedbackStatus.SUPPLEMENT_REQUESTED,
                answered_at=None,
                supplement_requested_at=at(3, 3, 9),
            ),
            at(30, 3, 9),
            Timeliness.ON_TIME,  # waiting for the citizen: the clock is stopped
        ),
    ],
)
def test_classification(clock, now, expected):
    assert deadlines.classify(clock, now=now) == expected


def test_next_due_and_colours():
    clock = _clock(status=FeedbackStatus.SUBMITTED, answered_at=None)
    assert deadlines.next_due(clock) == at(4, 3, 17)
    assert deadlines.next_due(_clock()) == at(12, 3, 17)
    assert deadlines.next_due(_clock(status=FeedbackStatus.PUBLISHED)) is None
    due = at(4, 3, 17)
    assert deadlines.deadline_state(due, now=at(3, 3, 9)) == DeadlineState.DUE_SOON
    assert deadlines.deadline_state(due, now=at(1, 3, 9)) == DeadlineState.ON_TIME
    assert deadlines.deadline_state(due, now=at(5, 3, 9)) == DeadlineState.OVERDUE
    assert deadlines.deadline_state(None, now=due) is None
