"""Services: overrides of the official calendar table and office hours."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.core.management import call_command

from congso.audit.models import AuditEvent
from congso.calendar.constants import DayKind, DaySource, TimeUnit
from congso.calendar.models import CalendarDay, WorkSchedule
from congso.calendar.selectors import due_date_get, working_calendar_get
from congso.calendar.services import (
    calendar_day_remove,
    calendar_day_set,
    work_schedule_update,
)
from congso.calendar.tests.conftest import vn
from congso.calendar.worktime import TimeLimit
from congso.core.errors import ApplicationError, NotFoundError

pytestmark = pytest.mark.django_db

ONE_DAY = TimeLimit(1, TimeUnit.WORKING_DAYS)


@pytest.fixture
def official(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="lich", password="x")


def test_seed_has_the_2026_new_year_swap_and_default_schedule() -> None:
    """The data migration seeds library days, the official swap and office hours."""
    off = CalendarDay.objects.get(date=date(2026, 1, 2))
    worked = CalendarDay.objects.get(date=date(2026, 1, 10))
    assert off.kind == DayKind.SWAP_OFF
    assert worked.kind == DayKind.MAKEUP_WORKDAY
    assert off.legal_basis == "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
    assert CalendarDay.objects.filter(source=DaySource.LIBRARY).count() > 60
    schedule = WorkSchedule.objects.get(is_default=True)
    assert schedule.name == "Giờ hành chính"
    assert (schedule.morning_start, schedule.cutoff_time) == (time(7, 30), time(16, 0))


def test_seed_command_is_idempotent() -> None:
    """Running calendar_seed again writes nothing and keeps admin rows."""
    before = CalendarDay.objects.count()
    call_command("calendar_seed", "--from", "2022", "--to", "2027", verbosity=0)
    assert CalendarDay.objects.count() == before


def test_override_takes_effect_without_restart(official: Any) -> None:
    """A day off set through the service moves the next due date; removing it
    moves it back, with the calendar cached in between."""
    start = vn(2026, 11, 30)  # Monday
    assert due_date_get(start=start, limit=ONE_DAY).due_at == vn(2026, 12, 1, 17)
    calendar_day_set(
        day=date(2026, 12, 1),
        kind=DayKind.HOLIDAY,
        name_vi="Ngày nghỉ của tỉnh",
        legal_basis="Quyết định 1/QĐ-UBND",
        actor=official,
    )
    assert due_date_get(start=start, limit=ONE_DAY).due_at == vn(2026, 12, 2, 17)
    calendar_day_remove(day=date(2026, 12, 1), actor=official)
    assert due_date_get(start=start, limit=ONE_DAY).due_at == vn(2026, 12, 1, 17)


def test_the_cached_calendar_asks_the_database_once_an_interval(
    settings: Any, django_assert_num_queries: Any
) -> None:
    settings.VERSION_TOKEN_MS = 60_000
    working_calendar_get()
    with django_assert_num_queries(0):  # within the interval: not even the token
        working_calendar_get()
    settings.VERSION_TOKEN_MS = 0
    with django_assert_num_queries(1):  # the version token only
        working_calendar_get()


def test_a_change_in_this_process_is_seen_at_once(settings: Any) -> None:
    settings.VERSION_TOKEN_MS = 60_000
    assert working_calendar_get().is_working_day(date(2026, 12, 1))
    CalendarDay.objects.create(
        date=date(2026, 12, 1), kind=DayKind.HOLIDAY, name_vi="Nghỉ"
    )
    assert not working_calendar_get().is_working_day(date(2026, 12, 1))


def test_a_change_by_another_process_is_seen_after_the_interval(settings: Any) -> None:
    """``bulk_create`` sends no signal: to this process it is another's write."""
    settings.VERSION_TOKEN_MS = 60_000
    assert working_calendar_get().is_working_day(date(2026, 12, 1))
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=date(2026, 12, 1), kind=DayKind.HOLIDAY, name_vi="Nghỉ")]
    )
    assert working_calendar_get().is_working_day(date(2026, 12, 1))  # still cached
    settings.VERSION_TOKEN_MS = 0  # the interval has passed
    assert not working_calendar_get().is_working_day(date(2026, 12, 1))


def test_cancel_a_library_holiday(official: Any) -> None:
    """Culture Day 24/11 can be cancelled; the day becomes a working day."""
    day = date(2026, 11, 24)
    assert not working_calendar_get().is_working_day(day)
    row = calendar_day_set(
        day=day, kind=DayKind.CANCELLED_HOLIDAY, name_vi="Không nghỉ", actor=official
    )
    assert row.source == DaySource.ADMIN
    assert working_calendar_get().is_working_day(day)


