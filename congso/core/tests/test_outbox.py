"""Outbox publish, delivery, failure handling, retry and maintenance (in process)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from congso.core import checks as outbox_checks
from congso.core import tasks
from congso.core.models import OutboxMessage, OutboxStatus
from congso.core.outbox import (
    OutboxUsageError,
    deadline_scanners,
    outbox_drain,
    outbox_handler,
    outbox_handlers,
    outbox_publish,
    outbox_retry,
    services,
)
from congso.core.outbox.selectors import outbox_health
from congso.core.tests import outbox_test_handlers as th

NOW = timezone.datetime(2026, 11, 24, 9, 0, tzinfo=timezone.get_fixed_timezone(420))


def publish(
    topic: str = "core.test_effect", dedup_key: str | None = None
) -> OutboxMessage:
    with transaction.atomic():
        return outbox_publish(topic=topic, payload={"n": 1}, dedup_key=dedup_key)


def effects(message: OutboxMessage) -> int:
    return Group.objects.filter(name__startswith=th.effect_name(message.id)).count()


# --- publish -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_publish_outside_a_transaction_raises():
    """Publishing outside an atomic block is a programming error and stores nothing."""
    with pytest.raises(OutboxUsageError, match="atomic block"):
        outbox_publish(topic="core.test_effect", payload={})
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_publish_in_a_rolled_back_transaction_leaves_nothing(relay_nudges):
    """A rolled-back service leaves no message and sends no nudge."""

    def service():
        with transaction.atomic():
            outbox_publish(topic="core.test_effect", payload={"dossier_id": 7})
            raise ValueError("the service fails after publishing")

    with pytest.raises(ValueError, match="fails after publishing"):
        service()
    assert not OutboxMessage.objects.exists()
    assert relay_nudges == []


@pytest.mark.django_db(transaction=True)
def test_publish_commits_the_message_and_nudges_the_relay_after_commit(relay_nudges):
    """The message is stored pending and due; the relay is nudged once, after commit."""
    with transaction.atomic():
        message = outbox_publish(topic="core.test_effect", payload={"dossier_id": 7})
        assert relay_nudges == []
    assert relay_nudges == [1]
    stored = OutboxMessage.objects.get()
    assert stored.id == message.id
    assert stored.payload == {"dossier_id": 7}
    assert stored.status == OutboxStatus.PENDING
    assert stored.attempts == 0


@pytest.mark.django_db
def test_dedup_key_stores_one_message():
    """A second publish with the same dedup_key returns the first message."""
    first = publish(dedup_key="dossiers:42:receipt")
    second = publish(dedup_key="dossiers:42:receipt")
    assert first.id == second.id
    assert OutboxMessage.objects.count() == 1
    publish(dedup_key="dossiers:43:receipt")
    assert OutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_publish_rejects_a_badly_named_topic():
    """Topics are '<app>.<snake_case>'."""
    with pytest.raises(OutboxUsageError), transaction.atomic():
        outbox_publish(topic="Bad Topic", payload={})


def test_a_topic_has_exactly_one_handler():
    """Registering a second handler for a topic raises at import time."""
    with pytest.raises(ImproperlyConfigured, match="already has a handler"):

        @outbox_handler("core.test_effect")
        def other(message_id, payload):  # pragma: no cover
            pass


def test_handler_topics_must_be_well_formed():
    """The decorator refuses topics that are not '<app>.<snake_case>'."""
    with pytest.raises(ImproperlyConfigured):
        outbox_handler("noapp")


def test_startup_check_passes_for_registered_handlers():
    """The start-up check finds nothing wrong with the registered handlers."""
    assert outbox_checks.check_outbox_handlers() == []
    assert "core.test_effect" in outbox_handlers


@pytest.mark.django_db
def test_database_check_warns_about_pending_messages_without_handler():
    """`check --database` warns when stored pending messages have no handler."""
    publish(topic="core.nobody_listens")
    messages = outbox_checks.check_outbox_stored_topics(databases=["default"])
    assert [m.id for m in messages] == ["core.W001"]


# --- delivery ------------------------------------------------------------------------


@pytest.mark.django_db
def test_drain_delivers_and_marks_done():
    """outbox_drain runs the handler and marks the message done with its time."""
    message = publish()
    assert outbox_drain() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE
    assert message.done_at is not None
    assert message.attempts == 1
    assert message.locked_until is None
    assert effects(message) == 1


@pytest.mark.django_db
def test_duplicate_delivery_has_one_effect():
    """A message delivered twice (duplicate task) runs the handler once; and the
    idempotent handler itself, called twice, leaves one effect."""
    message = publish()
    th.CALLS.clear()
    assert tasks.outbox_deliver(str(message.id)) == OutboxStatus.DONE
    assert tasks.outbox_deliver(str(message.id)) is None
    assert [str(message.id)] == th.CALLS
    th.idempotent_effect(message.id, message.payload)
    assert effects(message) == 1


@pytest.mark.django_db
def test_unknown_topic_is_dead_with_a_clear_error():
    """A message whose topic has no handler is marked dead at delivery."""
    message = publish(topic="core.nobody_listens")
    outbox_drain()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    assert "No handler registered for topic 'core.nobody_listens'" in message.last_error


@pytest.mark.django_db
def test_drain_delivers_messages_published_by_handlers():
    """A handler's own outbox messages are delivered in the same drain."""
    message = publish(topic="core.test_chain")
    assert outbox_drain() == 2
    follow_up = OutboxMessage.objects.get(dedup_key=f"chain:{message.id}")
    assert follow_up.status == OutboxStatus.DONE
    assert effects(follow_up) == 1


