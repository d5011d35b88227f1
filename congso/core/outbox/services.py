"""Outbox writes: publish, claim, deliver, retry and clean up (conventions §6).

Delivery is at least once; a handler's database effects and the ``done`` mark are
committed in one transaction, so a crash mid-handler leaves neither.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from congso.core.models import OutboxMessage, OutboxStatus
from congso.core.outbox.registry import TOPIC_RE, outbox_handlers

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 10
BACKOFF_MAX_SECONDS = 3600
RELAY_BATCH = 100
LAST_ERROR_MAX = 4000


class OutboxUsageError(RuntimeError):
    """A programming error in the use of the outbox (not shown to users)."""


def outbox_publish(
    *, topic: str, payload: dict[str, Any], dedup_key: str | None = None
) -> OutboxMessage:
    """Store a message in the caller's transaction and nudge the relay after commit.

    ``payload`` holds ids and primitives (JSON). With a ``dedup_key`` already used,
    the existing message is returned and nothing new is stored.
    """
    if not transaction.get_connection().in_atomic_block:
        raise OutboxUsageError(
            "outbox_publish() must run inside the service's atomic block "
            "(decorate the service with @transaction.atomic)."
        )
    if not TOPIC_RE.match(topic):
        raise OutboxUsageError(f"Invalid outbox topic {topic!r}.")
    if dedup_key is not None:
        existing = OutboxMessage.objects.filter(dedup_key=dedup_key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(
                    topic=topic, payload=payload, dedup_key=dedup_key
                )
        except IntegrityError:  # a concurrent publisher won the race
            return OutboxMessage.objects.get(dedup_key=dedup_key)
    else:
        message = OutboxMessage.objects.create(topic=topic, payload=payload)
    if not _relay_scheduled():
        transaction.on_commit(_enqueue_relay)
    return message


def _relay_scheduled() -> bool:
    """A nudge is already due at this transaction's commit: one nudge a
    transaction, however many messages (each ``apply_async`` is a broker round
    trip, ~0.8 ms). Safe because Django drops the callbacks of a savepoint that
    rolls back: a nudge still listed was registered in a savepoint that has been
    released or that encloses this message, so it survives whatever would undo
    the message."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        func is _enqueue_relay
        for _savepoints, func, _robust in connection.run_on_commit
    )


def _enqueue_relay() -> None:
    """Ask a worker to run the relay now. A broker that is down must not break the
    request that just committed: the beat sweeper picks the message up later."""
    from congso.core.tasks import outbox_relay

    try:
        outbox_relay.apply_async(retry=False)
    except Exception:  # any broker/transport failure
        logger.warning("Outbox relay nudge failed; the sweeper will deliver later.")


def _due(now: datetime) -> Q:
    return Q(status=OutboxStatus.PENDING, available_at__lte=now) & (
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    )


def outbox_claim_due(
    *, now: datetime | None = None, limit: int = RELAY_BATCH
) -> list[uuid.UUID]:
    """Lease due messages with a conditional UPDATE (portable: no row locks needed)
    and return the ids this caller won."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    candidates = list(
        OutboxMessage.objects.filter(_due(now))
        .order_by("available_at")
        .values_list("id", flat=True)[:limit]
    )
    claimed: list[uuid.UUID] = []
    for message_id in candidates:
        won = OutboxMessage.objects.filter(_due(now), id=message_id).update(
            locked_until=now + lease
        )
        if won:
            claimed.append(message_id)
    return claimed


def outbox_release(*, message_id: uuid.UUID) -> None:
    """Give a lease back (the deliver task could not be enqueued)."""
    OutboxMessage.objects.filter(id=message_id, status=OutboxStatus.PENDING).update(
        locked_until=None
    )


def backoff_delay(attempts: int) -> timedelta:
    """Exponential back-off after ``attempts`` failures: 10 s, 20 s, 40 s … ≤ 1 h."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def outbox_deliver_one(*, message_id: uuid.UUID) -> str | None:
    """Run the topic's handler for one due pending message.

    The handler runs in a savepoint of a transaction that also marks the message
    done; a failure rolls back the handler's effects and records the attempt.
    Returns the resulting status, or ``None`` when there was nothing to deliver
    (already done, dead, or not due: a duplicate delivery).
    """
    with transaction.atomic():
        now = timezone.now()
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(id=message_id, status=OutboxStatus.PENDING, available_at__lte=now)
            .first()
        )
        if message is None:
            return None
        if message.topic not in outbox_handlers:
            _mark_dead(message, f"No handler registered for topic {message.topic!r}.")
            return message.status
        handler = outbox_handlers.get(message.topic)
        try:
            with transaction.atomic():
                handler(message.id, message.payload)
        except Exception as exc:
            _record_failure(message, exc)
        else:
            message.status = OutboxStatus.DONE
            message.done_at = timezone.now()
            message.attempts += 1
            message.locked_until = None
            message.save(
                update_fields=["status", "done_at", "attempts", "locked_until"]
            )
        return message.status


