"""Writes of the national portal sync.

:func:`national_sync_request` publishes one ``portal.national_sync`` message per
dossier and row version (dedup key), so each state is sent at least once and, with
the log below, once. :func:`national_sync_deliver` (its outbox handler) builds the
record from the dossier's *current* state and pushes it through the provider the
settings select:

- a version already in :class:`NationalSyncLog` (sent, or refused for its content)
  is not sent again — a duplicate delivery, or a late message for an older version
  after the newer one went out, does nothing;
- a late message for an older version while the newer one is not yet sent sends
  the newer state (logged under its own version): the portal never receives a
  state older than one it has; the history list carries every transition;
- the portal being unavailable raises, the outbox retries with back-off; the row
  written on success counts the attempts.

The remote call happens in the outbox's delivery transaction (the core runs every
handler so, to commit the log row and the "done" mark together), never in a
request's; it is bounded by ``CONGSO_PORTAL_NATIONAL_TIMEOUT``."""

from __future__ import annotations

import logging
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_publish
from congso.dossiers.models import Dossier
from congso.portal.national.constants import TOPIC_NATIONAL_SYNC, SyncStatus
from congso.portal.national.mapping import national_record
from congso.portal.national.models import NationalSyncLog
from congso.portal.national.providers.registry import national_portal_get
from congso.portal.national.selectors import dossier_snapshot_get

logger = logging.getLogger(__name__)


def idempotency_key(code: str, row_version: int) -> str:
    """What the portal de-duplicates on: one key per dossier version."""
    return f"{code}:{row_version}"


@transaction.atomic
def national_sync_request(*, dossier_code: str) -> None:
    """Have the dossier's current version synced after commit (no-op for an
    unknown code; a second request for the same version publishes nothing)."""
    version = (
        Dossier.objects.filter(code=dossier_code)
        .values_list("row_version", flat=True)
        .first()
    )
    if version is None:
        return
    outbox_publish(
        topic=TOPIC_NATIONAL_SYNC,
        payload={"code": dossier_code, "row_version": version},
        dedup_key=f"{TOPIC_NATIONAL_SYNC}:{dossier_code}:{version}",
    )


def national_sync_deliver(
    *, message_id: UUID, dossier_code: str
) -> NationalSyncLog | None:
    """Send the dossier's current state once (see the module's docstring).
    Returns the log row written, or None when there was nothing to send."""
    snapshot = dossier_snapshot_get(code=dossier_code)
    if snapshot is None:
        return None
    done = NationalSyncLog.objects.filter(
        dossier_code=dossier_code, row_version=snapshot.row_version
    )
    if done.exists():
        return None
    record = national_record(snapshot)
    key = idempotency_key(dossier_code, snapshot.row_version)
    provider = national_portal_get()
    result = provider.push(record, idempotency_key=key)  # raises to retry
    failed_before = (
        OutboxMessage.objects.filter(pk=message_id)
        .values_list("attempts", flat=True)
        .first()
    )
    if not result.ok:
        logger.warning(
            "The national portal refused %s (HTTP %s): %s",
            key,
            result.http_status,
            result.body[:500],
        )
    try:
        with transaction.atomic():
            return NationalSyncLog.objects.create(
                dossier_code=dossier_code,
                row_version=snapshot.row_version,
                status=SyncStatus.SENT if result.ok else SyncStatus.FAILED,
                provider=provider.name,
                idempotency_key=key,
                attempts=(failed_before or 0) + 1,
                http_status=result.http_status,
                response=result.body,
                record=record,
                outbox_message_id=message_id,
                created_at=timezone.now(),
            )
    except IntegrityError:  # another worker sent the same version meanwhile
        return None
