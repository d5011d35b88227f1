"""Time rules of the document office (NĐ 30 Art. 4, 18, 21; pure).

Incoming documents are registered the day they arrive, at the latest the next
working day; urgent ones at once (the same day). Handling deadlines are dates;
a document is overdue once the day after its deadline has begun."""

from __future__ import annotations

from datetime import date

from congso.calendar.worktime import WorkingCalendar
from congso.documents.constants import Urgency


def registration_due(arrived: date, urgency: str, cal: WorkingCalendar) -> date:
    """The last day an incoming document may be registered: the arrival day for
    urgent documents, else the next working day after arrival."""
    if urgency != Urgency.NORMAL:
        return arrived
    return cal.nth_working_day_after(arrived, 1)


def handling_due(start: date, working_days: int, cal: WorkingCalendar) -> date:
    """A deadline ``working_days`` working days after ``start``."""
    return cal.nth_working_day_after(start, working_days)


def is_overdue(deadline: date | None, *, finished: date | None, today: date) -> bool:
    """Late: finished after the deadline, or unfinished and past it."""
    if deadline is None:
        return False
    return (finished or today) > deadline


def is_due_soon(deadline: date | None, *, today: date, days: int = 2) -> bool:
    """Unfinished and due within ``days`` calendar days (today included)."""
    return deadline is not None and 0 <= (deadline - today).days <= days
