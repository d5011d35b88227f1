"""Numbers of the registers (NĐ 30 §2): handed out in the caller's transaction
from the yearly series row, logged, never reused. A clerk may reserve a number
(giữ số) and use it later; using a number already used is refused."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.documents.models import AllocationStatus, NumberAllocation, NumberingSeries
from congso.documents.services._base import DocumentError


class NumberAlreadyUsedError(DocumentError):
    status_code = 409


def series_get(*, agency_id: int, year: int, kind: str) -> NumberingSeries:
    series, _created = NumberingSeries.objects.get_or_create(
        agency_id=agency_id, year=year, kind=kind
    )
    return series


def _bump(series: NumberingSeries) -> int:
    """The series' next value, taken atomically (``UPDATE … RETURNING``: the row
    lock on PostgreSQL, the write lock on SQLite serialise concurrent clerks)."""
    table = NumberingSeries._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET next_value = next_value + 1 "  # noqa: S608  # model table
            "WHERE id = %s RETURNING next_value - 1",
            [series.pk],
        )
        row = cursor.fetchone()
    return int(row[0])


@transaction.atomic
def number_take(
    *,
    agency_id: int,
    year: int,
    kind: str,
    actor: User | None,
    object_type: str,
    object_id: str,
    now: datetime,
    value: int | None = None,
) -> tuple[NumberingSeries, int]:
    """The next number of the series, or ``value`` when it was reserved before;
    recorded as used by ``object_type``/``object_id``."""
    series = series_get(agency_id=agency_id, year=year, kind=kind)
    if value is None:
        value = _bump(series)
        NumberAllocation.objects.create(
            series=series,
            value=value,
            status=AllocationStatus.USED,
            object_type=object_type,
            object_id=object_id,
            allocated_by=actor,
            allocated_at=now,
        )
        return series, value
    allocation = (
        NumberAllocation.objects.select_for_update()
        .filter(series=series, value=value)
        .first()
    )
    if allocation is None or allocation.status != AllocationStatus.RESERVED:
        if allocation is not None and allocation.status == AllocationStatus.USED:
            raise NumberAlreadyUsedError(
                _("Number %(number)s of %(year)s is already used.")
                % {"number": value, "year": year},
                code="number_used",
            )
        raise DocumentError(
            _(
                "Number %(number)s was not reserved. Leave the number empty to "
                "take the next one."
            )
            % {"number": value},
            code="number_not_reserved",
        )
    allocation.status = AllocationStatus.USED
    allocation.object_type, allocation.object_id = object_type, object_id
    allocation.save(update_fields=["status", "object_type", "object_id"])
    return series, value


@transaction.atomic
def number_reserve(
    *, agency_id: int, year: int, kind: str, actor: User, note: str, now: datetime
) -> NumberAllocation:
    """Hold the next number for a document to be issued later (giữ số)."""
    series = series_get(agency_id=agency_id, year=year, kind=kind)
    return NumberAllocation.objects.create(
        series=series,
        value=_bump(series),
        status=AllocationStatus.RESERVED,
        note=note[:255],
        allocated_by=actor,
        allocated_at=now,
    )
