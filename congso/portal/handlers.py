"""Outbox topic handlers of the portal app (thin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from congso.core.outbox import outbox_handler
from congso.portal.national.constants import TOPIC_DOSSIER_CHANGED, TOPIC_NATIONAL_SYNC
from congso.portal.national.services import national_sync_deliver, national_sync_request
from congso.portal.public_view import public_view_refresh_by_code
from congso.portal.submission.services import store_results_collect


@outbox_handler(TOPIC_DOSSIER_CHANGED)
def dossier_changed_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """``{"code", "row_version"}`` from the dossiers app: re-render the public
    lookup row, sync the dossier to the national portal (one sync message per
    dossier version) and put its signed results into its citizen's data store
    (by content); each step is idempotent."""
    public_view_refresh_by_code(code=str(payload["code"]))
    national_sync_request(dossier_code=str(payload["code"]))
    store_results_collect(dossier_code=str(payload["code"]))


@outbox_handler(TOPIC_NATIONAL_SYNC)
def national_sync_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    """Push the dossier's record; raises (retry) while the portal is unavailable."""
    national_sync_deliver(message_id=message_id, dossier_code=str(payload["code"]))
