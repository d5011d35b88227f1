"""Work queues per role: what each official finds waiting, and the query count."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.dossiers.selectors import (
    Queue,
    QueueFilters,
    dossier_list_queue,
    dossier_queue_counts,
)
from congso.dossiers.tests.factories import OneStop, advance, at, receive, three_steps

pytestmark = pytest.mark.django_db


def codes(user, queue: Queue, now: datetime, q: str = "") -> set[str]:
    filters = QueueFilters(queue=queue, q=q)
    return {d.code for d in dossier_list_queue(user=user, filters=filters, now=now)}


@pytest.fixture
def staged(one_stop: OneStop):
    """One dossier at each stage, all received on Monday 2/3/2026."""
    version = three_steps(one_stop)
    now = at(2, 3, 9)
    return {
        stage: (
            advance(one_stop, receive(one_stop, version, now), stage, now)
            if stage != "receive"
            else receive(one_stop, version, now)
        )
        for stage in ("receive", "handle", "approve", "return")
    }


def test_each_role_finds_its_own_work(one_stop: OneStop, staged):
    """Reception gets new and ready results, the specialist the dossiers at the
    office, the leader those awaiting approval; nobody sees another's stage."""
    u, now = one_stop.users, at(2, 3, 11)
    code = {stage: d.code for stage, d in staged.items()}
    assert codes(u["reception"], Queue.TO_RECEIVE, now) == {code["receive"]}
    assert codes(u["reception"], Queue.TO_RETURN, now) == {code["return"]}
    assert codes(u["specialist"], Queue.TO_HANDLE, now) == {code["handle"]}
    assert codes(u["leader"], Queue.TO_APPROVE, now) == {code["approve"]}
    assert codes(u["specialist"], Queue.TO_APPROVE, now) == set()
    assert codes(u["leader"], Queue.TO_HANDLE, now) == set()
    assert codes(u["specialist"], Queue.TO_RECEIVE, now) == set()
    for queue in Queue:
        assert codes(u["other_reception"], queue, now) == set()
        assert codes(u["land"], queue, now) == set()


def test_due_soon_and_overdue_follow_the_clock(one_stop: OneStop, staged):
    """Open dossiers become due soon two days before the appointment, then overdue;
    a resolved dossier is neither."""
    u = one_stop.users
    due = staged["handle"].due_at
    assert due is not None
    early, soon, late = (
        due - timedelta(days=5),
        due - timedelta(hours=20),
        due + timedelta(minutes=1),
    )
    open_codes = {staged[s].code for s in ("receive", "handle", "approve")}
    assert codes(u["reception"], Queue.DUE_SOON, early) == set()
    assert codes(u["reception"], Queue.DUE_SOON, soon) == open_codes
    assert codes(u["reception"], Queue.OVERDUE, late) == open_codes
    assert codes(u["reception"], Queue.OVERDUE, soon) == set()
    counts = dossier_queue_counts(user=u["reception"], now=late)
    assert counts[Queue.OVERDUE] == 3
    assert counts[Queue.TO_RETURN] == 1
    assert counts[Queue.ALL] == 4
    row = dossier_list_queue(
        user=u["reception"], filters=QueueFilters(queue=Queue.OVERDUE), now=late
    ).first()
    assert row is not None
    assert row.deadline_state == "overdue"  # type: ignore[attr-defined]


def test_counts_are_zero_without_a_role(one_stop: OneStop, staged, django_user_model):
    nobody = django_user_model.objects.create_user("khach", password="x")
    assert set(dossier_queue_counts(user=nobody).values()) == {0}


def _queries(user, now) -> int:
    user = type(user).objects.get(pk=user.pk)  # fresh memos, as in a new request
    with CaptureQueriesContext(connection) as ctx:
        list(dossier_list_queue(user=user, filters=QueueFilters(), now=now))
        dossier_queue_counts(user=user, now=now)
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow_with_rows(one_stop: OneStop):
    """One dossier or twenty: the same number of queries."""
    version = three_steps(one_stop)
    user, now = one_stop.users["reception"], at(3, 3, 9)
    advance(one_stop, receive(one_stop, version, at(2, 3, 9)), "handle")
    one = _queries(user, now)
    for _ in range(19):
        receive(one_stop, version, at(2, 3, 9))
    assert _queries(user, now) == one
