"""Benchmark: due dates with the working-day index vs a naive day-by-day reference.

    .venv/bin/python -m bench.calendar [--n 1000000] [--seed 7]

Builds the calendar from the ``holidays`` package plus the official swaps in code (no
database), draws ``n`` random (reception instant, time limit) cases over 2022-2027 and
computes every due moment with the O(1) working-day index (vectorised with NumPy
``add_local_array``, the pure-Python batch ``add_local_many`` and one ``add_local``
call per case) and with the naive reference below, which walks day by day over sets of dates. Prints the
speed-up (target >= 25x) and the agreement rate (must be 100 %). A sample is also
checked through the public datetime API ``due_at``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time as clock
from datetime import date, timedelta

import django
import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.dev")
django.setup()

from congso.calendar.constants import TimeUnit  # noqa: E402
from congso.calendar.library import official_calendar  # noqa: E402
from congso.calendar.worktime import (  # noqa: E402
    ARRAY_UNITS,
    DAY_US,
    HOUR_US,
    TimeLimit,
    WorkingCalendar,
    _time_us,
    due_at,
)

WD, WH, CD = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CALENDAR_DAYS
ONE_DAY = timedelta(days=1)


class NaiveReference:
    """Day-by-day stepping over sets of dates: what most code does."""

    def __init__(self, cal: WorkingCalendar) -> None:
        self.off = set(cal.days_off)
        self.makeup = set(cal.makeup_days)
        self.base = cal.first_day.toordinal()
        hours = cal.hours
        self.ms, self.me = _time_us(hours.morning_start), _time_us(hours.morning_end)
        self.as_, self.ae = (
            _time_us(hours.afternoon_start),
            _time_us(hours.afternoon_end),
        )
        self.cutoff = _time_us(hours.cutoff)

    def is_working(self, day: date) -> bool:
        return (day.weekday() < 5 or day in self.makeup) and day not in self.off

    def next_working(self, day: date) -> date:
        day += ONE_DAY
        while not self.is_working(day):
            day += ONE_DAY
        return day

    def reception(self, day: date, tod: int) -> tuple[date, int]:
        if self.is_working(day) and tod < self.cutoff:
            if tod < self.ms:
                return day, self.ms
            if self.me <= tod < self.as_:
                return day, self.as_
            return day, tod
        return self.next_working(day), self.ms

    def hours(self, day: date, tod: int, remaining: int) -> tuple[date, int]:
        while True:
            if tod < self.me:
                avail = self.me - tod
                if remaining <= avail:
                    return day, tod + remaining
                remaining -= avail
                tod = self.as_
            avail = self.ae - tod
            if remaining <= avail:
                return day, tod + remaining
            remaining -= avail
            day, tod = self.next_working(day), self.ms

    def due(self, index: int, tod: int, value: int, unit: TimeUnit) -> int:
        day, tod = self.reception(date.fromordinal(self.base + index), tod)
        if unit == WD:
            for _ in range(value):
                day = self.next_working(day)
            tod = self.ae
        elif unit == WH:
            if value:
                day, tod = self.hours(day, tod, value * HOUR_US)
        else:
            day += timedelta(days=value)
            while not self.is_working(day):
                day += ONE_DAY
            tod = self.ae
        return (day.toordinal() - self.base) * DAY_US + tod


def make_cases(
    cal: WorkingCalendar, n: int, seed: int
) -> list[tuple[int, int, int, TimeUnit]]:
    """Random instants over 2022-2027 and a realistic mix of limits."""
    rng = random.Random(seed)
    lo = (date(2022, 1, 1).toordinal() - cal.first_day.toordinal()) * DAY_US
    hi = (date(2028, 1, 1).toordinal() - cal.first_day.toordinal()) * DAY_US - 1
    cases: list[tuple[int, int, int, TimeUnit]] = []
    for _ in range(n):
        pick = rng.random()
        if pick < 0.6:
            unit, value = WD, rng.randint(0, 60)
        elif pick < 0.85:
            unit, value = WH, rng.randint(0, 80)
        else:
            unit, value = CD, rng.randint(0, 90)
        cases.append((*cal.split_local(rng.randint(lo, hi)), value, unit))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of cases")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    out = sys.stdout.write

    cal = official_calendar(first_year=2021, last_year=2029)
    naive = NaiveReference(cal)
    cases = make_cases(cal, args.n, args.seed)
    out(
        f"calendar bench: {args.n:,} cases, 2022-2027, mix 60% working days "
        "(0-60), 25% working hours (0-80), 15% calendar days (0-90)\n"
    )

    # Column arrays, as a dashboard reads them from stored columns (not timed).
    codes = {unit: code for unit, code in ARRAY_UNITS.items()}
    day_a = np.fromiter((c[0] for c in cases), dtype=np.int64, count=args.n)
    tod_a = np.fromiter((c[1] for c in cases), dtype=np.int64, count=args.n)
    amount_a = np.fromiter((c[2] for c in cases), dtype=np.int64, count=args.n)
    unit_a = np.fromiter((codes[c[3]] for c in cases), dtype=np.int8, count=args.n)
    cal.add_local_array(day_a[:10], tod_a[:10], amount_a[:10], unit_a[:10])  # warm-up

    t0 = clock.perf_counter()
    vector = cal.add_local_array(day_a, tod_a, amount_a, unit_a).tolist()
    t_fast = clock.perf_counter() - t0
    t0 = clock.perf_counter()
    batch = cal.add_local_many(cases)
    t_batch = clock.perf_counter() - t0
    add = cal.add_local
    t0 = clock.perf_counter()
    single = [add(day * DAY_US + tod, value, unit) for day, tod, value, unit in cases]
    t_single = clock.perf_counter() - t0

    ref = naive.due
    t0 = clock.perf_counter()
    slow = [ref(day, tod, value, unit) for day, tod, value, unit in cases]
    t_naive = clock.perf_counter() - t0

    agree = sum(
        a == b == c == d for a, b, c, d in zip(vector, batch, single, slow, strict=True)
    )
    sample = cases[: min(10_000, len(cases))]
    api_agree = sum(
        cal.to_local(
            due_at(cal.from_local(day * DAY_US + tod), TimeLimit(value, unit), cal)
        )
        == ref(day, tod, value, unit)
        for day, tod, value, unit in sample
    )
    out(f"index, NumPy   : {t_fast:8.3f} s  {t_fast / args.n * 1e9:8.0f} ns/case\n")
    out(f"index, batch   : {t_batch:8.3f} s  {t_batch / args.n * 1e9:8.0f} ns/case\n")
    out(f"index, per call: {t_single:8.3f} s  {t_single / args.n * 1e9:8.0f} ns/case\n")
    out(f"naive day-walk : {t_naive:8.3f} s  {t_naive / args.n * 1e9:8.0f} ns/case\n")
    out(
        f"speed-up       : {t_naive / t_fast:8.1f}x NumPy (target >= 25x), "
        f"{t_naive / t_batch:.1f}x pure-Python batch, "
        f"{t_naive / t_single:.1f}x per call\n"
    )
    out(f"agreement      : {agree / args.n:9.4%}  ({agree:,}/{args.n:,})\n")
    out(f"datetime API   : {api_agree / len(sample):9.4%} of {len(sample):,} sampled\n")
    return 0 if agree == args.n and api_agree == len(sample) else 1


if __name__ == "__main__":
    raise SystemExit(main())
