"""Writes of the audit trail (nhật ký): ``audit_record`` appends one event.

**Actor agency protocol.** When ``audit_record`` is not given ``agency_id`` or
``agency_label``, it asks the actor: if the actor has a method ``audit_agency()``, its
result is used as the agency snapshot. It must return ``(agency_id, agency_label)``
(an ``int`` and a ``str``) for the agency the actor is acting for now, or ``None``.
The accounts app implements it on its user model; the audit app never imports
accounts (it sits below it, conventions §4).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from congso.audit.chain import GENESIS_HASH, normalise
from congso.audit.models import AuditEvent, AuditHead
from congso.core.context import current_remote_address
from congso.core.rows import insert_rows

EVENT_TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

_LABEL_MAX = 255
_ADDRESS_MAX = 64

Actor = AbstractBaseUser | AnonymousUser | None


@runtime_checkable
class AuditAgencySource(Protocol):
    """An actor that knows the agency it acts for (implemented by accounts)."""

    def audit_agency(self) -> tuple[int, str] | None:
        """``(agency_id, agency_label)`` of the actor's current agency, or ``None``."""


def audit_record(
    *,
    event_type: str,
    actor: Actor,
    obj: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    agency_id: int | None = None,
    agency_label: str = "",
    object_type: str | None = None,
    object_id: str | int | None = None,
) -> AuditEvent:
    """Append one event to the audit chain, inside the caller's transaction.

    ``event_type`` is ``<app>.<entity>.<past_participle>`` (``dossiers.dossier.received``).
    ``actor`` is the acting user, or ``None`` for the system. ``obj`` is the model
    instance concerned (``object_type`` = ``app_label.model_name``, ``object_id`` =
    ``str(pk)``); pass ``object_type``/``object_id`` instead for something that is not
    a row. ``data`` must be JSON-like; see :func:`congso.audit.chain.normalise`.

    Raises ``TransactionManagementError`` outside an atomic block: the event must
    commit or roll back with the change it records.
    """
    if not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        raise TransactionManagementError(
            "audit_record() must be called inside the service's transaction.atomic() "
            "block, so the event commits or rolls back with the change it records"
        )
    if not EVENT_TYPE_RE.match(event_type):
        raise ValueError(
            f"event type {event_type!r} is not <app>.<entity>.<past_participle>"
        )
    object_type, object_id_str = _object_ref(obj, object_type, object_id)
    if agency_id is None and not agency_label:
        agency_id, agency_label = _actor_agency(actor)
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=_actor_id(actor),
        actor_label=_actor_label(actor),
        agency_id=agency_id,
        agency_label=agency_label[:_LABEL_MAX],
        event_type=event_type,
        object_type=object_type,
        object_id=object_id_str,
        data=normalise(dict(data or {})),
        source_address=current_remote_address()[:_ADDRESS_MAX],
    )
    return _append(event)


def _append(event: AuditEvent) -> AuditEvent:
    """Link ``event`` to the head of the chain and insert it.

    ``UPDATE … RETURNING`` bumps the head's ``last_seq`` and hands back the previous
    hash in one statement, and its row lock (or SQLite's IMMEDIATE transaction)
    serialises concurrent appends until the caller commits. Plain SQL because this
    runs inside every audited change: the ORM's ``select_for_update`` + ``update``
    pair costs a millisecond per reception for the same two statements."""
    table = connection.ops.quote_name(AuditHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_seq = last_seq + 1 "  # noqa: S608  # model table
            "WHERE id = %s RETURNING last_seq, last_hash",
            [AuditHead.SINGLETON_ID],
        )
        row = cursor.fetchone()
        if row is None:  # the very first event: create the head, then bump it
            AuditHead.objects.get_or_create(
                id=AuditHead.SINGLETON_ID,
                defaults={"last_seq": 0, "last_hash": GENESIS_HASH},
            )
            return _append(event)
        event.seq, event.prev_hash = int(row[0]), str(row[1])
        event.hash = event.compute_hash()
        insert_rows([event])  # not save(): it would hash the entry a second time
        cursor.execute(
            f"UPDATE {table} SET last_hash = %s WHERE id = %s",  # noqa: S608
            [event.hash, AuditHead.SINGLETON_ID],
        )
    return event


def _object_ref(
    obj: models.Model | None, object_type: str | None, object_id: str | int | None
) -> tuple[str, str]:
    if obj is None:
        return object_type or "", "" if object_id is None else str(object_id)
    if object_type is not None or object_id is not None:
        raise TypeError("pass either obj or object_type/object_id, not both")
    if obj.pk is None:
        raise ValueError("cannot audit an unsaved object")
    return obj._meta.label_lower, str(obj.pk)


def _actor_id(actor: Actor) -> int | None:
    if actor is None or not actor.is_authenticated:
        return None
    return int(actor.pk)


def _actor_label(actor: Actor) -> str:
    """``Full Name (username)``, or the username; "" for the system."""
    if actor is None:
        return ""
    if not actor.is_authenticated:
        return "anonymous"
    username = actor.get_username()
    get_full_name = getattr(actor, "get_full_name", None)
    full_name = str(get_full_name()) if callable(get_full_name) else ""
    label = (
        f"{full_name} ({username})" if full_name and full_name != username else username
    )
    return label[:_LABEL_MAX]


def _actor_agency(actor: Actor) -> tuple[int | None, str]:
    if isinstance(actor, AuditAgencySource):
        agency = actor.audit_agency()
        if agency is not None:
            return int(agency[0]), str(agency[1])
    return None, ""
