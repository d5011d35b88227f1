"""Access to secret documents (độ mật): grants by the agency's leader, and the
record of every view and download of a secret document in the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.core.errors import ConflictError
from congso.documents.models import (
    DocumentAccess,
    DocumentFile,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.services._base import (
    Document,
    DocumentError,
    audit,
    require,
    scope_and_tree,
)


@transaction.atomic
def document_access_grant(
    *, document: Document, user: User, actor: User, now: datetime | None = None
) -> DocumentAccess:
    """Let one more official read a secret document (the leader decides)."""
    now = now or timezone.now()
    scope, _tree = scope_and_tree(actor, now)
    require(scope, (Role.AGENCY_LEADER,), [document.agency_id])
    if not document.is_secret:
        raise DocumentError(
            _("Only secret documents need access by name."), code="not_secret"
        )
    owner: dict[str, Any] = (
        {"incoming": document}
        if isinstance(document, IncomingDocument)
        else {"outgoing": document}
    )
    try:
        with transaction.atomic():
            grant = DocumentAccess.objects.create(
                **owner, user=user, granted_by=actor, granted_at=now
            )
    except IntegrityError:
        raise ConflictError(
            _("%(name)s can already read this document.")
            % {"name": user.get_full_name()},
            code="duplicate",
        ) from None
    audit(document, "access_granted", actor, {"user": user.pk})
    return grant


@transaction.atomic
def document_read_record(
    *,
    document: IncomingDocument | OutgoingDocument,
    actor: User,
    file: DocumentFile | None = None,
) -> None:
    """Record that an official opened (or downloaded a file of) a secret
    document; other documents are not recorded."""
    if not document.is_secret:
        return
    if file is None:
        audit(document, "viewed", actor, {})
    else:
        audit(
            document,
            "downloaded",
            actor,
            {"file": file.pk, "name": file.name, "sha256": file.sha256},
        )
