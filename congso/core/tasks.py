"""Celery tasks of ``core``: the outbox relay and delivery, and maintenance jobs.

Thin: each calls one service. ``outbox_relay`` is nudged after commit by
``outbox_publish`` and swept by beat every few seconds (``CELERY_BEAT_SCHEDULE``).
"""

from __future__ import annotations

import logging
from uuid import UUID

from celery import shared_task

from congso.core.outbox import services

logger = logging.getLogger(__name__)


@shared_task(
    name="congso.core.outbox_relay",
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def outbox_relay() -> int:
    """Lease due messages and enqueue one ``outbox_deliver`` per message."""
    claimed = services.outbox_claim_due()
    for message_id in claimed:
        try:
            outbox_deliver.apply_async((str(message_id),))
        except Exception:
            services.outbox_release(message_id=message_id)
            raise
    return len(claimed)


@shared_task(
    name="congso.core.outbox_deliver",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
    ignore_result=True,
)
def outbox_deliver(message_id: str) -> str | None:
    """Run the handler of one message in its own transaction."""
    return services.outbox_deliver_one(message_id=UUID(message_id))


@shared_task(
    name="congso.core.deadline_scan",
    acks_late=True,
    soft_time_limit=600,
    time_limit=900,
    ignore_result=True,
)
def deadline_scan() -> dict[str, int]:
    """Run the registered deadline scanners (due soon, overdue)."""
    return services.deadline_scan_run()


@shared_task(
    name="congso.core.outbox_cleanup",
    acks_late=True,
    soft_time_limit=600,
    time_limit=900,
    ignore_result=True,
)
def outbox_cleanup(older_than_days: int = 30) -> int:
    """Delete delivered outbox messages older than ``older_than_days``."""
    return services.outbox_cleanup(older_than_days=older_than_days)
