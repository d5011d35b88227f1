"""Writes of the working calendar: overrides of the official calendar table (ngày nghỉ,
ngày làm bù) and office hours (giờ làm việc). Each write is audited; the built calendar
is rebuilt on the next read (see ``selectors.working_calendar_get``)."""

from __future__ import annotations

import unicodedata
from datetime import date, time
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from congso.calendar.constants import OFF_KINDS, DayKind, DaySource
from congso.calendar.library import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR
from congso.calendar.models import CalendarDay, WorkSchedule
from congso.calendar.selectors import library_day_map, working_calendar_cache_clear
from congso.calendar.worktime import OfficeHours, WorkTimeError
from congso.core.errors import ApplicationError, NotFoundError

Actor = AbstractBaseUser | None


def _audit(
    event_type: str,
    actor: Actor,
    obj: Any,
    data: dict[str, Any],
    **extra: Any,
) -> None:
    from congso.audit.services import audit_record

    audit_record(event_type=event_type, actor=actor, obj=obj, data=data, **extra)


def _day_data(row: CalendarDay) -> dict[str, Any]:
    return {
        "date": row.date.isoformat(),
        "kind": row.kind,
        "name_vi": row.name_vi,
        "legal_basis": row.legal_basis,
        "source": row.source,
    }


def calendar_day_validate(*, day: date, kind: DayKind | str) -> DayKind:
    """Check that ``kind`` may be set on ``day``; return the kind (no write)."""
    try:
        kind = DayKind(kind)
    except ValueError:
        raise ApplicationError(
            _("Unknown kind of calendar day."), code="invalid_kind"
        ) from None
    if not DEFAULT_FIRST_YEAR <= day.year <= DEFAULT_LAST_YEAR:
        raise ApplicationError(
            _("The date is outside the period covered by the working calendar."),
            code="out_of_range",
        )
    weekend = day.weekday() >= 5
    if kind == DayKind.MAKEUP_WORKDAY and not weekend:
        raise ApplicationError(
            _("A make-up working day must be a Saturday or a Sunday."),
            code="makeup_not_weekend",
        )
    if kind in (DayKind.COMPENSATORY_OFF, DayKind.SWAP_OFF) and weekend:
        raise ApplicationError(
            _("A compensatory or swapped day off must be a weekday (Monday-Friday)."),
            code="day_off_on_weekend",
        )
    if kind == DayKind.CANCELLED_HOLIDAY:
        library = library_day_map().get(day)
        if library is None or library.kind not in OFF_KINDS:
            raise ApplicationError(
                _("Only a day off from the holiday library can be cancelled."),
                code="nothing_to_cancel",
            )
    return kind


@transaction.atomic
def calendar_day_set(
    *,
    day: date,
    kind: DayKind | str,
    name_vi: str,
    legal_basis: str = "",
    note: str = "",
    actor: Actor,
) -> CalendarDay:
    """Add or change the official calendar entry of ``day`` (source: administrator)."""
    kind = calendar_day_validate(day=day, kind=kind)
    name_vi = unicodedata.normalize("NFC", name_vi.strip())
    if not name_vi:
        raise ApplicationError(_("The name is required."), code="name_required")
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    previous = _day_data(row) if row is not None else None
    if row is None:
        row = CalendarDay(
            date=day, created_by_id=actor.pk if actor is not None else None
        )
    row.kind = kind
    row.name_vi = name_vi
    row.legal_basis = unicodedata.normalize("NFC", legal_basis.strip())
    row.note = unicodedata.normalize("NFC", note.strip())
    row.source = DaySource.ADMIN
    row.full_clean()
    row.save()
    _audit(
        "calendar.calendar_day.set",
        actor,
        row,
        {**_day_data(row), "previous": previous},
    )
    transaction.on_commit(working_calendar_cache_clear)
    return row


