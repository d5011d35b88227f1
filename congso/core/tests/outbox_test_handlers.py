"""Outbox handlers used by the outbox tests, also loaded by worker subprocesses
(``celery … worker -I congso.core.tests.outbox_test_handlers``).

Effects are ``auth.Group`` rows named after the message id, so no test-only model
is needed.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group

from congso.core.outbox import outbox_handler, outbox_publish

#: Message ids whose ``core.test_flaky`` delivery fails (in-process tests only).
FAILING: set[str] = set()
#: Message ids seen by handlers in this process, in order.
CALLS: list[str] = []


def effect_name(message_id: uuid.UUID | str) -> str:
    return f"obx:{message_id}"


@outbox_handler("core.test_effect")
def idempotent_effect(message_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Idempotent: the effect is keyed on the message id."""
    CALLS.append(str(message_id))
    Group.objects.get_or_create(name=effect_name(message_id))


@outbox_handler("core.test_counted")
def counted_effect(message_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """NOT idempotent on purpose: every committed run adds one row, so a second
    committed effect would show. Optionally slow, tracing each start to a file."""
    CALLS.append(str(message_id))
    Group.objects.create(name=f"{effect_name(message_id)}:{uuid.uuid4().hex[:8]}")
    trace = payload.get("trace")
    if trace:
        with Path(trace).open("a", encoding="utf-8") as fh:
            fh.write(f"start {message_id}\n")
    time.sleep(float(payload.get("sleep", 0)))


@outbox_handler("core.test_flaky")
def flaky_effect(message_id: uuid.UUID, payload: dict[str, Any]) -> None:
    CALLS.append(str(message_id))
    Group.objects.create(name=f"{effect_name(message_id)}:flaky")
    if str(message_id) in FAILING:
        raise RuntimeError("flaky handler failed on purpose")


@outbox_handler("core.test_chain")
def chain_effect(message_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Publishes a follow-up message (two effects, two messages)."""
    CALLS.append(str(message_id))
    outbox_publish(
        topic="core.test_effect", payload={}, dedup_key=f"chain:{message_id}"
    )
