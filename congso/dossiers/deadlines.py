"""Deadlines and timeliness of dossiers and steps (pure: values in, values out).

Rules (one-stop.md §6–7, QĐ 766):
- the due moment comes from the working calendar (``congso.calendar.worktime``) with
  the supplement pause excluded;
- finished work is *early* before its due day, *on time* on the due day (up to the due
  moment) and *late* after the due moment;
- open work is *within deadline* or *overdue* at a given moment;
- a dossier with more than one supplement request counts *late* whatever its dates;
- a dossier finished after its first appointment is *late* even when an apology gave a
  new date (the apology admits the delay; it does not erase it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from congso.calendar.worktime import Interval, TimeLimit, WorkingCalendar, due_at
from congso.dossiers.constants import Timeliness


def dossier_due_at(
    *,
    received_at: datetime,
    limit: TimeLimit,
    cal: WorkingCalendar,
    pauses: Sequence[Interval] = (),
) -> datetime:
    """The appointment (ngày hẹn trả) for a dossier received at ``received_at``."""
    return due_at(received_at, limit, cal, pauses=pauses)


def classify_finished(finished_at: datetime, due: datetime, tz: tzinfo) -> Timeliness:
    """Trước hạn / đúng hạn / quá hạn of finished work against its due moment."""
    if finished_at > due:
        return Timeliness.LATE
    if finished_at.astimezone(tz).date() == due.astimezone(tz).date():
        return Timeliness.ON_TIME
    return Timeliness.EARLY


def classify_open(now: datetime, due: datetime) -> Timeliness:
    """Trong hạn / quá hạn of unfinished work at ``now``."""
    return Timeliness.OVERDUE if now > due else Timeliness.WITHIN_DEADLINE


@dataclass(frozen=True)
class DossierClock:
    """What the classification of a whole dossier needs."""

    due_at: datetime | None
    finished_at: datetime | None
    supplement_count: int
    original_due_at: datetime | None = None


def classify_dossier(
    clock: DossierClock, *, now: datetime, tz: tzinfo
) -> Timeliness | None:
    """Overall result (QĐ 766 §7.2); None for a dossier not yet received."""
    if clock.supplement_count > 1:
        return Timeliness.LATE
    if clock.due_at is None:
        return None
    if clock.finished_at is not None:
        first_due = clock.original_due_at or clock.due_at
        if clock.finished_at > first_due:
            return Timeliness.LATE
        return classify_finished(clock.finished_at, clock.due_at, tz)
    return classify_open(now, clock.due_at)
