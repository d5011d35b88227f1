"""Incoming documents by e-mail: the agency's mailbox is read by a periodic
task (Maildir in the demo, IMAP in production, ``congso.documents.intake``),
each message kept as received; the clerk then registers it — the form filled
from what the message says — or dismisses it. A message is marked read in the
mailbox only after it is stored, so nothing is lost between the two."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.core.files import SCAN_TYPES, WORKING_FILE_TYPES
from congso.documents.constants import FileKind, IncomingChannel
from congso.documents.intake.mail import ParsedEmail, parse_email
from congso.documents.intake.sources import MailSource
from congso.documents.models import IncomingDocument, MailItem, MailStatus
from congso.documents.services._base import DocumentError, require, scope_and_tree
from congso.documents.services.incoming import (
    IncomingData,
    UploadedFile,
    incoming_register,
)


def mail_read(item: MailItem) -> ParsedEmail:
    with item.raw.open("rb") as handle:
        return parse_email(handle.read())


@transaction.atomic
def mail_store(
    *, agency_id: int, raw: bytes, source_key: str, now: datetime | None = None
) -> MailItem | None:
    """Keep one received message for the agency; None when already kept (a
    message fetched twice) — malformed messages are kept too, for a person."""
    if MailItem.objects.filter(agency_id=agency_id, source_key=source_key).exists():
        return None
    try:
        parsed: ParsedEmail | None = parse_email(raw)
    except ApplicationError:
        parsed = None
    item = MailItem(
        agency_id=agency_id,
        source_key=source_key[:255],
        message_id=parsed.message_id[:255] if parsed else "",
        sender_name=parsed.sender_name[:255] if parsed else "",
        sender_address=parsed.sender_address[:255] if parsed else "",
        subject=(parsed.subject if parsed else str(_("(unreadable message)")))[:500],
        sent_at=parsed.date if parsed else None,
        fetched_at=now or timezone.now(),
    )
    item.raw.save(
        f"{hashlib.sha256(raw).hexdigest()[:16]}.eml", ContentFile(raw), save=False
    )
    item.save()
    return item


def mail_fetch(*, agency_id: int, source: MailSource, limit: int = 50) -> int:
    """Store the mailbox's unread messages; each is marked read once stored."""
    stored = 0
    for message in source.fetch_unseen(limit=limit):
        if mail_store(agency_id=agency_id, raw=message.raw, source_key=message.key):
            stored += 1
        source.mark_seen(message.key)
    return stored


@transaction.atomic
def mail_upload(*, agency_id: int, raw: bytes, actor: User) -> MailItem:
    """A message saved from another mail program (.eml), given by the clerk."""
    scope, _tree = scope_and_tree(actor, timezone.now())
    require(scope, (Role.DOCUMENT_CLERK,), [agency_id])
    parse_email(raw)  # refuse what is not an e-mail, in Vietnamese
    key = "upload:" + hashlib.sha256(raw).hexdigest()
    item = mail_store(agency_id=agency_id, raw=raw, source_key=key)
    if item is None:
        raise DocumentError(_("This message was uploaded already."), code="duplicate")
    return item


@transaction.atomic
def mail_register(
    *, item: MailItem, data: IncomingData, actor: User, now: datetime | None = None
) -> IncomingDocument:
    """Register the message as an incoming document (channel e-mail) with its
    attachments as the document's files."""
    locked = MailItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != MailStatus.PENDING:
        raise DocumentError(_("This message was already dealt with."), code="mail_done")
    parsed = mail_read(locked)
    files = [
        UploadedFile(
            a.filename,
            a.data,
            FileKind.SCAN if a.content_type in SCAN_TYPES else FileKind.ATTACHMENT,
        )
        for a in parsed.attachments
        if a.content_type in WORKING_FILE_TYPES
    ]
    skipped = len(parsed.attachments) - len(files)
    notes = data.notes
    if skipped:
        notes = str(
            _("%(n)s attachment(s) of another type are kept in the original message.")
            % {"n": skipped}
        )
    doc = incoming_register(
        agency_id=locked.agency_id,
        data=IncomingData(
            **{
                **data.__dict__,
                "channel": IncomingChannel.EMAIL,
                "source_reference": locked.message_id,
                "received_at": data.received_at or locked.fetched_at,
                "notes": notes,
            }
        ),
        files=files,
        actor=actor,
        now=now,
    )
    locked.status, locked.incoming = MailStatus.REGISTERED, doc
    locked.save(update_fields=["status", "incoming"])
    return doc


@transaction.atomic
def mail_dismiss(*, item: MailItem, actor: User) -> MailItem:
    """Not an official document (advertising, a personal message)."""
    scope, _tree = scope_and_tree(actor, timezone.now())
    require(scope, (Role.DOCUMENT_CLERK,), [item.agency_id])
    locked = MailItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != MailStatus.PENDING:
        raise DocumentError(_("This message was already dealt with."), code="mail_done")
    locked.status = MailStatus.DISMISSED
    locked.save(update_fields=["status"])
    return locked
