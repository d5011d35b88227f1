"""``insert_rows``: one multi-row INSERT, values adapted as the ORM would."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from congso.core.models import OutboxMessage
from congso.core.rows import insert_rows

pytestmark = pytest.mark.django_db

HUE = ZoneInfo("Asia/Ho_Chi_Minh")


def test_rows_round_trip_through_the_orm():
    when = datetime(2026, 9, 2, 8, 30, tzinfo=HUE)
    rows = [
        OutboxMessage(topic="a.b", payload={"tên": "Nguyễn Văn An", "n": 1}),
        OutboxMessage(topic="c.d", payload=[1, 2], available_at=when),
    ]
    with CaptureQueriesContext(connection) as ctx, transaction.atomic():
        insert_rows(rows)
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    stored = {m.pk: m for m in OutboxMessage.objects.all()}
    assert set(stored) == {rows[0].pk, rows[1].pk}
    assert stored[rows[0].pk].payload == {"tên": "Nguyễn Văn An", "n": 1}
    assert stored[rows[1].pk].available_at == when
    assert stored[rows[1].pk].status == rows[1].status
    assert not rows[0]._state.adding


def test_one_model_per_call():
    from django.contrib.sessions.models import Session

    with pytest.raises(TypeError):
        insert_rows([OutboxMessage(topic="a.b"), Session(session_key="x")])
    assert not OutboxMessage.objects.exists()


def test_nothing_to_insert_runs_no_query():
    with CaptureQueriesContext(connection) as ctx:
        assert insert_rows([]) == []
    assert ctx.captured_queries == []
