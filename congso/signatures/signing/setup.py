"""Wiring of the signing service into the app's start-up (called by
``SignaturesConfig.ready()``): its outbox handler and Celery task, and the daily
deadline scanner that expires forgotten remote-signing requests."""

from __future__ import annotations


def signing_ready() -> None:
    from congso.core.outbox import deadline_scanners
    from congso.signatures.signing import handlers, tasks  # noqa: F401  # register
    from congso.signatures.signing.requests import signing_request_expire_due

    if "signatures.signing_requests" not in deadline_scanners:
        deadline_scanners.add("signatures.signing_requests", signing_request_expire_due)
