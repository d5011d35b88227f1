"""Deadline warnings: the daily scan publishes through the outbox, the handler warns
the official holding the dossier, and nothing is warned twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.core.outbox.services import deadline_scan_run
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import DeadlineWarning
from congso.dossiers.services import dossier_transition
from congso.dossiers.tests.factories import OneStop, at, receive, three_steps
from congso.dossiers.warnings import TOPIC, deadline_warning_deliver

pytestmark = pytest.mark.django_db


def test_scan_warns_the_official_holding_a_late_dossier_once(one_stop: OneStop):
    version = three_steps(one_stop)  # 4 working days
    late = receive(one_stop, version, now=at(2, 3, 9))  # due Fri 6/3 17:00
    late = dossier_transition(
        dossier=late,
        action=A.FORWARD,
        actor=one_stop.users["reception"],
        now=at(2, 3, 10),
    )
    fresh = receive(one_stop, version, now=at(9, 3, 9))  # due Fri 13/3
    now = at(9, 3, 18)
    assert deadline_scan_run(now=now)["dossiers.deadlines"] == 1
    assert (
        deadline_scan_run(now=now)["dossiers.deadlines"] == 1
    )  # same day: deduplicated
    assert OutboxMessage.objects.filter(topic=TOPIC).count() == 1
    outbox_drain()
    warning = DeadlineWarning.objects.get()
    assert (warning.dossier_id, warning.kind) == (late.pk, "overdue")
    assert warning.recipient == one_stop.users["specialist"]
    assert not DeadlineWarning.objects.filter(dossier=fresh).exists()


def test_due_soon_and_duplicate_delivery(one_stop: OneStop):
    version = three_steps(one_stop)
    d = receive(one_stop, version, now=at(2, 3, 9))  # due 6/3 17:00, at the desk
    now = at(6, 3, 9)
    deadline_scan_run(now=now)
    message = OutboxMessage.objects.get(topic=TOPIC)
    assert message.payload["kind"] == "due_soon"
    with transaction.atomic():
        first = deadline_warning_deliver(message_id=message.id, payload=message.payload)
        again = deadline_warning_deliver(message_id=message.id, payload=message.payload)
    assert (first, again) == (1, 0)
    assert DeadlineWarning.objects.get().recipient == one_stop.users["reception"]
    assert d.due_at - now < timedelta(days=1)


def test_finished_dossiers_are_not_warned(one_stop: OneStop):
    version = three_steps(one_stop)
    d = receive(one_stop, version, now=at(2, 3, 9))
    deadline_scan_run(now=at(9, 3, 9))
    dossier_transition(
        dossier=d,
        action=A.WITHDRAW,
        actor=one_stop.users["reception"],
        now=at(9, 3, 10),
    )
    outbox_drain()
    assert not DeadlineWarning.objects.exists()


def test_home_page_shows_the_warning(client, one_stop: OneStop):
    version = three_steps(one_stop)
    d = receive(one_stop, version, now=at(2, 3, 9))
    deadline_scan_run(now=at(9, 3, 9))
    outbox_drain()
    client.force_login(one_stop.users["reception"])
    import time_machine

    with time_machine.travel(at(9, 3, 10)):
        page = client.get("/").content.decode()
    assert d.code in page
