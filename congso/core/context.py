"""Per-request context (source address) read by the audit trail.

A ``ContextVar`` rather than a thread-local so it is correct under ASGI too; services
receive the actor explicitly and only the network address comes from here."""

from __future__ import annotations

from contextvars import ContextVar

remote_address: ContextVar[str] = ContextVar("remote_address", default="")


def current_remote_address() -> str:
    """The client address of the request being served, or "" outside a request."""
    return remote_address.get()
