from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from congso.audit import triggers
from congso.audit.models import AuditEvent
from congso.audit.services import audit_record


@pytest.fixture
def official(django_user_model):
    return django_user_model.objects.create_user(
        username="nguyenvana", password="x", full_name="Nguyễn Văn A"
    )


@pytest.fixture
def record() -> Callable[..., AuditEvent]:
    """Append one event in its own atomic block (as a service would)."""

    def _record(**kwargs) -> AuditEvent:
        kwargs.setdefault("event_type", "dossiers.dossier.received")
        kwargs.setdefault("actor", None)
        with transaction.atomic():
            return audit_record(**kwargs)

    return _record


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """Remove the append-only triggers (as an attacker with DDL rights would) and
    put them back afterwards with the migration's own SQL."""
    triggers.uninstall(connection)
    try:
        yield
    finally:
        triggers.install(connection)


def raw_sql(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
