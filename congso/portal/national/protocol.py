"""The HTTP protocol of the sync, spoken by the real portal adapter and by the
simulator's endpoint alike.

Request: ``POST`` of the record as JSON (UTF-8), with ``Authorization: Bearer
<token>`` and ``Idempotency-Key: <dossier code>:<row version>``.

Answer (JSON):
- ``201 {"status": "accepted", "id": …}``;
- ``409 {"status": "duplicate"}`` (or 2xx with that status): the key was seen;
- ``400``/``422 {"status": "rejected", "errors": [{"field", "code", "message"}]}``;
- anything else (5xx, 401, 403, 404, 408, 429) means "try again later"."""

from __future__ import annotations

import json
from typing import Any, Final

from congso.portal.national.providers.base import (
    NationalPortalUnavailable,
    PushResult,
    PushStatus,
)

IDEMPOTENCY_HEADER: Final = "Idempotency-Key"
BODY_KEEP: Final = 4000


def _json(body: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _errors(data: dict[str, Any]) -> tuple[dict[str, str], ...]:
    errors = data.get("errors")
    if not isinstance(errors, list):
        return ()
    return tuple(
        {str(k): str(v) for k, v in item.items()}
        for item in errors
        if isinstance(item, dict)
    )


def answer_interpret(http_status: int, body: str) -> PushResult:
    """The portal's answer as a :class:`PushResult`; raises
    :class:`NationalPortalUnavailable` for answers meaning "later"."""
    data = _json(body)
    kept = body[:BODY_KEEP]
    if 200 <= http_status < 300:
        status = (
            PushStatus.DUPLICATE
            if data.get("status") == "duplicate"
            else PushStatus.ACCEPTED
        )
        return PushResult(status=status, http_status=http_status, body=kept)
    if http_status == 409:
        return PushResult(PushStatus.DUPLICATE, http_status=http_status, body=kept)
    if http_status in (400, 422):
        return PushResult(
            PushStatus.REJECTED,
            http_status=http_status,
            body=kept,
            errors=_errors(data),
        )
    raise NationalPortalUnavailable(f"HTTP {http_status}: {body[:500]}")
