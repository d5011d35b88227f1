"""Pure working-time arithmetic: the counting rule, worked examples and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congso.calendar.constants import TimeUnit
from congso.calendar.library import official_calendar
from congso.calendar.tests.conftest import vn
from congso.calendar.worktime import (
    VN_TZ,
    CalendarRangeError,
    NaiveDatetimeError,
    OfficeHours,
    TimeLimit,
    WorkingCalendar,
    WorkTimeError,
    add_calendar_days,
    add_months,
    add_working_days,
    add_working_hours,
    due_at,
    reception_moment,
    working_days_between,
    working_time_between,
)

WD, WH = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS
CAL = official_calendar(first_year=2020, last_year=2035)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Domain worked example: Tết 27/1-31/1/2025 is skipped.
        (vn(2025, 1, 24), 10, vn(2025, 2, 14, 17)),
        # The 2026 New Year swap: 1/1 and 2/1 off.
        (vn(2025, 12, 31), 3, vn(2026, 1, 7, 17)),
        # Year boundary.
        (vn(2025, 12, 31), 1, vn(2026, 1, 5, 17)),
        (vn(2024, 12, 31), 1, vn(2025, 1, 2, 17)),
        # Friday before and after the 16:00 cut-off.
        (vn(2025, 3, 7, 15, 59), 1, vn(2025, 3, 10, 17)),
        (vn(2025, 3, 7, 16, 0), 1, vn(2025, 3, 11, 17)),
        (vn(2025, 3, 7, 16, 30), 1, vn(2025, 3, 11, 17)),
        # Saturday reception: the reception day is Monday, counting starts Tuesday.
        (vn(2025, 3, 1), 1, vn(2025, 3, 4, 17)),
        # Eve of Tết 2026 (Mon 16/2 off; break 14/2-22/2).
        (vn(2026, 2, 13), 1, vn(2026, 2, 23, 17)),
        (vn(2026, 2, 15), 1, vn(2026, 2, 24, 17)),
        # The make-up Saturday 10/1/2026 is a working day.
        (vn(2026, 1, 9), 1, vn(2026, 1, 10, 17)),
        (vn(2026, 1, 10), 1, vn(2026, 1, 12, 17)),
        # Before opening and in the lunch break: same reception day.
        (vn(2025, 3, 3, 6, 0), 1, vn(2025, 3, 4, 17)),
        (vn(2025, 3, 3, 12, 0), 0, vn(2025, 3, 3, 17)),
    ],
)
def test_working_days_worked_examples(
    start: datetime, days: int, due: datetime
) -> None:
    """Working days count from the day after the normalised reception day and end at
    the close of office hours."""
    assert add_working_days(start, days, CAL) == due


def test_new_year_swap_changes_the_due_date(library_cal: WorkingCalendar) -> None:
    """Received Wed 31/12/2025, 3 working days: Tue 6/1 with the stock library,
    Wed 7/1 with the official swap."""
    assert add_working_days(vn(2025, 12, 31), 3, library_cal).date() == date(2026, 1, 6)
    assert add_working_days(vn(2025, 12, 31), 3, CAL).date() == date(2026, 1, 7)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (vn(2025, 3, 3, 6, 0), vn(2025, 3, 3, 7, 30)),
        (vn(2025, 3, 3, 9, 15), vn(2025, 3, 3, 9, 15)),
        (vn(2025, 3, 3, 12, 0), vn(2025, 3, 3, 13, 30)),
        (vn(2025, 3, 7, 16, 0), vn(2025, 3, 10, 7, 30)),
        (vn(2025, 3, 8, 10, 0), vn(2025, 3, 10, 7, 30)),
        (vn(2025, 4, 29, 18, 0), vn(2025, 5, 5, 7, 30)),
    ],
)
def test_reception_moment(start: datetime, expected: datetime) -> None:
    """Outside office hours, after the cut-off or on a day off → next opening."""
    assert reception_moment(start, CAL) == expected


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (vn(2025, 3, 3, 10, 0), 1, vn(2025, 3, 3, 11, 0)),
        (vn(2025, 3, 3, 10, 0), 3, vn(2025, 3, 3, 15, 0)),  # across lunch
        (vn(2025, 3, 3, 7, 30), 4, vn(2025, 3, 3, 11, 30)),  # ends at the morning end
        (vn(2025, 3, 3, 15, 0), 4, vn(2025, 3, 4, 9, 30)),  # overnight
        (vn(2025, 3, 7, 15, 0), 4, vn(2025, 3, 10, 9, 30)),  # over a weekend
        (vn(2025, 3, 7, 16, 30), 8, vn(2025, 3, 11, 8, 0)),  # after cut-off
        (vn(2025, 1, 24, 15, 0), 8, vn(2025, 2, 3, 15, 30)),  # over Tết
        (vn(2025, 3, 3, 7, 30), 15, vn(2025, 3, 4, 17, 0)),  # two full days
    ],
)
def test_working_hours(start: datetime, hours: int, due: datetime) -> None:
    """Working hours run inside office hours, across lunch breaks and days off."""
    assert add_working_hours(start, hours, CAL) == due


def test_calendar_days_last_day_off_moves_to_next_working_day() -> None:
    """A calendar-day limit ending on a day off ends on the next working day."""
    assert add_calendar_days(vn(2025, 3, 7), 1, CAL) == vn(2025, 3, 10, 17)
    assert add_calendar_days(vn(2025, 3, 3), 2, CAL) == vn(2025, 3, 5, 17)
    assert add_calendar_days(vn(2025, 4, 25), 5, CAL) == vn(2025, 5, 5, 17)


def test_months_clamp_to_the_end_of_a_short_month() -> None:
    """31/12/2024 + 2 months ends on 28/2/2025 (a Friday)."""
    assert add_months(vn(2024, 12, 31), 2, CAL) == vn(2025, 2, 28, 17)
    assert add_months(vn(2025, 3, 14), 1, CAL) == vn(2025, 4, 14, 17)


def test_pause_is_excluded_from_working_days() -> None:
    """A supplement pause of two working days moves a 5-day due date by two days."""
    start = vn(2025, 3, 3)
    pause = (vn(2025, 3, 4, 8, 0), vn(2025, 3, 6, 8, 0))
    assert add_working_days(start, 5, CAL) == vn(2025, 3, 10, 17)
    limit = TimeLimit(5, WD)
    assert due_at(start, limit, CAL, pauses=[pause]) == vn(2025, 3, 12, 17)
    # A partial day of pause still costs a whole day for a working-day limit.
    short = (vn(2025, 3, 4, 8, 0), vn(2025, 3, 4, 9, 0))
    assert due_at(start, limit, CAL, pauses=[short]) == vn(2025, 3, 11, 17)


def test_pause_is_excluded_from_working_hours_and_counts() -> None:
    """Paused office time is added to the due moment and left out of counts."""
    start = vn(2025, 3, 3, 8, 0)
    pauses = [(vn(2025, 3, 3, 9, 0), vn(2025, 3, 3, 10, 0))]
    limit = TimeLimit(3, WH)
    assert due_at(start, limit, CAL, pauses=pauses) == vn(2025, 3, 3, 14, 0)
    total = working_time_between(start, vn(2025, 3, 3, 14, 0), CAL, pauses=pauses)
    assert total == timedelta(hours=3)
    # A pause after the due moment changes nothing; overlapping pauses merge.
    late = [(vn(2025, 3, 20), vn(2025, 3, 21))]
    assert due_at(start, limit, CAL, pauses=late) == vn(2025, 3, 3, 11, 0)
    twice = [*pauses, (vn(2025, 3, 3, 9, 30), vn(2025, 3, 3, 10, 0))]
    assert due_at(start, limit, CAL, pauses=twice) == vn(2025, 3, 3, 14, 0)


def test_pause_extends_calendar_days() -> None:
    """A paused calendar day moves a calendar-day limit by one day."""
    start = vn(2025, 3, 3)
    pause = [(vn(2025, 3, 4, 9, 0), vn(2025, 3, 4, 15, 0))]
    limit = TimeLimit(2, TimeUnit.CALENDAR_DAYS)
    assert due_at(start, limit, CAL) == vn(2025, 3, 5, 17)
    assert due_at(start, limit, CAL, pauses=pause) == vn(2025, 3, 6, 17)


def test_working_time_between() -> None:
    """Office time between two instants skips nights, lunch, weekends."""
    assert working_time_between(vn(2025, 3, 7), vn(2025, 3, 10), CAL) == timedelta(
        hours=7, minutes=30
    )
    assert working_time_between(vn(2025, 3, 3, 11), vn(2025, 3, 3, 14), CAL) == (
        timedelta(hours=1)
    )
    assert working_time_between(vn(2025, 3, 10), vn(2025, 3, 7), CAL) == -timedelta(
        hours=7, minutes=30
    )


def test_other_time_zones_are_converted() -> None:
    """An evening in UTC may already be the next day in Vietnam."""
    utc_evening = datetime(2025, 3, 2, 23, 0, tzinfo=UTC)  # Mon 3/3 06:00 in Vietnam
    assert add_working_days(utc_evening, 1, CAL) == vn(2025, 3, 4, 17)
    after_cutoff = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)  # 16:30 in Vietnam
    assert add_working_days(after_cutoff, 1, CAL) == vn(2025, 3, 5, 17)


def test_naive_datetime_is_rejected() -> None:
    """Naive datetimes are refused with a clear error."""
    with pytest.raises(NaiveDatetimeError, match="aware"):
        add_working_days(datetime(2025, 3, 3, 10, 0), 1, CAL)


def test_bad_limits_and_ranges_are_rejected() -> None:
    """Negative limits and dates outside the calendar raise WorkTimeError."""
    with pytest.raises(WorkTimeError):
        TimeLimit(-1, WD)
    with pytest.raises(ValueError, match="not a valid"):
        TimeLimit(1, "fortnights")  # type: ignore[arg-type]
    with pytest.raises(CalendarRangeError):
        add_working_days(vn(2019, 12, 31), 1, CAL)
    with pytest.raises(CalendarRangeError):
        add_working_days(vn(2035, 12, 20), 30, CAL)
    with pytest.raises(WorkTimeError):
        OfficeHours(morning_start=time(12, 0))
    with pytest.raises(WorkTimeError):
        OfficeHours(cutoff=time(18, 0))


def test_office_hours_are_data() -> None:
    """Another schedule (08:00-12:00, 13:00-17:00, cut-off 15:00) changes results."""
    hours = OfficeHours(time(8), time(12), time(13), time(17), time(15))
    other = WorkingCalendar(
        first_day=date(2025, 1, 1),
        last_day=date(2025, 12, 31),
        days_off=CAL.days_off,
        makeup_days=CAL.makeup_days,
        hours=hours,
    )
    assert hours.working_day_length == timedelta(hours=8)
    assert add_working_days(vn(2025, 3, 3, 15, 30), 1, other) == vn(2025, 3, 5, 17)
    assert add_working_hours(vn(2025, 3, 3, 11), 2, other) == vn(2025, 3, 3, 14)


# -- properties ----------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2022, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=st.just(VN_TZ),
)
counts = st.integers(min_value=0, max_value=60)


def _is_working_instant(moment: datetime) -> bool:
    hours = CAL.hours
    t = moment.timetz().replace(tzinfo=None)
    in_hours = (
        hours.morning_start <= t <= hours.morning_end
        or hours.afternoon_start <= t <= hours.afternoon_end
    )
    return CAL.is_working_day(moment.date()) and in_hours


@settings(max_examples=300, deadline=None)
@given(start=instants, n=counts, unit=st.sampled_from(list(TimeUnit)))
def test_result_is_a_working_instant(start: datetime, n: int, unit: TimeUnit) -> None:
    """Every due moment falls inside office hours of a working day."""
    n = n % 13 if unit == TimeUnit.MONTHS else n
    due = due_at(start, TimeLimit(n, unit), CAL)
    assert due.tzinfo is VN_TZ
    assert _is_working_instant(due)
    assert due >= reception_moment(start, CAL)


@settings(max_examples=300, deadline=None)
@given(start=instants, n=counts, extra=counts, unit=st.sampled_from(list(TimeUnit)))
def test_more_time_is_never_earlier(
    start: datetime, n: int, extra: int, unit: TimeUnit
) -> None:
    """A longer limit never gives an earlier due moment; nor does a later start."""
    if unit == TimeUnit.MONTHS:
        n, extra = n % 13, extra % 13
    assert due_at(start, TimeLimit(n, unit), CAL) <= due_at(
        start, TimeLimit(n + extra, unit), CAL
    )
    later = start + timedelta(hours=extra)
    assert due_at(start, TimeLimit(n, unit), CAL) <= due_at(
        later, TimeLimit(n, unit), CAL
    )


@settings(max_examples=300, deadline=None)
@given(start=instants, n=counts)
def test_add_then_count_round_trips(start: datetime, n: int) -> None:
    """Counting from the start to the computed due moment gives the limit back."""
    due = add_working_days(start, n, CAL)
    assert working_days_between(start, due, CAL) == n
    due_hours = add_working_hours(start, n, CAL)
    received = reception_moment(start, CAL)
    assert working_time_between(received, due_hours, CAL) == timedelta(hours=n)


@settings(max_examples=200, deadline=None)
@given(
    start=instants,
    n=counts,
    pause_start=st.integers(min_value=0, max_value=30 * 24),
    pause_hours=st.integers(min_value=0, max_value=200),
)
def test_pause_never_makes_a_due_date_earlier(
    start: datetime, n: int, pause_start: int, pause_hours: int
) -> None:
    """Pauses only ever push the due moment later, by the paused office time."""
    a = start + timedelta(hours=pause_start)
    b = a + timedelta(hours=pause_hours)
    limit = TimeLimit(n, WH)
    plain = due_at(start, limit, CAL)
    paused = due_at(start, limit, CAL, pauses=[(a, b)])
    assert paused >= plain
    received = reception_moment(start, CAL)
    assert working_time_between(received, paused, CAL, pauses=[(a, b)]) == timedelta(
        hours=n
    )


@settings(max_examples=300, deadline=None)
@given(start=instants, n=counts, unit=st.sampled_from(list(TimeUnit)))
def test_batch_agrees_with_single_calls(
    start: datetime, n: int, unit: TimeUnit
) -> None:
    """``add_local_many`` (the dashboard path) gives exactly ``add_local``'s result."""
    n = n % 13 if unit == TimeUnit.MONTHS else n
    local = CAL.to_local(start)
    day, tod = CAL.split_local(local)
    assert CAL.add_local_many([(day, tod, n, unit)]) == [CAL.add_local(local, n, unit)]


def test_batch_rejects_out_of_range() -> None:
    """The batch path raises CalendarRangeError rather than wrapping around."""
    with pytest.raises(CalendarRangeError):
        CAL.add_local_many([(-1, 0, 1, WD)])
    with pytest.raises(CalendarRangeError):
        CAL.add_local_many([(10, 0, 100_000, WD)])
    with pytest.raises(CalendarRangeError):
        CAL.add_local_many([(10, 0, -1, WD)])
