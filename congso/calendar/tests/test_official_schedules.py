"""The official public-sector schedules 2022-2026 (domain calendar.md §3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from congso.calendar.selectors import working_calendar_get
from congso.calendar.worktime import WorkingCalendar


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _weekdays(first: date, last: date) -> list[date]:
    return [d for d in _span(first, last) if d.weekday() < 5]


# Weekdays off, exactly as published (weekends are off anyway).
OFFICIAL_DAYS_OFF: dict[int, list[date]] = {
    2022: [
        date(2022, 1, 3),
        *_weekdays(date(2022, 1, 31), date(2022, 2, 4)),
        date(2022, 4, 11),
        date(2022, 5, 2),
        date(2022, 5, 3),
        date(2022, 9, 1),
        date(2022, 9, 2),
    ],
    2023: [
        date(2023, 1, 2),
        date(2023, 1, 20),
        *_weekdays(date(2023, 1, 23), date(2023, 1, 26)),
        *_weekdays(date(2023, 5, 1), date(2023, 5, 3)),
        date(2023, 9, 1),
        date(2023, 9, 4),
    ],
    2024: [
        date(2024, 1, 1),
        *_weekdays(date(2024, 2, 8), date(2024, 2, 14)),
        date(2024, 4, 18),
        *_weekdays(date(2024, 4, 29), date(2024, 5, 1)),
        date(2024, 9, 2),
        date(2024, 9, 3),
    ],
    2025: [
        date(2025, 1, 1),
        *_weekdays(date(2025, 1, 27), date(2025, 1, 31)),
        date(2025, 4, 7),
        *_weekdays(date(2025, 4, 30), date(2025, 5, 2)),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ],
    2026: [
        date(2026, 1, 1),
        date(2026, 1, 2),
        *_weekdays(date(2026, 2, 16), date(2026, 2, 20)),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        *_weekdays(date(2026, 8, 31), date(2026, 9, 2)),
        date(2026, 11, 24),
    ],
}
MAKEUP_SATURDAYS = [
    date(2024, 5, 4),
    date(2025, 4, 26),
    date(2026, 1, 10),
    date(2026, 8, 22),
]
ALL_OFF = [(d.year, d) for days in OFFICIAL_DAYS_OFF.values() for d in days]


@pytest.fixture
def db_cal(db: None) -> WorkingCalendar:
    """The calendar built from the library and the seeded table."""
    return working_calendar_get()


@pytest.mark.parametrize(("year", "day"), ALL_OFF)
def test_official_day_off_is_not_a_working_day(
    cal: WorkingCalendar, year: int, day: date
) -> None:
    """Every published weekday off is a day off."""
    assert day.weekday() < 5
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", MAKEUP_SATURDAYS)
def test_makeup_saturday_is_a_working_day(cal: WorkingCalendar, day: date) -> None:
    """Make-up Saturdays (ngày làm bù) are working days."""
    assert day.weekday() == 5
    assert cal.is_working_day(day)


@pytest.mark.parametrize("year", sorted(OFFICIAL_DAYS_OFF))
def test_weekdays_off_match_the_published_schedule_exactly(
    cal: WorkingCalendar, year: int
) -> None:
    """No weekday is off unless it is published, and every Saturday or Sunday is off
    unless it is a make-up day."""
    days = _span(date(year, 1, 1), date(year, 12, 31))
    off = {d for d in days if d.weekday() < 5 and not cal.is_working_day(d)}
    assert off == set(OFFICIAL_DAYS_OFF[year])
    worked_weekend = {d for d in days if d.weekday() >= 5 and cal.is_working_day(d)}
    assert worked_weekend == {d for d in MAKEUP_SATURDAYS if d.year == year}


@pytest.mark.parametrize(
    "day", [date(2024, 3, 12), date(2025, 6, 18), date(2026, 1, 9), date(2026, 11, 25)]
)
def test_normal_weekday_is_a_working_day(cal: WorkingCalendar, day: date) -> None:
    """An ordinary weekday is a working day."""
    assert cal.is_working_day(day)


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(OFFICIAL_DAYS_OFF))
def test_database_calendar_matches_the_published_schedule(
    db_cal: WorkingCalendar, year: int
) -> None:
    """The calendar built from the seeded table agrees with the published one."""
    days = _span(date(year, 1, 1), date(year, 12, 31))
    off = {d for d in days if d.weekday() < 5 and not db_cal.is_working_day(d)}
    assert off == set(OFFICIAL_DAYS_OFF[year])
    for day in MAKEUP_SATURDAYS:
        assert db_cal.is_working_day(day)


def test_stock_library_misses_the_2026_new_year_swap(
    library_cal: WorkingCalendar,
) -> None:
    """Why the table exists: ``holidays`` 0.109 works on 2/1/2026, rests on 10/1."""
    assert library_cal.is_working_day(date(2026, 1, 2))
    assert not library_cal.is_working_day(date(2026, 1, 10))
