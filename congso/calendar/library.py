"""Public data of the ``holidays`` package (Vietnam) and the official swaps it misses.

No database. The library's *names* are used only to classify a day (holiday,
compensatory day off, swapped day off); they are never shown as legal names: the
Vietnamese names below are ours (domain ``calendar.md`` §4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

import holidays

from congso.calendar.constants import DayKind
from congso.calendar.worktime import OfficeHours, WorkingCalendar

#: Years the built calendar covers by default (domain: at least 2020-2030).
DEFAULT_FIRST_YEAR: Final = 2020
DEFAULT_LAST_YEAR: Final = 2035

LABOUR_CODE: Final = "Bộ luật Lao động số 45/2019/QH14, Điều 112"


@dataclass(frozen=True)
class LibraryDay:
    """A day off or make-up working day as the library sees it."""

    day: date
    kind: DayKind
    name_vi: str
    legal_basis: str = ""


@dataclass(frozen=True)
class OfficialSwap:
    """An official swap (hoán đổi ngày làm việc) missing from the library."""

    day_off: date
    worked_day: date
    legal_basis: str


#: Swaps published by the government that ``holidays`` 0.109 does not know.
OFFICIAL_SWAPS: Final[tuple[OfficialSwap, ...]] = (
    OfficialSwap(
        day_off=date(2026, 1, 2),
        worked_day=date(2026, 1, 10),
        legal_basis="Công văn 12729/VPCP-KGVX ngày 25/12/2025",
    ),
)

# English library label fragment → our Vietnamese name (checked in order).
_NAMES: Final[tuple[tuple[str, str, str], ...]] = (
    ("New Year's Day", "Tết Dương lịch", LABOUR_CODE),
    ("Lunar New Year", "Tết Âm lịch (Tết Nguyên đán)", LABOUR_CODE),
    ("Hung Kings", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE),
    ("Reunification Day", "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    ("Labor Day", "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    ("National Day", "Quốc khánh (2/9)", LABOUR_CODE),
    ("Cultural Day", "Ngày Văn hóa Việt Nam (24/11)", ""),
)


def _classify(label: str) -> tuple[DayKind, str, str]:
    if "substituted" in label:
        return DayKind.SWAP_OFF, "Ngày nghỉ hoán đổi (làm bù vào ngày khác)", ""
    observed = "(observed)" in label
    for fragment, name, basis in _NAMES:
        if fragment in label:
            if observed:
                return DayKind.COMPENSATORY_OFF, f"Nghỉ bù {name}", basis
            return DayKind.HOLIDAY, name, basis
    return DayKind.HOLIDAY, "Ngày nghỉ lễ", ""


def library_days(years: Iterable[int]) -> list[LibraryDay]:
    """Days off and make-up working days of the ``holidays`` package, by date."""
    lib = holidays.country_holidays("VN", years=list(years), language="en_US")
    days: dict[date, LibraryDay] = {}
    for day, label in lib.items():
        kind, name, basis = _classify(str(label))
        days[day] = LibraryDay(day, kind, name, basis)
    for day in lib.weekend_workdays:
        if day.year in lib.years:
            days[day] = LibraryDay(
                day, DayKind.MAKEUP_WORKDAY, "Ngày làm bù (thứ Bảy/Chủ nhật)"
            )
    return [days[d] for d in sorted(days)]


def official_swap_days(years: Iterable[int]) -> list[LibraryDay]:
    """The rows of :data:`OFFICIAL_SWAPS` falling in ``years``."""
    wanted = set(years)
    rows: list[LibraryDay] = []
    for swap in OFFICIAL_SWAPS:
        if swap.day_off.year in wanted:
            rows.append(
                LibraryDay(
                    swap.day_off,
                    DayKind.SWAP_OFF,
                    f"Ngày nghỉ hoán đổi (làm bù ngày {swap.worked_day:%d/%m/%Y})",
                    swap.legal_basis,
                )
            )
        if swap.worked_day.year in wanted:
            rows.append(
                LibraryDay(
                    swap.worked_day,
                    DayKind.MAKEUP_WORKDAY,
                    f"Ngày làm bù (cho ngày nghỉ {swap.day_off:%d/%m/%Y})",
                    swap.legal_basis,
                )
            )
    return rows


def calendar_from_days(
    rows: Iterable[LibraryDay],
    *,
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
    hours: OfficeHours | None = None,
) -> WorkingCalendar:
    """Apply ``rows`` in order (a later row for the same date wins)."""
    effective: dict[date, DayKind] = {}
    for row in rows:
        effective[row.day] = row.kind
    off = frozenset(
        d
        for d, k in effective.items()
        if k in (DayKind.HOLIDAY, DayKind.COMPENSATORY_OFF, DayKind.SWAP_OFF)
    )
    makeup = frozenset(d for d, k in effective.items() if k == DayKind.MAKEUP_WORKDAY)
    return WorkingCalendar(
        first_day=date(first_year, 1, 1),
        last_day=date(last_year, 12, 31),
        days_off=off,
        makeup_days=makeup,
        hours=hours or OfficeHours(),
    )


def official_calendar(
    *, first_year: int = DEFAULT_FIRST_YEAR, last_year: int = DEFAULT_LAST_YEAR
) -> WorkingCalendar:
    """Library + :data:`OFFICIAL_SWAPS`, without the database (bench, fallbacks)."""
    years = range(first_year, last_year + 1)
    return calendar_from_days(
        [*library_days(years), *official_swap_days(years)],
        first_year=first_year,
        last_year=last_year,
    )
