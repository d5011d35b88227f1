"""The default provider: the simulator, called in-process.

Why in-process and not over HTTP to our own endpoint: the outbox runs each handler
inside its delivery transaction, which on SQLite (the embedded mode) holds the
database's write lock; a request to our own web process, whose view must write the
simulator's row, would wait on that lock until the timeout. It also needs no URL
in development and no server in tests. It stays faithful to the wire: the record
goes through a JSON round trip, the same :func:`sim_receive` the endpoint uses
answers, and the same :func:`answer_interpret` the HTTP adapter uses reads the
answer. The HTTP adapter itself is tested against the real endpoint on a live
server (``test_national_sync.py``)."""

from __future__ import annotations

import json
from typing import Any

from congso.portal.national.contrib.simulator.services import sim_receive
from congso.portal.national.protocol import answer_interpret
from congso.portal.national.providers.base import PushResult


class SimulatorPortal:
    """Validates the field shapes and records every payload (``NationalSimRecord``)."""

    name = "simulator"

    def push(self, record: dict[str, Any], *, idempotency_key: str) -> PushResult:
        wire = json.loads(json.dumps(record, ensure_ascii=False))
        answer = sim_receive(payload=wire, idempotency_key=idempotency_key)
        return answer_interpret(
            answer.http_status, json.dumps(answer.body, ensure_ascii=False)
        )
