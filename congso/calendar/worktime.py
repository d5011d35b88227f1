"""Pure working-time arithmetic (tính thời hạn theo ngày, giờ làm việc).

No database, no settings, no "now": values in, values out. A :class:`WorkingCalendar`
is built once (by ``congso.calendar.selectors.working_calendar_get``) and is frozen; it
precomputes a **working-day index** so that every operation is O(1) (domain
``calendar.md`` §6.3).

The counting rule (written down in ``docs/subsystems/calendar.md``):

1. **Reception moment** (thời điểm tiếp nhận). On a working day before the cut-off the
   moment is kept (moved to the opening, or to the afternoon start, when it falls before
   the morning or in the lunch break). At or after the cut-off, or on a day off, it moves
   to the **opening of the next working day**. The day of this moment is the
   *reception day* D.
2. **Working days**: count N working days starting the day *after* D; the due moment is
   the end of office hours of the N-th one (N = 0: the end of D).
3. **Working hours**: N hours of office time from the reception moment, across the lunch
   break and days off.
4. **Calendar days** / **months**: D + N days (or N calendar months, clamped to the end
   of a shorter month); a last day that is a day off moves to the next working day;
   the due moment is the end of office hours of that day.
5. **Pauses** (supplement requests, chờ bổ sung): the clock stops while paused; the due
   moment moves later by the paused office time (working units, rounded up to a whole
   day for working days) or by the paused calendar days, rounded up (calendar units).

Internally an instant is an integer of **local microseconds** since midnight of the
first day the calendar covers; a *position* is the office time, in microseconds, worked
since that midnight. Both are exact, so add-then-count round-trips.
"""

from __future__ import annotations

import calendar as std_calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from congso.calendar.constants import TimeUnit

VN_TZ: Final = ZoneInfo("Asia/Ho_Chi_Minh")
US: Final = 1_000_000
HOUR_US: Final = 3600 * US
DAY_US: Final = 24 * HOUR_US


#: Unit codes of :meth:`WorkingCalendar.add_local_array` (NumPy int8 column).
ARRAY_UNITS: Final[dict[TimeUnit, int]] = {
    TimeUnit.WORKING_DAYS: 0,
    TimeUnit.WORKING_HOURS: 1,
    TimeUnit.CALENDAR_DAYS: 2,
}


ARRAY_CHUNK: Final = 16_384


def _check_rows(
    index: npt.NDArray[np.int64], size: int, rows: npt.NDArray[np.bool_]
) -> None:
    """Refuse, for the rows that use it, an index past a table's end."""
    if index.size and bool(np.any((index >= size) & rows)):
        raise IndexError


class WorkTimeError(ValueError):
    """Invalid input to the working-time arithmetic."""


class NaiveDatetimeError(WorkTimeError):
    """A naive datetime was given where an aware one is required."""


class CalendarRangeError(WorkTimeError):
    """The computation left the range of days the calendar covers."""

    def __init__(self, first_day: date, last_day: date) -> None:
        self.first_day = first_day
        self.last_day = last_day
        super().__init__(
            f"Outside the working calendar's range {first_day:%d/%m/%Y}"
            f"-{last_day:%d/%m/%Y}."
        )


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * US + t.microsecond


def _time_from_us(value: int) -> time:
    hours, rest = divmod(value, HOUR_US)
    minutes, rest = divmod(rest, 60 * US)
    seconds, micro = divmod(rest, US)
    return time(hours, minutes, seconds, micro)


