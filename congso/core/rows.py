"""Fast inserts of rows that a hot write path creates many times a second.

``insert_rows`` writes model instances with one multi-row ``INSERT … RETURNING id``
and sets their primary keys, like ``bulk_create`` on PostgreSQL and SQLite. It
exists because a reception writes five small rows (dossier, documents, steps,
event) and Django's ``create``/``bulk_create`` spend about half a millisecond of
Python per call on checks, batching and re-compiling the same statement; measured in
``bench/intake.py``, that was a third of the time of a whole reception request.

What is kept from the ORM: values go through each field's ``pre_save`` (so
``auto_now_add`` stamps and uploaded files are saved as usual) and
``get_db_prep_save`` (the backend's own adaptation of datetimes, JSON, booleans).
What is not: signals (``pre_save``/``post_save`` are not sent — the same as
``bulk_create``) and ``full_clean`` (services validate before writing). The SQL text
is built once per model and row count and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


@cache
def _insert_sql(model: type[models.Model], rows: int, vendor: str) -> str:
    del vendor  # part of the cache key only: quoting differs between backends
    quote = connection.ops.quote_name
    fields = _concrete_fields(model)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    return (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608  # model metadata
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join([placeholders] * rows)} "
        f"RETURNING {quote(model._meta.pk.column)}"
    )


@cache
def _concrete_fields(
    model: type[models.Model],
) -> tuple[models.Field[object, object], ...]:
    pk = model._meta.pk
    return tuple(
        f
        for f in model._meta.concrete_fields
        if not (f is pk and isinstance(f, models.AutoField | models.BigAutoField))
    )


def insert_rows(objs: Sequence[M]) -> list[M]:
    """Insert ``objs`` (instances of one model, primary keys unset) in one statement,
    inside the caller's transaction, and give each its new primary key."""
    if not objs:
        return []
    model = type(objs[0])
    fields = _concrete_fields(model)
    params: list[Any] = []
    for obj in objs:
        if type(obj) is not model:
            raise TypeError("insert_rows() takes instances of one model")
        params.extend(
            f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields
        )
    sql = _insert_sql(model, len(objs), connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    pk_field = model._meta.pk
    assert pk_field is not None  # noqa: S101  # every concrete model has one
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk_field.to_python(pk)
        obj._state.adding = False
        obj._state.db = connection.alias
    return list(objs)


@cache
def _counter_sql(model: type[models.Model], names: tuple[str, ...], vendor: str) -> str:
    del vendor  # part of the cache key only: quoting differs between backends
    quote = connection.ops.quote_name
    columns = [getattr(model._meta.get_field(name), "column", name) for name in names]
    where = " AND ".join(f"{quote(column)} = %s" for column in columns)
    return (
        f"UPDATE {quote(model._meta.db_table)} "  # noqa: S608  # model metadata
        f"SET last_value = last_value + 1 WHERE {where} RETURNING last_value"
    )


def counter_next(model: type[models.Model], **key: Any) -> int:
    """The next value of a gap-free counter (a row of ``model`` with an integer
    ``last_value``, found by ``key``, e.g. ``year=2026`` or ``agency_id=…, day=…``):
    bumped with one ``UPDATE … RETURNING`` (PostgreSQL; SQLite ≥ 3.35), which locks
    the row until the caller's transaction ends, so concurrent callers never get
    the same value and a rolled-back caller leaves no gap. The row is created on
    first use."""
    names = tuple(sorted(key))
    sql = _counter_sql(model, names, connection.vendor)
    params = [key[name] for name in names]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            model._default_manager.get_or_create(**key)
            cursor.execute(sql, params)
            row = cursor.fetchone()
    return int(row[0])