def _mark_dead(message: OutboxMessage, error: str) -> None:
    logger.error("Outbox message %s is dead: %s", message.id, error)
    message.status = OutboxStatus.DEAD
    message.last_error = error[:LAST_ERROR_MAX]
    message.locked_until = None
    message.save(update_fields=["status", "last_error", "locked_until"])


def _record_failure(message: OutboxMessage, exc: BaseException) -> None:
    message.attempts += 1
    error = "".join(traceback.format_exception(exc))[-LAST_ERROR_MAX:]
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        message.save(update_fields=["attempts"])
        _mark_dead(message, error)
        return
    logger.warning(
        "Outbox message %s (%s) failed, attempt %d: %s",
        message.id,
        message.topic,
        message.attempts,
        exc,
    )
    message.available_at = timezone.now() + backoff_delay(message.attempts)
    message.last_error = error
    message.locked_until = None
    message.save(
        update_fields=["attempts", "available_at", "last_error", "locked_until"]
    )


def outbox_drain(*, max_rounds: int = 100) -> int:
    """Deliver every due message synchronously, including messages published by
    handlers on the way. Returns the number of delivery attempts made."""
    attempted = 0
    for _round in range(max_rounds):
        claimed = outbox_claim_due()
        if not claimed:
            break
        for message_id in claimed:
            outbox_deliver_one(message_id=message_id)
            attempted += 1
    return attempted


@transaction.atomic
def outbox_retry(*, message_ids: Iterable[uuid.UUID | str]) -> int:
    """Give dead messages a fresh set of attempts, due now. Returns how many."""
    revived = OutboxMessage.objects.filter(
        id__in=list(message_ids), status=OutboxStatus.DEAD
    ).update(
        status=OutboxStatus.PENDING,
        attempts=0,
        available_at=timezone.now(),
        locked_until=None,
    )
    if revived:
        transaction.on_commit(_enqueue_relay)
    return revived


def outbox_cleanup(*, older_than_days: int = 30) -> int:
    """Delete delivered messages older than ``older_than_days``; dead ones stay."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _detail = OutboxMessage.objects.filter(
        status=OutboxStatus.DONE, done_at__lt=cutoff
    ).delete()
    return deleted


def deadline_scan_run(*, now: datetime | None = None) -> dict[str, int]:
    """Run every registered deadline scanner, each in its own transaction (so its
    outbox messages commit with it). A failing scanner is logged and skipped.
    Returns the number of messages each scanner published (-1 on failure)."""
    from congso.core.outbox.registry import deadline_scanners

    now = now or timezone.now()
    results: dict[str, int] = {}
    for name, scanner in deadline_scanners.items():
        try:
            with transaction.atomic():
                results[name] = scanner(now)
        except Exception:
            logger.exception("Deadline scanner %s failed", name)
            results[name] = -1
    return results
