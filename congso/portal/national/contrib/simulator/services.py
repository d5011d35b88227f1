"""The national portal simulator's one write: receive a payload, check its field
shapes (:func:`congso.portal.national.validation.record_errors`) and record it.

Its endpoint (``views.py``) and its in-process provider (``provider.py``) both call
:func:`sim_receive` and return what it answers, so they behave alike.

Marker (deterministic failure): a record whose ``MaHoSo`` starts with
``SIM-503`` is answered "503, try later" and not recorded, as a portal that is
down would do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from django.db import transaction
from django.utils import timezone

from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.validation import record_errors

UNAVAILABLE_MARKER: Final = "SIM-503"


@dataclass(frozen=True)
class SimAnswer:
    """The HTTP answer of the simulated portal."""

    http_status: int
    body: dict[str, Any]


@transaction.atomic
def sim_receive(
    *, payload: Any, idempotency_key: str, now: datetime | None = None
) -> SimAnswer:
    """Check and record one payload (``payload`` is the parsed JSON, or the raw
    text when the body was not JSON: recorded, and refused)."""
    code = payload.get("MaHoSo") if isinstance(payload, dict) else None
    if isinstance(code, str) and code.startswith(UNAVAILABLE_MARKER):
        return SimAnswer(503, {"status": "unavailable"})
    if isinstance(payload, str):
        errors = [{"field": "", "code": "json", "message": "The body is not JSON."}]
    else:
        errors = [e.as_dict() for e in record_errors(payload)]
    duplicate = (
        not errors
        and bool(idempotency_key)
        and NationalSimRecord.objects.filter(
            idempotency_key=idempotency_key, valid=True
        ).exists()
    )
    row = NationalSimRecord.objects.create(
        received_at=now or timezone.now(),
        idempotency_key=idempotency_key[:200],
        dossier_code=code[:60] if isinstance(code, str) else "",
        payload=payload,
        valid=not errors,
        duplicate=duplicate,
        errors=errors,
    )
    if errors:
        return SimAnswer(400, {"status": "rejected", "id": row.pk, "errors": errors})
    if duplicate:
        return SimAnswer(409, {"status": "duplicate", "id": row.pk})
    return SimAnswer(201, {"status": "accepted", "id": row.pk})
