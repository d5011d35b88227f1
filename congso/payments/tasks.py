"""Celery tasks of the payments app (thin)."""

from __future__ import annotations

from celery import shared_task

from congso.payments.services import payment_reconcile


@shared_task(
    name="congso.payments.reconcile",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def payment_reconcile_task(older_than_minutes: int = 15) -> int:
    """Ask the gateway about orders left pending (beat, every 15 minutes)."""
    return payment_reconcile(older_than_minutes=older_than_minutes)
