"""Case files (hồ sơ công việc): opened by a unit for a matter, documents filed
in order, closed when the matter ends; the retention decides when the file is
due for transfer to the archive."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.core.errors import ConflictError
from congso.core.text import nfc
from congso.documents.constants import CaseFileStatus, Retention
from congso.documents.models import (
    CaseFile,
    CaseFileItem,
    IncomingDocument,
    OutgoingDocument,
)
from congso.documents.services._base import (
    DocumentError,
    audit,
    require_member,
    scope_and_tree,
)

RECORD_ROLES = (
    Role.DOCUMENT_CLERK,
    Role.SPECIALIST,
    Role.UNIT_HEAD,
    Role.AGENCY_LEADER,
)


@transaction.atomic
def case_file_open(
    *,
    agency_id: int,
    notation: str,
    title: str,
    retention: str,
    retention_years: int | None,
    creator: str,
    actor: User,
    description: str = "",
    rights: str = "",
    now: datetime | None = None,
) -> CaseFile:
    """Open a case file of the agency for this year with its file code."""
    now = now or timezone.now()
    scope, tree = scope_and_tree(actor, now)
    require_member(scope, tree, RECORD_ROLES, agency_id)
    notation = "".join(nfc(notation).split()).upper()
    title = " ".join(nfc(title).split())
    errors: dict[str, list[str]] = {}
    if not notation or len(notation) > 20:
        errors["notation"] = [str(_("Enter a file code of at most 20 characters."))]
    if not title:
        errors["title"] = [str(_("Enter the title of the case file."))]
    if retention not in Retention.values:
        errors["retention"] = [str(_("Choose the retention."))]
    elif retention == Retention.YEARS and not (retention_years or 0) > 0:
        errors["retention_years"] = [str(_("Enter the number of years kept."))]
    if errors:
        raise DocumentError(
            _("The case file's data is invalid."),
            code="invalid",
            extra={"errors": errors},
        )
    try:
        with transaction.atomic():
            row = CaseFile.objects.create(
                agency_id=agency_id,
                year=timezone.localdate(now).year,
                notation=notation,
                title=title[:500],
                retention=retention,
                retention_years=retention_years
                if retention == Retention.YEARS
                else None,
                creator=nfc(creator).strip()[:100] or actor.get_full_name(),
                description=nfc(description).strip()[:500],
                rights=nfc(rights).strip()[:30],
                start_date=timezone.localdate(now),
                created_by=actor,
            )
    except IntegrityError:
        raise ConflictError(
            _("A case file with this code exists already this year."), code="duplicate"
        ) from None
    audit(row, "opened", actor, {"notation": notation, "retention": row.maintenance})
    return row


@transaction.atomic
def case_file_add(
    *,
    case_file: CaseFile,
    actor: User,
    incoming: IncomingDocument | None = None,
    outgoing: OutgoingDocument | None = None,
    now: datetime | None = None,
) -> CaseFileItem:
    """File one document (of the same agency) in an open case file."""
    now = now or timezone.now()
    row = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    scope, tree = scope_and_tree(actor, now)
    require_member(scope, tree, RECORD_ROLES, row.agency_id)
    if row.status != CaseFileStatus.OPEN:
        raise DocumentError(_("The case file is closed."), code="closed")
    doc = incoming or outgoing
    if doc is None or (incoming is not None and outgoing is not None):
        raise DocumentError(_("Choose one document to file."), code="one_document")
    if doc.agency_id != row.agency_id:
        raise DocumentError(
            _("Only the agency's own documents go in its case files."), code="agency"
        )
    order = (row.items.aggregate(m=Max("order"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            item = CaseFileItem.objects.create(
                case_file=row, order=order, incoming=incoming, outgoing=outgoing
            )
    except IntegrityError:
        raise ConflictError(
            _("The document is already in this case file."), code="duplicate"
        ) from None
    audit(row, "document_added", actor, {"item": item.pk, "order": order})
    return item


@transaction.atomic
def case_file_close(
    *,
    case_file: CaseFile,
    actor: User,
    end_date: date | None = None,
    now: datetime | None = None,
) -> CaseFile:
    """Close the file (kết thúc hồ sơ): nothing more is filed in it."""
    now = now or timezone.now()
    row = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    scope, tree = scope_and_tree(actor, now)
    require_member(scope, tree, RECORD_ROLES, row.agency_id)
    if row.status == CaseFileStatus.CLOSED:
        raise DocumentError(_("The case file is closed."), code="closed")
    if not row.items.exists():
        raise DocumentError(_("An empty case file cannot be closed."), code="empty")
    row.status, row.closed_at = CaseFileStatus.CLOSED, now
    row.end_date = end_date or timezone.localdate(now)
    row.save()
    audit(row, "closed", actor, {"end_date": row.end_date.isoformat()})
    return row