def test_set_and_remove_are_audited(official: Any) -> None:
    """Each write leaves an audit event with the day's data."""
    row = calendar_day_set(
        day=date(2026, 12, 7),
        kind="swap_off",
        name_vi="Nghỉ hoán đổi",
        actor=official,
    )
    event = AuditEvent.objects.get(event_type="calendar.calendar_day.set")
    assert event.object_id == str(row.pk)
    assert event.data["kind"] == "swap_off"
    assert event.actor_id == official.pk
    calendar_day_remove(day=date(2026, 12, 7), actor=official)
    assert AuditEvent.objects.filter(event_type="calendar.calendar_day.removed").count()
    assert not CalendarDay.objects.filter(date=date(2026, 12, 7)).exists()


@pytest.mark.parametrize(
    ("day", "kind", "code"),
    [
        (date(2026, 12, 2), DayKind.MAKEUP_WORKDAY, "makeup_not_weekend"),
        (date(2026, 12, 5), DayKind.COMPENSATORY_OFF, "day_off_on_weekend"),
        (date(2026, 12, 6), DayKind.SWAP_OFF, "day_off_on_weekend"),
        (date(2026, 12, 2), DayKind.CANCELLED_HOLIDAY, "nothing_to_cancel"),
        (date(2026, 12, 2), "bogus", "invalid_kind"),
        (date(1999, 12, 2), DayKind.HOLIDAY, "out_of_range"),
    ],
)
def test_invalid_days_are_refused(
    official: Any, day: date, kind: str, code: str
) -> None:
    """Invalid overrides raise ApplicationError and store nothing."""
    before = CalendarDay.objects.count()
    with pytest.raises(ApplicationError) as info:
        calendar_day_set(day=day, kind=kind, name_vi="X", actor=official)
    assert info.value.code == code
    assert CalendarDay.objects.count() == before
    assert not AuditEvent.objects.filter(event_type__startswith="calendar.").exists()


def test_library_rows_cannot_be_removed(official: Any) -> None:
    """A library day is cancelled, not removed; a missing date is a 404."""
    with pytest.raises(ApplicationError) as info:
        calendar_day_remove(day=date(2026, 9, 2), actor=official)
    assert info.value.code == "library_day"
    with pytest.raises(NotFoundError):
        calendar_day_remove(day=date(2026, 12, 9), actor=official)


def test_work_schedule_update_changes_cutoff(official: Any) -> None:
    """A new cut-off is used by the next computation, and is audited."""
    schedule = WorkSchedule.objects.get(is_default=True)
    start = vn(2026, 11, 30, 15, 30)  # Monday, before 16:00
    assert due_date_get(start=start, limit=ONE_DAY).due_at == vn(2026, 12, 1, 17)
    work_schedule_update(
        schedule=schedule,
        name="Giờ hành chính",
        morning_start=time(7, 30),
        morning_end=time(11, 30),
        afternoon_start=time(13, 30),
        afternoon_end=time(17, 0),
        cutoff_time=time(15, 0),
        valid_from=date(2020, 1, 1),
        is_default=True,
        actor=official,
    )
    assert due_date_get(start=start, limit=ONE_DAY).due_at == vn(2026, 12, 2, 17)
    event = AuditEvent.objects.get(event_type="calendar.work_schedule.updated")
    assert event.data["cutoff_time"] == "15:00:00"
    assert event.data["previous"]["cutoff_time"] == "16:00:00"


def test_work_schedule_update_refuses_disordered_hours(official: Any) -> None:
    """Office hours out of order are refused with an ApplicationError."""
    schedule = WorkSchedule.objects.get(is_default=True)
    with pytest.raises(ApplicationError) as info:
        work_schedule_update(
            schedule=schedule,
            name="Sai",
            morning_start=time(11, 30),
            morning_end=time(7, 30),
            afternoon_start=time(13, 30),
            afternoon_end=time(17, 0),
            cutoff_time=time(16, 0),
            valid_from=date(2020, 1, 1),
            actor=official,
        )
    assert info.value.code == "office_hours"


def test_a_second_default_schedule_replaces_the_first(official: Any) -> None:
    """Creating a default schedule clears the flag on the old one."""
    created = work_schedule_update(
        schedule=None,
        name="Bộ phận một cửa (thứ Bảy)",
        morning_start=time(8),
        morning_end=time(12),
        afternoon_start=time(13),
        afternoon_end=time(17),
        cutoff_time=time(16),
        valid_from=date(2026, 1, 1),
        is_default=True,
        actor=official,
    )
    assert list(WorkSchedule.objects.filter(is_default=True)) == [created]


def test_a_procedure_cutoff_gives_its_own_calendar() -> None:
    """A procedure's 15:00 cut-off replaces the schedule's for that calendar only."""
    from datetime import time

    default = working_calendar_get()
    early = working_calendar_get(cutoff=time(15, 0))
    assert early.hours.cutoff == time(15, 0)
    assert default.hours.cutoff != time(15, 0)
    assert working_calendar_get(cutoff=time(15, 0)) is early  # cached
