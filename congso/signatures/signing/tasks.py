"""Celery tasks of the signing service (thin). Registered from
``SignaturesConfig.ready()``; beat runs the sweep (``signatures-remote-sweep``)."""

from __future__ import annotations

from dataclasses import asdict

from celery import shared_task

from congso.signatures.signing.requests import signing_request_sweep


@shared_task(
    name="congso.signatures.signing_request_sweep",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
    ignore_result=True,
)
def signing_request_sweep_task() -> dict[str, int]:
    """Poll pending remote-signing requests: embed approved signatures, record
    rejections, expire those past their deadline."""
    return asdict(signing_request_sweep())