@pytest.mark.django_db
def test_relay_claims_each_message_once_and_enqueues_delivery():
    """The relay leases due messages; a second relay within the lease claims none."""
    first, second = publish(), publish()
    with mock.patch.object(tasks.outbox_deliver, "apply_async") as enqueue:
        assert tasks.outbox_relay() == 2
        assert tasks.outbox_relay() == 0
    assert sorted(c.args[0][0] for c in enqueue.call_args_list) == sorted(
        [str(first.id), str(second.id)]
    )
    first.refresh_from_db()
    assert first.locked_until is not None
    assert first.status == OutboxStatus.PENDING


@pytest.mark.django_db
def test_relay_releases_the_lease_when_the_broker_refuses():
    """If the deliver task cannot be enqueued, the lease is given back."""
    message = publish()
    with (
        mock.patch.object(
            tasks.outbox_deliver, "apply_async", side_effect=ConnectionError
        ),
        pytest.raises(ConnectionError),
    ):
        tasks.outbox_relay()
    message.refresh_from_db()
    assert message.locked_until is None


@pytest.mark.django_db
def test_an_expired_lease_can_be_claimed_again():
    """A worker that died holding a lease delays the message by the lease only."""
    message = publish()
    with time_machine.travel(timezone.now(), tick=False):
        assert services.outbox_claim_due() == [message.id]
        assert services.outbox_claim_due() == []
    later = timezone.now() + timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        assert services.outbox_claim_due() == [message.id]


@pytest.mark.django_db
def test_nudge_survives_a_broker_that_is_down(monkeypatch):
    """A failing broker during the after-commit nudge does not break the caller."""
    monkeypatch.undo()  # the real _enqueue_relay
    with mock.patch.object(
        tasks.outbox_relay, "apply_async", side_effect=OSError("broker down")
    ) as send:
        services._enqueue_relay()
    send.assert_called_once()


# --- failures, back-off, dead, retry ----------------------------------------------------


@pytest.mark.django_db
@override_settings(OUTBOX_MAX_ATTEMPTS=3)
def test_failure_backs_off_then_dies_and_retry_revives():
    """Failures roll back the handler's effects, back off exponentially and end dead
    after OUTBOX_MAX_ATTEMPTS; outbox_retry makes the message deliverable again."""
    with time_machine.travel(NOW, tick=False) as clock:
        message = publish(topic="core.test_flaky")
        th.FAILING.add(str(message.id))
        try:
            outbox_drain()
            message.refresh_from_db()
            assert message.status == OutboxStatus.PENDING
            assert message.attempts == 1
            assert message.available_at == NOW + timedelta(seconds=10)
            assert "flaky handler failed on purpose" in message.last_error
            assert effects(message) == 0  # rolled back with the failure

            assert outbox_drain() == 0  # not due yet
            clock.shift(timedelta(seconds=10))
            outbox_drain()
            message.refresh_from_db()
            assert message.attempts == 2
            assert message.available_at == NOW + timedelta(seconds=10 + 20)

            clock.shift(timedelta(seconds=20))
            outbox_drain()
            message.refresh_from_db()
            assert message.status == OutboxStatus.DEAD
            assert message.attempts == 3
            assert outbox_health().dead == 1
        finally:
            th.FAILING.discard(str(message.id))

        assert outbox_retry(message_ids=[message.id]) == 1
        message.refresh_from_db()
        assert message.status == OutboxStatus.PENDING
        assert message.attempts == 0
        outbox_drain()
        message.refresh_from_db()
        assert message.status == OutboxStatus.DONE
        assert effects(message) == 1


