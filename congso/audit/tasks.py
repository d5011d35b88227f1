"""Celery tasks of ``audit`` (thin). ``audit_verify_task`` runs nightly from beat
(``audit-chain-check`` in ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from congso.audit.verify import audit_verify

logger = logging.getLogger(__name__)


@shared_task(
    name="congso.audit.audit_verify",
    acks_late=True,
    soft_time_limit=50 * 60,
    time_limit=55 * 60,
    ignore_result=True,
)
def audit_verify_task() -> dict[str, Any]:
    """Walk the audit chain; log an error naming the first bad entry if it is broken.

    The INFO line with the verified count is also an outside witness of the chain's
    length over time (an emptied log would verify as an empty chain)."""
    result = audit_verify()
    if result.ok:
        logger.info("Audit chain verified: %d entries", result.checked)
    else:
        logger.error(
            "Audit chain broken at entry #%s (%s, %s, %s); %d entries verified before",
            result.first_bad_seq,
            result.reason.value if result.reason else "",
            result.event_type,
            result.occurred_at.isoformat() if result.occurred_at else "",
            result.checked,
        )
    return result.as_dict()
