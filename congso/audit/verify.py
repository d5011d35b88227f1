"""Verification of the audit hash chain (kiểm tra toàn vẹn nhật ký).

Read-only: walks the chain in ``seq`` order in keyset batches of plain tuples (no
model instances), recomputes each hash and checks ``seq`` continuity, the
``prev_hash`` links and the head row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from congso.audit.chain import GENESIS_HASH, HASHED_FIELDS, entry_hash, entry_payload
from congso.audit.constants import VerifyReason
from congso.audit.models import AuditEvent, AuditHead

DEFAULT_BATCH_SIZE = 5000

_COLUMNS = (*HASHED_FIELDS, "hash")


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of one walk. On failure ``first_bad_seq`` names the first entry that
    does not verify; ``event_type`` and ``occurred_at`` describe it when it exists
    (a missing entry has neither)."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: VerifyReason | None = None
    event_type: str = ""
    occurred_at: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """Primitives only (Celery results, logs)."""
        return {
            "ok": self.ok,
            "checked": self.checked,
            "first_bad_seq": self.first_bad_seq,
            "reason": self.reason.value if self.reason else None,
            "event_type": self.event_type,
            "occurred_at": self.occurred_at.isoformat() if self.occurred_at else None,
        }


@dataclass(frozen=True)
class _Failure:
    seq: int | None
    reason: VerifyReason
    event_type: str = ""
    occurred_at: dt.datetime | None = None


def audit_verify(*, batch_size: int = DEFAULT_BATCH_SIZE) -> VerifyResult:
    """Walk the chain up to the head read at the start; report the first bad entry.

    The head is read before the walk (a committed head implies its entries are
    committed) and entries past the head are looked for after it, so appends made
    while the walk runs never look like tampering; they are checked next time."""
    head = AuditHead.objects.filter(id=AuditHead.SINGLETON_ID).first()
    if head is None:
        newest = _newest_seq()
        if newest is None:
            return VerifyResult(ok=True, checked=0)
        end_seq = newest
    else:
        end_seq = head.last_seq
    checked, prev_hash, last = 0, GENESIS_HASH, None
    for values in _walk(end_seq, batch_size):
        failure = _check_entry(values, expected_seq=checked + 1, prev_hash=prev_hash)
        if failure is not None:
            return _failed(failure, checked)
        checked, prev_hash, last = checked + 1, values["hash"], values
    if checked < end_seq:  # the entries up to the head are missing
        return _failed(_Failure(checked + 1, VerifyReason.SEQ_GAP), checked)
    if head is None:
        return _failed(_Failure(None, VerifyReason.HEAD_MISSING), checked)
    failure = _check_head(head, last)
    return (
        _failed(failure, checked) if failure else VerifyResult(ok=True, checked=checked)
    )


def _walk(end_seq: int, batch_size: int) -> Iterator[dict[str, Any]]:
    """Entries with ``seq <= end_seq`` in order, as dicts, fetched by keyset batches."""
    after = 0
    while after < end_seq:
        rows = list(
            AuditEvent.objects.filter(seq__gt=after, seq__lte=end_seq)
            .order_by("seq")
            .values_list(*_COLUMNS)[:batch_size]
        )
        if not rows:
            return
        for row in rows:
            yield dict(zip(_COLUMNS, row, strict=True))
        after = rows[-1][0]


def _check_entry(
    values: dict[str, Any], *, expected_seq: int, prev_hash: str
) -> _Failure | None:
    if values["seq"] != expected_seq:
        return _Failure(expected_seq, VerifyReason.SEQ_GAP)
    if values["prev_hash"] != prev_hash:
        return _failure_at(values, VerifyReason.PREV_HASH_MISMATCH)
    if entry_hash(prev_hash, entry_payload(values)) != values["hash"]:
        return _failure_at(values, VerifyReason.HASH_MISMATCH)
    return None


def _check_head(head: AuditHead, last: dict[str, Any] | None) -> _Failure | None:
    if last is not None and last["hash"] != head.last_hash:
        return _failure_at(last, VerifyReason.HEAD_MISMATCH)
    if last is None and head.last_hash != GENESIS_HASH:
        return _Failure(None, VerifyReason.HEAD_MISMATCH)
    newest = _newest_seq()
    current = AuditHead.objects.filter(id=head.id).values_list("last_seq", flat=True)
    current_seq = current.first() or 0
    if newest is not None and newest > current_seq:  # entries inserted past the head
        extra = (
            AuditEvent.objects.filter(seq__gt=current_seq)
            .order_by("seq")
            .values("seq", "event_type", "occurred_at")
            .first()
        )
        if extra is not None:
            return _failure_at(extra, VerifyReason.HEAD_MISMATCH)
    return None


def _newest_seq() -> int | None:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()


def _failure_at(values: Mapping[str, Any], reason: VerifyReason) -> _Failure:
    return _Failure(values["seq"], reason, values["event_type"], values["occurred_at"])


def _failed(failure: _Failure, checked: int) -> VerifyResult:
    return VerifyResult(
        ok=False,
        checked=checked,
        first_bad_seq=failure.seq,
        reason=failure.reason,
        event_type=failure.event_type,
        occurred_at=failure.occurred_at,
    )