def test_backoff_is_exponential_and_capped():
    """10 s, 20 s, 40 s … capped at one hour."""
    assert [services.backoff_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [
        10,
        20,
        40,
        80,
    ]
    assert services.backoff_delay(30) == timedelta(hours=1)


@pytest.mark.django_db
def test_retry_ignores_messages_that_are_not_dead():
    """Only dead messages are revived."""
    message = publish()
    outbox_drain()
    assert outbox_retry(message_ids=[message.id]) == 0


# --- admin -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_lists_messages_and_retry_action_revives_dead(admin_client):
    """The admin list is read-only, filters on status, and its action retries."""
    dead = publish(topic="core.nobody_listens")
    outbox_drain()
    url = "/admin/core/outboxmessage/"
    response = admin_client.get(url, {"status__exact": "dead"})
    assert response.status_code == 200
    assert str(dead.topic) in response.content.decode()
    assert admin_client.get(f"{url}add/").status_code == 403
    response = admin_client.post(
        url, {"action": "retry_dead", "_selected_action": [str(dead.id)]}
    )
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.status == OutboxStatus.PENDING


# --- health, cleanup, deadline scan ---------------------------------------------------------


@pytest.mark.django_db
def test_health_counts_pending_overdue_and_dead(django_assert_num_queries):
    """Pending, overdue (due > 5 min ago) and dead counts, in one query."""
    with time_machine.travel(NOW - timedelta(minutes=10), tick=False):
        publish()
    with time_machine.travel(NOW, tick=False):
        publish()
        publish(topic="core.nobody_listens")
        services.outbox_deliver_one(
            message_id=OutboxMessage.objects.get(topic="core.nobody_listens").id
        )
        with django_assert_num_queries(1):
            health = outbox_health()
    assert (health.pending, health.overdue, health.dead) == (2, 1, 1)
    assert not health.is_healthy


@pytest.mark.django_db
def test_cleanup_deletes_old_delivered_messages_only():
    """Done messages older than N days go; recent and dead ones stay."""
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        old = publish()
        dead = publish(topic="core.nobody_listens")
        outbox_drain()
    with time_machine.travel(NOW, tick=False):
        recent = publish()
        outbox_drain()
        assert tasks.outbox_cleanup(older_than_days=30) == 1
    remaining = set(OutboxMessage.objects.values_list("id", flat=True))
    assert remaining == {dead.id, recent.id}
    assert old.id not in remaining


@pytest.mark.django_db
def test_deadline_scan_runs_every_scanner_and_survives_a_failing_one():
    """Each scanner runs in its own transaction; its messages commit with it; one
    failing scanner does not stop the others."""
    seen = []

    def overdue(now):
        seen.append(now)
        outbox_publish(topic="core.test_effect", payload={}, dedup_key="scan:1")
        return 1

    def broken(now):
        raise RuntimeError("scanner bug")

    deadline_scanners.add("test.overdue", overdue)
    deadline_scanners.add("test.broken", broken)
    try:
        with time_machine.travel(NOW, tick=False):
            result = tasks.deadline_scan()
    finally:
        deadline_scanners._items.pop("test.overdue")
        deadline_scanners._items.pop("test.broken")
    assert {k: v for k, v in result.items() if k.startswith("test.")} == {
        "test.overdue": 1,
        "test.broken": -1,
    }
    assert seen == [NOW]
    assert OutboxMessage.objects.filter(dedup_key="scan:1").exists()


@pytest.mark.django_db
def test_outbox_drain_command(capsys):
    """`manage.py outbox_drain` delivers what is due."""
    from django.core.management import call_command

    message = publish()
    call_command("outbox_drain")
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE
    assert "1 outbox delivery attempt" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_one_nudge_per_transaction_that_survives_an_inner_rollback(monkeypatch):
    """Several messages in one transaction nudge the relay once at commit; a
    message whose nudge was registered in a savepoint that rolled back still
    gets its own (the sweeper would otherwise be its only way out)."""
    nudges: list[int] = []
    monkeypatch.setattr(services, "_enqueue_relay", lambda: nudges.append(1))
    with transaction.atomic():
        publish()
        publish()
        publish()
    assert nudges == [1]
    nudges.clear()
    with transaction.atomic():
        try:
            with transaction.atomic():
                publish()
                raise RuntimeError
        except RuntimeError:
            pass
        publish()
    assert nudges == [1]
