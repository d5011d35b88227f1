"""The NumPy batch path gives exactly what one call per case gives."""

from __future__ import annotations

import random

import numpy as np
import pytest

from congso.calendar.constants import TimeUnit
from congso.calendar.worktime import (
    ARRAY_UNITS,
    DAY_US,
    CalendarRangeError,
    WorkingCalendar,
    WorkTimeError,
)


def _cases(
    cal: WorkingCalendar, n: int, seed: int
) -> list[tuple[int, int, int, TimeUnit]]:
    rng = random.Random(seed)
    span = (cal.last_day.toordinal() - cal.first_day.toordinal() - 400) * DAY_US
    cases = []
    for _ in range(n):
        unit = rng.choice(list(ARRAY_UNITS))
        value = rng.randint(0, 90)
        cases.append((*cal.split_local(rng.randint(0, span)), value, unit))
    return cases


def _columns(cases):
    day, tod, amount, unit = zip(*cases, strict=True)
    return (
        np.array(day, dtype=np.int64),
        np.array(tod, dtype=np.int64),
        np.array(amount, dtype=np.int64),
        np.array([ARRAY_UNITS[u] for u in unit], dtype=np.int8),
    )


@pytest.mark.parametrize("n", [1, 7, 50_000])
def test_array_path_agrees_with_single_calls(cal: WorkingCalendar, n: int) -> None:
    cases = _cases(cal, n, seed=n)
    expected = [cal.add_local(d * DAY_US + t, a, u) for d, t, a, u in cases]
    assert cal.add_local_array(*_columns(cases)).tolist() == expected


def test_array_path_refuses_out_of_range_input(cal: WorkingCalendar) -> None:
    day, tod, amount, unit = _columns(_cases(cal, 10, seed=1))
    amount[3] = 10_000  # far past the calendar's last day
    with pytest.raises(CalendarRangeError):
        cal.add_local_array(day, tod, amount, unit)
    amount[3] = -1
    with pytest.raises(CalendarRangeError):
        cal.add_local_array(day, tod, amount, unit)


def test_array_path_refuses_unknown_unit_codes(cal: WorkingCalendar) -> None:
    day, tod, amount, unit = _columns(_cases(cal, 5, seed=2))
    unit[0] = 9
    with pytest.raises(WorkTimeError, match="unit code"):
        cal.add_local_array(day, tod, amount, unit)
