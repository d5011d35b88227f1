"""System checks of the outbox: each topic has exactly one, well-named handler.

Duplicates already fail at import (``outbox_handler`` raises); these checks report
what is left: badly named topics, non-callables, and — with ``check --database`` —
stored messages whose topic has no handler.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db import DatabaseError

from congso.core.outbox.registry import TOPIC_RE, outbox_handlers


@checks.register("outbox")
def check_outbox_handlers(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for topic, handler in outbox_handlers.items():
        if not TOPIC_RE.match(topic):
            errors.append(
                checks.Error(
                    f"Outbox topic {topic!r} is not '<app>.<snake_case_event>'.",
                    id="core.E001",
                )
            )
        if not callable(handler):
            errors.append(
                checks.Error(
                    f"The handler registered for outbox topic {topic!r} is not callable.",
                    id="core.E002",
                )
            )
    return errors


@checks.register("outbox", checks.Tags.database)
def check_outbox_stored_topics(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[checks.CheckMessage]:
    """Pending messages whose topic has no handler would end dead."""
    if not databases:
        return []
    from congso.core.models import OutboxMessage, OutboxStatus

    try:
        topics = set(
            OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
            .values_list("topic", flat=True)
            .distinct()
        )
    except DatabaseError:  # not migrated yet
        return []
    return [
        checks.Warning(
            f"Pending outbox messages have topic {topic!r}, which has no handler.",
            hint="Register one with @outbox_handler in <app>/handlers.py.",
            id="core.W001",
        )
        for topic in sorted(topics)
        if topic not in outbox_handlers
    ]
