"""Shared steps of the document services: permissions from the organisation
tree, the trace, audit, optimistic locking and stored files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.accounts.selectors import AgencyTree, Scope, agency_tree_get, scope_get
from congso.audit.services import audit_record
from congso.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from congso.core.files import EXTENSIONS
from congso.core.rows import insert_rows
from congso.documents.constants import (
    IncomingAction,
    IncomingStatus,
    OutgoingAction,
    OutgoingStatus,
)
from congso.documents.models import (
    DocumentEvent,
    DocumentFile,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.selectors.access import agency_of
from congso.documents.workflow import (
    TransitionNotAllowedError,
    incoming_next,
    outgoing_next,
)

Document = IncomingDocument | OutgoingDocument
M = TypeVar("M", IncomingDocument, OutgoingDocument)


class DocumentError(ApplicationError):
    """A refused action on a document (Vietnamese message)."""


def scope_and_tree(actor: User, now: datetime) -> tuple[Scope, AgencyTree]:
    tree = agency_tree_get(on=timezone.localdate(now))
    return scope_get(user=actor, on=tree.on, tree=tree), tree


def require(
    scope: Scope, roles: Iterable[str], agency_ids: Iterable[int | None]
) -> None:
    """Refuse unless the official holds one of ``roles`` over one of the nodes."""
    wanted = list(roles)
    if any(a is not None and scope.covers(a, wanted) for a in agency_ids):
        return
    raise PermissionDeniedError(
        _("Your role does not allow this action on this document."), code="role"
    )


def require_member(
    scope: Scope, tree: AgencyTree, roles: Iterable[str], agency_id: int
) -> None:
    """Refuse unless the official holds one of ``roles`` in the agency or in one
    of its internal units."""
    if any(agency_of(tree, a) == agency_id for a in scope.agency_ids(list(roles))):
        return
    raise PermissionDeniedError(
        _("Your role does not allow this action on this document."), code="role"
    )


def lock(model: type[M], pk: int, expected_version: int | None) -> M:
    """Re-read the row locked; refuse when someone changed it in between."""
    row = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and row.row_version != expected_version:
        raise ConflictError(
            _("The document was changed by someone else. Reload it and try again."),
            code="stale",
        )
    return row


def _owner(doc: Document) -> dict[str, Any]:
    if isinstance(doc, IncomingDocument):
        return {"incoming": doc}
    return {"outgoing": doc}


def trace(
    doc: Document,
    action: str,
    actor: User | None,
    now: datetime,
    *,
    note: str = "",
    agency_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> DocumentEvent:
    """Append one line to the document's trace."""
    [event] = insert_rows(
        [
            DocumentEvent(
                **_owner(doc),
                action=action,
                actor=actor,
                actor_label=actor.get_full_name() if actor else "",
                agency_id=agency_id if agency_id is not None else doc.agency_id,
                at=now,
                note=note,
                data=data or {},
            )
        ]
    )
    return event


def audit(
    doc: models.Model, verb: str, actor: User | None, data: dict[str, Any]
) -> None:
    """``documents.<incoming|outgoing|…>.<verb>`` in the audit chain."""
    if isinstance(doc, IncomingDocument):
        entity = "incoming"
    elif isinstance(doc, OutgoingDocument):
        entity = "outgoing"
    else:
        entity = type(doc)._meta.model_name or "document"
    audit_record(
        event_type=f"documents.{entity}.{verb}",
        actor=actor,
        obj=doc,
        data=data,
        agency_id=getattr(doc, "agency_id", None),
    )


def file_store(
    doc: Document,
    *,
    kind: str,
    name: str,
    data: bytes,
    content_type: str,
    actor: User | None,
    text: str = "",
    ocr_status: str = "none",
    derived_from: DocumentFile | None = None,
) -> DocumentFile:
    """Keep a file of a document under a neutral stored name (the Vietnamese
    name is kept in ``name`` and used for downloads)."""
    digest = hashlib.sha256(data).hexdigest()
    row = DocumentFile(
        **_owner(doc),
        kind=kind,
        name=name[:255],
        content_type=content_type,
        size=len(data),
        sha256=digest,
        text=text,
        ocr_status=ocr_status,
        derived_from=derived_from,
        created_by=actor,
    )
    row.file.save(
        f"{digest[:16]}{EXTENSIONS.get(content_type, '.bin')}",
        ContentFile(data),
        save=False,
    )
    row.save()
    return row


def move(doc: Document, action: str) -> None:
    """Move ``doc`` (already locked) by ``action`` along its lifecycle table
    (:mod:`congso.documents.workflow`), or refuse in Vietnamese."""
    try:
        if isinstance(doc, IncomingDocument):
            status = str(
                incoming_next(IncomingStatus(doc.status), IncomingAction(action))
            )
        else:
            status = str(
                outgoing_next(OutgoingStatus(doc.status), OutgoingAction(action))
            )
    except TransitionNotAllowedError:
        labels = (
            (IncomingStatus, IncomingAction)
            if isinstance(doc, IncomingDocument)
            else (OutgoingStatus, OutgoingAction)
        )
        raise DocumentError(
            _("“%(action)s” is not possible for a document that is “%(status)s”.")
            % {
                "action": labels[1](action).label,
                "status": labels[0](doc.status).label,
            },
            code="transition_not_allowed",
        ) from None
    doc.status = status
    doc.row_version += 1
