"""The transactional outbox (conventions §6) and the periodic-job registries.

Publish inside a service's transaction with :func:`outbox_publish`; register the one
handler of a topic with :func:`outbox_handler` in ``<app>/handlers.py``.
See ``docs/subsystems/outbox.md``.
"""

from congso.core.outbox.registry import (
    DeadlineScanner,
    OutboxHandler,
    deadline_scanner,
    deadline_scanners,
    outbox_handler,
    outbox_handlers,
)
from congso.core.outbox.services import (
    OutboxUsageError,
    outbox_drain,
    outbox_publish,
    outbox_retry,
)

__all__ = [
    "DeadlineScanner",
    "OutboxHandler",
    "OutboxUsageError",
    "deadline_scanner",
    "deadline_scanners",
    "outbox_drain",
    "outbox_handler",
    "outbox_handlers",
    "outbox_publish",
    "outbox_retry",
]
