"""Seeding the official calendar table from the library and :data:`OFFICIAL_SWAPS`.

Shared by the data migration and the ``calendar_seed`` command, so it takes the model
class (a historical model in migrations). Idempotent: rows written by an administrator
are never touched; library rows are refreshed when the library changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from congso.calendar.constants import DaySource
from congso.calendar.library import library_days, official_swap_days

SEED_YEARS = range(2022, 2028)
LIBRARY_NOTE = "Từ thư viện holidays; đối chiếu với thông báo chính thức."
SWAP_NOTE = "Hoán đổi chính thức mà thư viện holidays chưa có."


def seed_calendar_days(model: Any, years: Iterable[int] = SEED_YEARS) -> int:
    """Write library days (source=library) and official swaps (source=admin) of
    ``years``; return the number of rows created or changed."""
    years = list(years)
    existing = {row.date: row for row in model.objects.filter(date__year__in=years)}
    changed = 0
    rows = [
        *((row, DaySource.LIBRARY, LIBRARY_NOTE) for row in library_days(years)),
        *((row, DaySource.ADMIN, SWAP_NOTE) for row in official_swap_days(years)),
    ]
    for row, source, note in rows:
        values = {
            "kind": row.kind.value,
            "name_vi": row.name_vi,
            "legal_basis": row.legal_basis,
            "source": source.value,
            "note": note,
        }
        current = existing.get(row.day)
        if current is None:
            existing[row.day] = model.objects.create(date=row.day, **values)
            changed += 1
        elif current.source == DaySource.LIBRARY and any(
            getattr(current, k) != v for k, v in values.items()
        ):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            changed += 1
    return changed
