"""Officials' comments and working files on a dossier (ý kiến trao đổi, ý kiến xử
lý; tài liệu đính kèm).

They never change the dossier itself: no status, no row lock, no ``row_version``
bump (an official's open action form does not go stale because a colleague wrote a
comment), and no ``DossierEvent``: the timeline is the applicant's view of the
process and these notes are internal. Each write is atomic and audited.

Append-only: comments are never edited or deleted. An attachment is never deleted
either; while the dossier is unfinished its author may *withdraw* it (a wrong file,
a superseded draft) with a reason. The row and the file stay, shown struck through,
because the next step may already have relied on it and the audit chain names its
SHA-256."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.accounts.selectors import (
    Scope,
    agency_tree_get,
    role_assignment_list_for_user,
    scope_get,
)
from congso.audit.services import audit_record
from congso.core.errors import ConflictError, PermissionDeniedError
from congso.core.files import EXTENSIONS, WORKING_FILE_TYPES, clean_file_name, sniff
from congso.core.text import nfc
from congso.dossiers.constants import TERMINAL_STATUSES
from congso.dossiers.models import (
    Dossier,
    DossierAttachment,
    DossierComment,
    ProcessingStep,
)
from congso.dossiers.rules import NOTE_ROLES, can_attach, can_comment
from congso.dossiers.services import DossierError

MAX_COMMENT_LENGTH = 4000
MAX_TITLE_LENGTH = 300
MAX_DESCRIPTION_LENGTH = 2000
MAX_REASON_LENGTH = 500
#: Working files: field-inspection reports scanned in colour at 200 dpi (NĐ 30/2020)
#: run to several MB a page, so twice the reception scan limit.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class _Actor:
    """Who writes the note, seen from this dossier."""

    scope: Scope
    agency_id: int | None
    agency_label: str
    steps: Sequence[ProcessingStep]


def _actor(dossier: Dossier, user: User, on: date) -> _Actor:
    """The official's scope, and the agency they act for on this dossier: the one
    of their one-stop assignments that covers the current step's agency, else the
    latest step they held, else the receiving unit or competent authority."""
    tree = agency_tree_get(on=on)
    scope = scope_get(user=user, on=on, tree=tree)
    steps = list(ProcessingStep.objects.filter(dossier=dossier).order_by("order"))
    targets = [
        *(s.agency_id for s in steps if s.order == dossier.current_step),
        *(s.agency_id for s in reversed(steps) if s.started_at is not None),
        dossier.receiving_agency_id,
        dossier.competent_agency_id,
        *(s.agency_id for s in steps),
    ]
    assignments = [
        a
        for a in role_assignment_list_for_user(user=user, on=on)
        if a.role in NOTE_ROLES
    ]
    for target in targets:
        for a in assignments:
            if target in tree.descendants(a.agency_id, scope=a.scope):
                node = tree.nodes.get(a.agency_id)
                return _Actor(scope, a.agency_id, node.name if node else "", steps)
    return _Actor(scope, None, "", steps)


def _refusal(message: str | Promise, *, code: str, field: str) -> DossierError:
    """A refusal of one input field, in the project's error format
    (``{"errors": {field: [message]}}``)."""
    text = str(message)
    return DossierError(text, code=code, extra={"errors": {field: [text]}})


def _step(steps: Sequence[ProcessingStep], order: int | None) -> ProcessingStep | None:
    if order is None:
        return None
    step = next((s for s in steps if s.order == order), None)
    if step is None:
        raise _refusal(
            _("This dossier has no step %(order)s.") % {"order": order},
            code="step",
            field="step",
        )
    return step


def _text(value: str, *, field: str, limit: int, required: bool) -> str:
    text = nfc(value).strip()
    if required and not text:
        messages = {
            "text": _("Write your comment."),
            "title": _("Give the document a title."),
            "reason": _("Say why the file is withdrawn."),
        }
        raise _refusal(messages[field], code="required", field=field)
    if len(text) > limit:
        raise _refusal(
            _("At most %(limit)d characters (you wrote %(count)d).")
            % {"limit": limit, "count": len(text)},
            code="too_long",
            field=field,
        )
    return text


# -- comments -----------------------------------------------------------------------


@transaction.atomic
def dossier_comment_add(
    *,
    dossier: Dossier,
    text: str,
    actor: User,
    step_order: int | None = None,
    now: datetime | None = None,
) -> DossierComment:
    """Add an official's comment to a dossier they see through a one-stop role.
    Any status: a comment changes nothing in the processing."""
    now = now or timezone.now()
    who = _actor(dossier, actor, timezone.localdate(now))
    agencies = [
        dossier.receiving_agency_id,
        dossier.competent_agency_id,
        *(s.agency_id for s in who.steps),
    ]
    if not can_comment(who.scope, agency_ids=agencies):
        raise PermissionDeniedError(
            _("Your role does not allow commenting on this dossier."), code="role"
        )
    body = _text(text, field="text", limit=MAX_COMMENT_LENGTH, required=True)
    step = _step(who.steps, step_order)
    comment = DossierComment.objects.create(
        dossier=dossier,
        author=actor,
        author_label=actor.get_full_name()[:200],
        agency_id=who.agency_id,
        agency_label=who.agency_label[:255],
        step=step,
        text=body,
        created_at=now,
    )
    audit_record(
        event_type="dossiers.comment.added",
        actor=actor,
        obj=comment,
        data={
            "dossier": dossier.code,
            "step": step.order if step else None,
            "length": len(body),
            "sha256": hashlib.sha256(body.encode()).hexdigest(),
        },
        agency_id=who.agency_id,
        agency_label=who.agency_label,
    )
    return comment


# -- attachments --------------------------------------------------------------------


def _checked_type(upload: UploadedFile) -> str:
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise _refusal(
            _("The file %(name)s is larger than %(size)d MB.")
            % {"name": upload.name, "size": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
            code="too_large",
            field="file",
        )
    content_type = sniff(upload, WORKING_FILE_TYPES)
    if content_type is None:
        raise _refusal(
            _(
                "The file %(name)s is not a PDF, JPEG or PNG document, nor a Word, "
                "Excel or OpenDocument file without macros."
            )
            % {"name": upload.name},
            code="file_type",
            field="file",
        )
    return content_type


def _check_may_attach(who: _Actor, dossier: Dossier) -> None:
    held = [s.agency_id for s in who.steps if s.started_at is not None]
    if not can_attach(
        who.scope,
        unfinished=True,
        receiving_agency_id=dossier.receiving_agency_id,
        held_step_agency_ids=held,
    ):
        raise PermissionDeniedError(
            _("Only the desk and the agencies that handled this dossier attach files."),
            code="role",
        )
    if dossier.status in TERMINAL_STATUSES:
        raise DossierError(
            _("The dossier is finished; no more files can be attached."),
            code="finished",
        )


def _sha256(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def dossier_attachment_add(
    *,
    dossier: Dossier,
    title: str,
    file: UploadedFile,
    actor: User,
    description: str = "",
    step_order: int | None = None,
    now: datetime | None = None,
) -> DossierAttachment:
    """Attach a working file to an unfinished dossier: by the receiving desk or by
    an official of an agency holding or having held one of its steps. The type is
    sniffed from the content; the file is stored under a random name."""
    now = now or timezone.now()
    who = _actor(dossier, actor, timezone.localdate(now))
    _check_may_attach(who, dossier)
    content_type = _checked_type(file)
    row = DossierAttachment(
        dossier=dossier,
        uploaded_by=actor,
        uploaded_by_label=actor.get_full_name()[:200],
        agency_id=who.agency_id,
        agency_label=who.agency_label[:255],
        step=_step(who.steps, step_order),
        title=_text(title, field="title", limit=MAX_TITLE_LENGTH, required=True),
        description=_text(
            description,
            field="description",
            limit=MAX_DESCRIPTION_LENGTH,
            required=False,
        ),
        original_name=clean_file_name(file.name or "", content_type),
        content_type=content_type,
        size=file.size or 0,
        sha256=_sha256(file),
        created_at=now,
    )
    row.file.save(f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", file, save=False)
    try:
        row.save()
        audit_record(
            event_type="dossiers.attachment.added",
            actor=actor,
            obj=row,
            data={
                "dossier": dossier.code,
                "step": row.step.order if row.step else None,
                "title": row.title,
                "name": row.original_name,
                "content_type": content_type,
                "size": row.size,
                "sha256": row.sha256,
            },
            agency_id=who.agency_id,
            agency_label=who.agency_label,
        )
    except BaseException:
        row.file.delete(save=False)  # the row rolls back; do not keep its file
        raise
    return row


@transaction.atomic
def dossier_attachment_withdraw(
    *,
    attachment: DossierAttachment,
    reason: str,
    actor: User,
    now: datetime | None = None,
) -> DossierAttachment:
    """Mark one's own attachment withdrawn (wrong file, superseded draft) while the
    dossier is unfinished. Nothing is deleted; a second withdrawal is refused."""
    now = now or timezone.now()
    if attachment.uploaded_by_id != actor.pk:
        raise PermissionDeniedError(
            _("Only the official who attached a file may withdraw it."), code="role"
        )
    status = Dossier.objects.values_list("status", flat=True).get(
        pk=attachment.dossier_id
    )
    if status in TERMINAL_STATUSES:
        raise DossierError(
            _("The dossier is finished; its files can no longer be withdrawn."),
            code="finished",
        )
    text = _text(reason, field="reason", limit=MAX_REASON_LENGTH, required=True)
    changed = DossierAttachment.objects.filter(
        pk=attachment.pk, withdrawn_at__isnull=True
    ).update(withdrawn_at=now, withdrawn_by=actor, withdrawal_reason=text)
    if not changed:
        raise ConflictError(
            _("This file has already been withdrawn."), code="withdrawn"
        )
    attachment.withdrawn_at, attachment.withdrawn_by = now, actor
    attachment.withdrawal_reason = text
    audit_record(
        event_type="dossiers.attachment.withdrawn",
        actor=actor,
        obj=attachment,
        data={"sha256": attachment.sha256, "reason": text},
    )
    return attachment
