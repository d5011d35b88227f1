from __future__ import annotations

from datetime import datetime

import pytest

from congso.calendar.library import calendar_from_days, library_days, official_calendar
from congso.calendar.selectors import working_calendar_cache_clear
from congso.calendar.worktime import VN_TZ, WorkingCalendar

_OFFICIAL = official_calendar(first_year=2020, last_year=2030)
_LIBRARY_ONLY = calendar_from_days(
    library_days(range(2020, 2031)), first_year=2020, last_year=2030
)


def vn(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """An aware instant in Vietnam time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture
def cal() -> WorkingCalendar:
    """Library + official swaps in code (no database)."""
    return _OFFICIAL


@pytest.fixture
def library_cal() -> WorkingCalendar:
    """The stock ``holidays`` data only (misses the 2026 New Year swap)."""
    return _LIBRARY_ONLY


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> None:
    working_calendar_cache_clear()
