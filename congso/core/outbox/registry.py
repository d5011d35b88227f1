"""Topic handlers and deadline scanners, and the discovery of ``<app>.handlers``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from importlib import import_module
from typing import Any
from uuid import UUID

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from congso.core.registry import Registry

#: ``handler(message_id, payload)``; must be idempotent (delivery is at least once).
OutboxHandler = Callable[[UUID, dict[str, Any]], None]
#: ``scanner(now) -> number of messages published``.
DeadlineScanner = Callable[[datetime], int]

TOPIC_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

#: Exactly one handler per topic.
outbox_handlers: Registry[OutboxHandler] = Registry("outbox handler")
#: Callables run by the daily ``congso.core.deadline_scan`` task.
deadline_scanners: Registry[DeadlineScanner] = Registry("deadline scanner")


def outbox_handler(topic: str) -> Callable[[OutboxHandler], OutboxHandler]:
    """Register the one handler of ``topic`` (``<app>.<snake_case>``).

    A second registration for the same topic raises :class:`ImproperlyConfigured`.
    """
    if not TOPIC_RE.match(topic):
        raise ImproperlyConfigured(
            f"Outbox topic {topic!r} must look like '<app>.<snake_case_event>'."
        )

    def decorator(func: OutboxHandler) -> OutboxHandler:
        if topic in outbox_handlers:
            existing = outbox_handlers.get(topic)
            raise ImproperlyConfigured(
                f"Outbox topic {topic!r} already has a handler "
                f"({existing.__module__}.{existing.__qualname__}); "
                f"a topic has exactly one handler."
            )
        outbox_handlers.add(topic, func)
        return func

    return decorator


def deadline_scanner(name: str) -> Callable[[DeadlineScanner], DeadlineScanner]:
    """Register a deadline scanner under a unique ``name``."""
    return deadline_scanners.register(name)


def autodiscover_handlers() -> list[str]:
    """Import ``<app>.handlers`` for every installed ``congso`` app.

    Errors inside an existing ``handlers`` module propagate. Returns the imported
    module names.
    """
    imported: list[str] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("congso."):
            continue
        if module_has_submodule(config.module, "handlers"):
            name = f"{config.name}.handlers"
            import_module(name)
            imported.append(name)
    return imported
