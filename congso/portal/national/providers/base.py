"""The national portal port (conventions §5): push one dossier record, get a
:class:`PushResult`. Dataclasses and dicts only, never model instances.

Outcomes:
- accepted, or duplicate (the portal already has this idempotency key): done;
- rejected (the record's content was refused, HTTP 400/422): recorded as a failure
  with the portal's answer and not retried — the same record would be refused again;
- :class:`NationalPortalUnavailable` (5xx, timeout, refused connection, and 401/
  403/404/408/429, which are configuration or load, not content): raised, so the
  outbox retries with back-off and finally marks the message dead."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Protocol


class PushStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class PushResult:
    status: PushStatus
    http_status: int | None = None
    #: The portal's answer (body text, truncated by the caller for storage).
    body: str = ""
    #: The field errors the portal named, as ``{"field", "code", "message"}``.
    errors: tuple[dict[str, str], ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.status in (PushStatus.ACCEPTED, PushStatus.DUPLICATE)


class NationalPortalUnavailable(Exception):  # noqa: N818  # reads as a state
    """The portal cannot take the record now; the outbox will try again."""


class NationalPortal(Protocol):
    """A destination of the national sync. ``push`` must be safe to call again
    with the same ``idempotency_key`` (the second call reports a duplicate)."""

    name: str

    def push(self, record: dict[str, Any], *, idempotency_key: str) -> PushResult:
        """Send ``record``; raises :class:`NationalPortalUnavailable` to retry."""
        ...