def ensure_aware(instant: datetime) -> datetime:
    """Return ``instant`` or raise :class:`NaiveDatetimeError` if it is naive."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise NaiveDatetimeError(
            f"Naive datetime {instant.isoformat()}: pass an aware datetime "
            "(Asia/Ho_Chi_Minh)."
        )
    return instant


@dataclass(frozen=True)
class OfficeHours:
    """Office hours (giờ làm việc) and the afternoon cut-off (giờ chốt tiếp nhận)."""

    morning_start: time = time(7, 30)
    morning_end: time = time(11, 30)
    afternoon_start: time = time(13, 30)
    afternoon_end: time = time(17, 0)
    cutoff: time = time(16, 0)

    def __post_init__(self) -> None:
        if not (
            self.morning_start < self.morning_end <= self.afternoon_start
            and self.afternoon_start < self.afternoon_end
        ):
            raise WorkTimeError("Office hours must be two ordered, disjoint periods.")
        if not self.morning_start < self.cutoff <= self.afternoon_end:
            raise WorkTimeError("The cut-off must fall inside the office day.")

    @property
    def working_day_length(self) -> timedelta:
        """Office time in one working day (e.g. 7 h 30 min)."""
        us = (
            _time_us(self.morning_end)
            - _time_us(self.morning_start)
            + _time_us(self.afternoon_end)
            - _time_us(self.afternoon_start)
        )
        return timedelta(microseconds=us)


@dataclass(frozen=True)
class TimeLimit:
    """A legal time limit (thời hạn giải quyết): a value and a unit."""

    value: int
    unit: TimeUnit

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise WorkTimeError("A time limit is a whole number.")
        if self.value < 0:
            raise WorkTimeError("A time limit cannot be negative.")
        object.__setattr__(self, "unit", TimeUnit(self.unit))


Interval = tuple[datetime, datetime]


@dataclass(frozen=True, eq=False)
class WorkingCalendar:
    """Frozen working calendar (lịch làm việc): days off, make-up working days (ngày
    làm bù) and office hours, over ``first_day``..``last_day`` inclusive.

    A weekday is a working day unless it is in ``days_off``; a Saturday or Sunday is a
    working day only if it is in ``makeup_days``."""

    first_day: date
    last_day: date
    days_off: frozenset[date] = frozenset()
    makeup_days: frozenset[date] = frozenset()
    hours: OfficeHours = field(default_factory=OfficeHours)
    tz: tzinfo = VN_TZ
    _base: int = field(init=False, repr=False)
    _flags: bytes = field(init=False, repr=False)
    _cum: list[int] = field(init=False, repr=False)
    _work: list[int] = field(init=False, repr=False)
    _ms: int = field(init=False, repr=False)
    _me: int = field(init=False, repr=False)
    _as: int = field(init=False, repr=False)
    _ae: int = field(init=False, repr=False)
    _cutoff: int = field(init=False, repr=False)
    _mlen: int = field(init=False, repr=False)
    _wlen: int = field(init=False, repr=False)
    _tables: tuple[list[int], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise WorkTimeError("The calendar's last day precedes its first day.")
        clash = self.days_off & self.makeup_days
        if clash:
            raise WorkTimeError(f"Both day off and make-up day: {sorted(clash)}.")
        base = self.first_day.toordinal()
        size = self.last_day.toordinal() - base + 1
        flags = bytearray(size)
        cum = [0] * size
        work: list[int] = []
        for i in range(size):
            day = date.fromordinal(base + i)
            if (day.weekday() < 5 or day in self.makeup_days) and (
                day not in self.days_off
            ):
                flags[i] = 1
                work.append(i)
            cum[i] = len(work)  # working days in [first_day, day]
        hours = self.hours
        ms, me = _time_us(hours.morning_start), _time_us(hours.morning_end)
        as_, ae = _time_us(hours.afternoon_start), _time_us(hours.afternoon_end)
        values = {
            "_base": base,
            "_flags": bytes(flags),
            "_cum": cum,
            "_work": work,
            "_ms": ms,
            "_me": me,
            "_as": as_,
            "_ae": ae,
            "_cutoff": _time_us(hours.cutoff),
            "_mlen": me - ms,
            "_wlen": me - ms + ae - as_,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_tables", self._batch_tables())

    def _batch_tables(self) -> tuple[list[int], ...]:
        """Per-day tables for :meth:`add_local_many` (a few thousand ints each)."""
        flags, cum, work = self._flags, self._cum, self._work
        # Inputs must lie before the last working day, so every lookup below is
        # defined; anything later falls off the end of a list (IndexError).
        size = work[-1] if work else 0
        nxt = [work[cum[i]] for i in range(size)]
        day_before = [i if flags[i] else work[cum[i]] for i in range(size + 1)]
        cum_before = [cum[d] for d in day_before[:size]]
        cum_after = [cum[d] for d in nxt]
        end_by_count = [-1] + [w * DAY_US + self._ae for w in work]
        roll_end = [d * DAY_US + self._ae for d in day_before]
        work_start = [w * DAY_US for w in work]
        return (
            day_before,
            nxt,
            cum_before,
            cum_after,
            end_by_count,
            roll_end,
            work_start,
        )

    # -- days ----------------------------------------------------------------------
    def _range_error(self) -> CalendarRangeError:
        return CalendarRangeError(self.first_day, self.last_day)

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._base
        if not 0 <= i < len(self._flags):
            raise self._range_error()
        return i

    def _day(self, i: int) -> date:
        return date.fromordinal(self._base + i)

    def is_working_day(self, day: date) -> bool:
        """True if ``day`` is a working day (ngày làm việc)."""
        return bool(self._flags[self._index(day)])

    def _next_working(self, i: int) -> int:
        """Index of the first working day strictly after day index ``i``."""
        k = self._cum[i]
        if k >= len(self._work):
            raise self._range_error()
        return self._work[k]

    def next_working_day(self, day: date) -> date:
        """First working day strictly after ``day``."""
        return self._day(self._next_working(self._index(day)))

    def nth_working_day_after(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day`` (``n`` ≥ 1)."""
        if n < 1:
            raise WorkTimeError("n must be at least 1.")
        k = self._cum[self._index(day)] + n - 1
        if k >= len(self._work):
            raise self._range_error()
        return self._day(self._work[k])

    def working_days_in(self, start: date, end: date) -> int:
        """Number of working days in ``(start, end]`` (negative if end < start)."""
        return self._cum[self._index(end)] - self._cum[self._index(start)]

    # -- local microseconds (the fast core, also used by bench/calendar.py) ----------
    def to_local(self, instant: datetime) -> int:
        """Aware instant → local microseconds since midnight of ``first_day``."""
        local = ensure_aware(instant).astimezone(self.tz)
        i = local.toordinal() - self._base
        if not 0 <= i < len(self._flags):
            raise self._range_error()
        tod = (
            (local.hour * 60 + local.minute) * 60 + local.second
        ) * US + local.microsecond
        return i * DAY_US + tod

    def split_local(self, value: int) -> tuple[int, int]:
        """Local instant → (day index from ``first_day``, time of day in µs)."""
        return divmod(value, DAY_US)

    def from_local(self, value: int) -> datetime:
        """Local microseconds → aware datetime in the calendar's time zone."""
        i, tod = divmod(value, DAY_US)
        return datetime.combine(self._day(i), _time_from_us(tod), tzinfo=self.tz)

    def reception_local(self, value: int) -> int:
        """Normalise a reception moment (rule step 1)."""
        i, tod = divmod(value, DAY_US)
        if self._flags[i] and tod < self._cutoff:
            if tod < self._ms:
                tod = self._ms
            elif self._me <= tod < self._as:
                tod = self._as
            return i * DAY_US + tod
        return self._next_working(i) * DAY_US + self._ms

    def position(self, value: int) -> int:
        """Office time worked from ``first_day`` 00:00 up to a local instant."""
        i, tod = divmod(value, DAY_US)
        if not self._flags[i]:
            return self._cum[i] * self._wlen
        done = (self._cum[i] - 1) * self._wlen
        if tod <= self._ms:
            return done
        if tod <= self._me:
            return done + tod - self._ms
        if tod <= self._as:
            return done + self._mlen
        if tod <= self._ae:
            return done + self._mlen + tod - self._as
        return done + self._wlen

    def from_position(self, pos: int) -> int:
        """The earliest local instant at which ``pos`` office time has been worked."""
        k, rest = divmod(pos, self._wlen)
        if rest == 0 and k > 0:
            if k - 1 >= len(self._work):
                raise self._range_error()
            return self._work[k - 1] * DAY_US + self._ae
        if k >= len(self._work) or pos < 0:
            raise self._range_error()
        if rest <= self._mlen:
            return self._work[k] * DAY_US + self._ms + rest
        return self._work[k] * DAY_US + self._as + rest - self._mlen

    def _roll_end(self, i: int) -> int:
        """End of office hours of day ``i``, or of the next working day."""
        if not 0 <= i < len(self._flags):
            raise self._range_error()
        if not self._flags[i]:
            i = self._next_working(i)
        return i * DAY_US + self._ae

    def _last_calendar_day(self, i: int, value: int, unit: TimeUnit) -> int:
        if unit == TimeUnit.CALENDAR_DAYS:
            return i + value
        day = self._day(i)
        months = day.year * 12 + day.month - 1 + value
        year, month = divmod(months, 12)
        month += 1
        if year > self.last_day.year:
            raise self._range_error()
        last = std_calendar.monthrange(year, month)[1]
        return date(year, month, min(day.day, last)).toordinal() - self._base

    def add_local(self, value: int, amount: int, unit: TimeUnit) -> int:
        """Due moment, in local microseconds, of ``amount`` ``unit`` from reception."""
        start = self.reception_local(value)
        if unit == TimeUnit.WORKING_DAYS:
            return self.from_position(
                (self._cum[start // DAY_US] + amount) * self._wlen
            )
        if unit == TimeUnit.WORKING_HOURS:
            if amount == 0:
                return start
            return self.from_position(self.position(start) + amount * HOUR_US)
        return self._roll_end(self._last_calendar_day(start // DAY_US, amount, unit))

    def add_local_many(
        self, cases: Iterable[tuple[int, int, int, TimeUnit]]
    ) -> list[int]:
        """:meth:`add_local` over many (day index, time of day in microseconds,
        amount, unit) cases at once; returns local instants.

        The same rule, inlined over precomputed per-day tables, for dashboards and
        re-planning (several times faster than calling :meth:`add_local` in a loop).
        :meth:`split_local` gives the (day index, time of day) pair of an instant."""
        cum = self._cum
        day_before, nxt, cum_before, cum_after, end_by_count, roll_end = self._tables[
            :6
        ]
        work_start = self._tables[6]
        ms, me, as_ = self._ms, self._me, self._as
        cutoff, mlen, wlen = self._cutoff, self._mlen, self._wlen
        size = len(nxt)
        wd, wh, cd = (
            TimeUnit.WORKING_DAYS,
            TimeUnit.WORKING_HOURS,
            TimeUnit.CALENDAR_DAYS,
        )
        out: list[int] = []
        append = out.append
        try:
            for i, tod, amount, unit in cases:
                if amount < 0 or not 0 <= i < size:
                    raise IndexError
                if unit is wd:
                    # end of the amount-th working day after the reception day
                    k = cum_before[i] if tod < cutoff else cum_after[i]
                    append(end_by_count[k + amount])
                elif unit is cd:
                    day = day_before[i] if tod < cutoff else nxt[i]
                    append(roll_end[day + amount])
                elif unit is wh:
                    if tod < cutoff and day_before[i] == i:
                        day = i
                        if tod < ms:
                            tod = ms
                        elif me <= tod < as_:
                            tod = as_
                    else:
                        day, tod = nxt[i], ms
                    if amount == 0:
                        append(day * DAY_US + tod)
                        continue
                    within = tod - ms if tod <= me else mlen + tod - as_
                    extra, rest = divmod(within + amount * HOUR_US, wlen)
                    k = cum[day] - 1 + extra
                    if rest == 0:
                        append(end_by_count[k])
                    elif rest <= mlen:
                        append(work_start[k] + ms + rest)
                    else:
                        append(work_start[k] + as_ + rest - mlen)
                else:
                    append(self.add_local(i * DAY_US + tod, amount, unit))
        except IndexError:
            raise self._range_error() from None
        return out

    def add_local_array(
        self,
        day: npt.NDArray[np.int64],
        tod: npt.NDArray[np.int64],
        amount: npt.NDArray[np.int64],
        unit: npt.NDArray[np.int8],
    ) -> npt.NDArray[np.int64]:
        """:meth:`add_local_many` vectorised with NumPy over column arrays (day index,
        time of day in µs, amount, unit code from :data:`ARRAY_UNITS`): the same rule
        and the same tables, for dashboards and re-planning of many dossiers.

        Works in cache-sized chunks: the temporaries of one chunk stay in the CPU
        cache, which is several times faster than whole-column temporaries."""
        out = np.empty(day.shape, dtype=np.int64)
        for lo in range(0, day.size, ARRAY_CHUNK):
            hi = lo + ARRAY_CHUNK
            out[lo:hi] = self._add_local_chunk(
                day[lo:hi], tod[lo:hi], amount[lo:hi], unit[lo:hi]
            )
        return out

    def _add_local_chunk(
        self,
        day: npt.NDArray[np.int64],
        tod: npt.NDArray[np.int64],
        amount: npt.NDArray[np.int64],
        unit: npt.NDArray[np.int8],
    ) -> npt.NDArray[np.int64]:
        tables = self._np_tables()
        day_before, nxt, cum_before, cum_after, end_by_count, roll_end, _ = tables
        if not np.isin(unit, list(ARRAY_UNITS.values())).all():
            raise WorkTimeError("Unknown unit code; use ARRAY_UNITS.")
        if day.size and (day.min() < 0 or day.max() >= len(nxt) or amount.min() < 0):
            raise self._range_error()
        # Every branch runs over the whole column (no boolean compaction, which costs
        # more than the arithmetic); each row then takes its unit's result.
        before = tod < self._cutoff
        is_wd = unit == ARRAY_UNITS[TimeUnit.WORKING_DAYS]
        is_cd = unit == ARRAY_UNITS[TimeUnit.CALENDAR_DAYS]
        k = np.where(before, cum_before[day], cum_after[day]) + amount
        start = np.where(before, day_before[day], nxt[day]) + amount
        try:
            _check_rows(k, len(end_by_count), is_wd)
            _check_rows(start, len(roll_end), is_cd)
            by_hours = self._hours_array(
                day, tod, amount, before, tables, ~(is_wd | is_cd)
            )
        except IndexError:
            raise self._range_error() from None
        by_days = end_by_count[np.minimum(k, len(end_by_count) - 1)]
        by_calendar = roll_end[np.minimum(start, len(roll_end) - 1)]
        return np.where(is_wd, by_days, np.where(is_cd, by_calendar, by_hours))

    def _hours_array(
        self,
        d: npt.NDArray[np.int64],
        t: npt.NDArray[np.int64],
        amount: npt.NDArray[np.int64],
        before: npt.NDArray[np.bool_],
        tables: tuple[npt.NDArray[np.int64], ...],
        rows: npt.NDArray[np.bool_],
    ) -> npt.NDArray[np.int64]:
        day_before, nxt, _cb, _ca, end_by_count, _re, work_start = tables
        ms, me, as_, mlen = self._ms, self._me, self._as, self._mlen
        same = before & (day_before[d] == d)
        t = np.where(
            same, np.where(t < ms, ms, np.where((me <= t) & (t < as_), as_, t)), ms
        )
        d = np.where(same, d, nxt[d])
        within = np.where(t <= me, t - ms, mlen + t - as_)
        extra, rest = np.divmod(within + amount * HOUR_US, self._wlen)
        k = self._np_cum()[d] - 1 + extra
        _check_rows(k, len(work_start), rows)
        k = np.minimum(k, len(work_start) - 1)
        result = np.where(
            rest == 0,
            end_by_count[k],
            np.where(
                rest <= mlen,
                work_start[k] + ms + rest,
                work_start[k] + as_ + rest - mlen,
            ),
        )
        return np.where(amount == 0, d * DAY_US + t, result)

    def _np_tables(self) -> tuple[npt.NDArray[np.int64], ...]:
        cached: tuple[npt.NDArray[np.int64], ...] | None = self.__dict__.get("_np")
        if cached is None:
            cached = tuple(np.asarray(t, dtype=np.int64) for t in self._tables)
            object.__setattr__(self, "_np", cached)
        return cached

    def _np_cum(self) -> npt.NDArray[np.int64]:
        cached: npt.NDArray[np.int64] | None = self.__dict__.get("_np_cum_arr")
        if cached is None:
            cached = np.asarray(self._cum, dtype=np.int64)
            object.__setattr__(self, "_np_cum_arr", cached)
        return cached

    def add_local_paused(
        self,
        value: int,
        amount: int,
        unit: TimeUnit,
        pauses: Sequence[tuple[int, int]],
    ) -> int:
        """As :meth:`add_local`, with the clock stopped during ``pauses`` (sorted,
        disjoint local intervals)."""
        start = self.reception_local(value)
        due = self.add_local(value, amount, unit)
        if unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS):
            p_start, p_due = self.position(start), self.position(due)
            for a, b in pauses:
                pa = max(self.position(a), p_start)
                if pa >= p_due:
                    break
                p_due += max(0, self.position(b) - pa)
            if unit == TimeUnit.WORKING_DAYS:
                p_due = -(-p_due // self._wlen) * self._wlen
            elif p_due == p_start:
                return start
            return self.from_position(p_due)
        last = self._last_calendar_day(start // DAY_US, amount, unit)
        for a, b in pauses:
            a = max(a, start)
            if a >= due:
                break
            if b > a:
                last += -(-(b - a) // DAY_US)
                due = self._roll_end(last)
        return due


# -- public datetime API --------------------------------------------------------------


def _merge(cal: WorkingCalendar, pauses: Iterable[Interval]) -> list[tuple[int, int]]:
    intervals = sorted(
        (cal.to_local(a), cal.to_local(b)) for a, b in pauses if ensure_aware(b) > a
    )
    merged: list[tuple[int, int]] = []
    for a, b in intervals:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def reception_moment(instant: datetime, cal: WorkingCalendar) -> datetime:
    """The normalised reception moment (rule step 1)."""
    return cal.from_local(cal.reception_local(cal.to_local(instant)))


def due_at(
    start: datetime,
    limit: TimeLimit,
    cal: WorkingCalendar,
    *,
    pauses: Iterable[Interval] = (),
) -> datetime:
    """Due moment (hạn giải quyết) of ``limit`` for a dossier received at ``start``.

    ``pauses`` are (from, to) intervals during which the clock is stopped."""
    local = cal.to_local(start)
    merged = _merge(cal, pauses)
    if merged:
        return cal.from_local(
            cal.add_local_paused(local, limit.value, limit.unit, merged)
        )
    return cal.from_local(cal.add_local(local, limit.value, limit.unit))


def add_working_days(start: datetime, days: int, cal: WorkingCalendar) -> datetime:
    """End of office hours of the ``days``-th working day after the reception day."""
    return due_at(start, TimeLimit(days, TimeUnit.WORKING_DAYS), cal)


def add_working_hours(start: datetime, hours: int, cal: WorkingCalendar) -> datetime:
    """The moment ``hours`` hours of office time after the reception moment."""
    return due_at(start, TimeLimit(hours, TimeUnit.WORKING_HOURS), cal)


def add_calendar_days(start: datetime, days: int, cal: WorkingCalendar) -> datetime:
    """End of office hours of reception day + ``days`` (rolled to a working day)."""
    return due_at(start, TimeLimit(days, TimeUnit.CALENDAR_DAYS), cal)


def add_months(start: datetime, months: int, cal: WorkingCalendar) -> datetime:
    """End of office hours of reception day + ``months`` (rolled to a working day)."""
    return due_at(start, TimeLimit(months, TimeUnit.MONTHS), cal)


def working_days_between(start: datetime, end: datetime, cal: WorkingCalendar) -> int:
    """Working days after the reception day of ``start`` up to the day of ``end``."""
    received = cal.reception_local(cal.to_local(start)) // DAY_US
    ended = cal.to_local(end) // DAY_US
    return cal.working_days_in(
        cal.first_day + timedelta(received), cal.first_day + timedelta(ended)
    )


def working_time_between(
    start: datetime,
    end: datetime,
    cal: WorkingCalendar,
    *,
    pauses: Iterable[Interval] = (),
) -> timedelta:
    """Office time between two instants (negative if ``end`` < ``start``), without
    the parts of ``pauses`` that fall inside it."""
    a, b = cal.to_local(start), cal.to_local(end)
    total = cal.position(b) - cal.position(a)
    lo, hi = min(a, b), max(a, b)
    paused = 0
    for pa, pb in _merge(cal, pauses):
        pa, pb = max(pa, lo), min(pb, hi)
        if pb > pa:
            paused += cal.position(pb) - cal.position(pa)
    total -= paused if total >= 0 else -paused
    return timedelta(microseconds=total)
