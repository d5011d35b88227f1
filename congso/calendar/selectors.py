"""Reads of the working calendar (lịch làm việc).

:func:`working_calendar_get` builds the frozen :class:`WorkingCalendar` from the
``holidays`` package overlaid by the official calendar table, and caches it per process.
Every call checks a cheap version token (row count and latest ``updated_at`` of both
tables, two aggregate queries), so an override saved by any process takes effect on
the next computation, without a restart."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congso.calendar.constants import DayKind, DaySource
from congso.calendar.library import (
    DEFAULT_FIRST_YEAR,
    DEFAULT_LAST_YEAR,
    LibraryDay,
    calendar_from_days,
    library_days,
)
from congso.calendar.models import CalendarDay, WorkSchedule
from congso.calendar.worktime import (
    CalendarRangeError,
    OfficeHours,
    TimeLimit,
    WorkingCalendar,
    WorkTimeError,
    due_at,
    reception_moment,
)
from congso.core.errors import ApplicationError
from congso.core.freshness import VersionToken

_lock = threading.Lock()
_cache: dict[
    tuple[int | None, time | None], tuple[tuple[Any, ...], WorkingCalendar]
] = {}


@functools.cache
def _library(first_year: int, last_year: int) -> tuple[LibraryDay, ...]:
    return tuple(library_days(range(first_year, last_year + 1)))


def library_day_map() -> dict[date, LibraryDay]:
    """Library days of the covered years, by date (no query)."""
    return {row.day: row for row in _library(DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR)}


def _version_token() -> tuple[Any, ...]:
    """Row count and latest change of both tables, in one round trip."""
    days, schedules = CalendarDay._meta.db_table, WorkSchedule._meta.db_table
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {days}), (SELECT MAX(updated_at) FROM {days}), "  # noqa: S608  # model tables
        f"(SELECT COUNT(*) FROM {schedules}), (SELECT MAX(updated_at) FROM {schedules})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(row) if row else ()


calendar_version = VersionToken(_version_token)


def work_schedule_get_default() -> WorkSchedule | None:
    """The default office-hours schedule (giờ hành chính), if any."""
    return WorkSchedule.objects.filter(is_default=True).first()


def office_hours_of(schedule: WorkSchedule | None) -> OfficeHours:
    """The pure :class:`OfficeHours` of a schedule (defaults when there is none)."""
    if schedule is None:
        return OfficeHours()
    return OfficeHours(
        morning_start=schedule.morning_start,
        morning_end=schedule.morning_end,
        afternoon_start=schedule.afternoon_start,
        afternoon_end=schedule.afternoon_end,
        cutoff=schedule.cutoff_time,
    )


def _build(schedule_id: int | None) -> WorkingCalendar:
    if schedule_id is None:
        schedule = work_schedule_get_default()
    else:
        schedule = WorkSchedule.objects.filter(pk=schedule_id).first()
    first, last = date(DEFAULT_FIRST_YEAR, 1, 1), date(DEFAULT_LAST_YEAR, 12, 31)
    table = [
        LibraryDay(row.date, DayKind(row.kind), row.name_vi, row.legal_basis)
        for row in CalendarDay.objects.filter(date__range=(first, last))
    ]
    return calendar_from_days(
        [*_library(DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR), *table],
        hours=office_hours_of(schedule),
    )


def working_calendar_get(
    *, schedule_id: int | None = None, cutoff: time | None = None
) -> WorkingCalendar:
    """The working calendar for a schedule (``None``: the default schedule), with
    its afternoon cut-off replaced by ``cutoff`` when given (a procedure's own).

    At most one query a second (the version token, ``core.freshness``) when cached;
    the schedule and the table on a rebuild."""
    token = calendar_version.get()
    key = (schedule_id, cutoff)
    cached = _cache.get(key)
    if cached is not None and cached[0] == token:
        return cached[1]
    with _lock:
        cal = _build(schedule_id)
        if cutoff is not None and cutoff != cal.hours.cutoff:
            cal = replace(cal, hours=replace(cal.hours, cutoff=cutoff))
        _cache[key] = (token, cal)
    return cal


def working_calendar_cache_clear() -> None:
    """Forget the calendars built by this process."""
    _cache.clear()
    calendar_version.expire()


@dataclass(frozen=True)
class EffectiveDay:
    """A day off on a weekday, or a worked Saturday/Sunday, as finally in force."""

    date: date
    kind: str
    name_vi: str
    legal_basis: str
    source: str
    is_working_day: bool


def calendar_day_list_effective(*, year: int) -> list[EffectiveDay]:
    """Weekdays off and make-up working days of ``year`` (library + table)."""
    cal = working_calendar_get()
    if not cal.first_day.year <= year <= cal.last_day.year:
        raise ApplicationError(
            _("The year is outside the period covered by the working calendar."),
            code="out_of_range",
        )
    rows = {row.date: row for row in CalendarDay.objects.filter(date__year=year)}
    library = library_day_map()
    days: list[EffectiveDay] = []
    day = date(year, 1, 1)
    while day.year == year:
        working = cal.is_working_day(day)
        if working == (day.weekday() >= 5):
            row = rows.get(day)
            lib = library.get(day)
            if row is not None:
                kind, name, basis = row.kind, row.name_vi, row.legal_basis
                source = row.source
            elif lib is not None:
                kind, name, basis = lib.kind, lib.name_vi, lib.legal_basis
                source = DaySource.LIBRARY
            else:  # pragma: no cover - every off weekday comes from one of them
                kind, name, basis, source = DayKind.HOLIDAY, "", "", DaySource.LIBRARY
            days.append(
                EffectiveDay(
                    date=day,
                    kind=str(kind),
                    name_vi=name,
                    legal_basis=basis,
                    source=str(source),
                    is_working_day=working,
                )
            )
        day += timedelta(days=1)
    return days


@dataclass(frozen=True)
class DueDate:
    """A computed due moment (hạn giải quyết)."""

    start: datetime
    received_at: datetime
    due_at: datetime
    limit: TimeLimit


def due_date_get(
    *, start: datetime, limit: TimeLimit, schedule_id: int | None = None
) -> DueDate:
    """Due moment of ``limit`` from ``start`` on the current calendar.

    Raises :class:`ApplicationError` when the dates leave the calendar's range."""
    cal = working_calendar_get(schedule_id=schedule_id)
    try:
        return DueDate(
            start=start,
            received_at=reception_moment(start, cal),
            due_at=due_at(start, limit, cal),
            limit=limit,
        )
    except CalendarRangeError as exc:
        raise ApplicationError(
            gettext(
                "The date is outside the period covered by the working calendar "
                "(%(first)s-%(last)s)."
            )
            % {
                "first": f"{exc.first_day:%d/%m/%Y}",
                "last": f"{exc.last_day:%d/%m/%Y}",
            },
            code="out_of_range",
        ) from exc
    except WorkTimeError as exc:  # pragma: no cover - inputs are validated first
        raise ApplicationError(code="invalid") from exc
