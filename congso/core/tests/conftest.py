from __future__ import annotations

import pytest

from congso.core.outbox import services


@pytest.fixture(autouse=True)
def relay_nudges(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the after-commit relay nudges instead of sending them to the broker
    configured for the test process (nobody consumes it)."""
    calls: list[int] = []
    monkeypatch.setattr(services, "_enqueue_relay", lambda: calls.append(1))
    return calls