@transaction.atomic
def calendar_day_remove(*, day: date, actor: Actor) -> None:
    """Remove an administrator's entry; library days are cancelled, not removed."""
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None:
        raise NotFoundError(_("There is no calendar entry for this date."))
    if row.source == DaySource.LIBRARY:
        raise ApplicationError(
            _(
                "A day from the holiday library cannot be removed; mark it as a "
                "cancelled holiday instead."
            ),
            code="library_day",
        )
    pk, data = row.pk, _day_data(row)
    row.delete()
    _audit(
        "calendar.calendar_day.removed",
        actor,
        None,
        data,
        object_type="workcalendar.calendarday",
        object_id=pk,
    )
    transaction.on_commit(working_calendar_cache_clear)


def _schedule_data(schedule: WorkSchedule) -> dict[str, Any]:
    return {
        "name": schedule.name,
        "morning_start": schedule.morning_start.isoformat(),
        "morning_end": schedule.morning_end.isoformat(),
        "afternoon_start": schedule.afternoon_start.isoformat(),
        "afternoon_end": schedule.afternoon_end.isoformat(),
        "cutoff_time": schedule.cutoff_time.isoformat(),
        "valid_from": schedule.valid_from.isoformat(),
        "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
        "is_default": schedule.is_default,
    }


def _apply_schedule(
    schedule: WorkSchedule,
    *,
    name: str,
    hours: OfficeHours,
    valid_from: date,
    valid_to: date | None,
    is_default: bool,
) -> None:
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise ApplicationError(_("The name is required."), code="name_required")
    if valid_to is not None and valid_to < valid_from:
        raise ApplicationError(
            _("The end of validity cannot precede its start."), code="validity"
        )
    schedule.name = name
    schedule.morning_start = hours.morning_start
    schedule.morning_end = hours.morning_end
    schedule.afternoon_start = hours.afternoon_start
    schedule.afternoon_end = hours.afternoon_end
    schedule.cutoff_time = hours.cutoff
    schedule.valid_from = valid_from
    schedule.valid_to = valid_to
    if is_default:
        WorkSchedule.objects.filter(is_default=True).exclude(pk=schedule.pk).update(
            is_default=False
        )
    schedule.is_default = is_default
    schedule.save()


def _office_hours(
    morning_start: time,
    morning_end: time,
    afternoon_start: time,
    afternoon_end: time,
    cutoff_time: time,
) -> OfficeHours:
    try:
        return OfficeHours(
            morning_start, morning_end, afternoon_start, afternoon_end, cutoff_time
        )
    except WorkTimeError:
        raise ApplicationError(
            _(
                "Office hours must be a morning and an afternoon period in order, "
                "with the cut-off inside the office day."
            ),
            code="office_hours",
        ) from None


@transaction.atomic
def work_schedule_update(
    *,
    schedule: WorkSchedule | None,
    name: str,
    morning_start: time,
    morning_end: time,
    afternoon_start: time,
    afternoon_end: time,
    cutoff_time: time,
    valid_from: date,
    valid_to: date | None = None,
    is_default: bool = False,
    actor: Actor,
) -> WorkSchedule:
    """Change office hours and cut-off (``schedule=None`` creates a schedule)."""
    hours = _office_hours(
        morning_start, morning_end, afternoon_start, afternoon_end, cutoff_time
    )
    if schedule is not None:
        schedule = WorkSchedule.objects.select_for_update().get(pk=schedule.pk)
        previous: dict[str, Any] | None = _schedule_data(schedule)
    else:
        schedule, previous = WorkSchedule(), None
    _apply_schedule(
        schedule,
        name=name,
        hours=hours,
        valid_from=valid_from,
        valid_to=valid_to,
        is_default=is_default,
    )
    _audit(
        "calendar.work_schedule.updated",
        actor,
        schedule,
        {**_schedule_data(schedule), "previous": previous},
    )
    transaction.on_commit(working_calendar_cache_clear)
    return schedule
