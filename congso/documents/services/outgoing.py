"""Outgoing documents (văn bản đi) from draft to approval: drafting in the
application or uploading a finished file, and the review chain (trình duyệt)
that ends with the signer. Signature, numbering and issuance are in
:mod:`.issuance`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import AgencyKind, Role
from congso.accounts.models import User
from congso.accounts.selectors import agency_version_on, scope_get
from congso.core.files import PDF
from congso.core.text import nfc
from congso.documents.constants import (
    Competence,
    DocumentType,
    FileKind,
    OutgoingAction,
    OutgoingSource,
    OutgoingStatus,
    ReviewDecision,
    Secrecy,
    Urgency,
)
from congso.documents.models import (
    DocumentFile,
    IncomingDocument,
    OutgoingDocument,
    ReviewStep,
)
from congso.documents.notation import SymbolInvalidError, build_symbol
from congso.documents.selectors.access import agency_of, works_in
from congso.documents.selectors.choices import symbol_abbreviations
from congso.documents.services._base import (
    DocumentError,
    audit,
    file_store,
    lock,
    move,
    require,
    require_member,
    scope_and_tree,
    trace,
)
from congso.documents.services.incoming import UploadedFile, files_check
from congso.documents.services.indexing import index_document
from congso.documents.services.rendering import draft_render, upload_prepare

DRAFTER_ROLES = (
    Role.SPECIALIST,
    Role.UNIT_HEAD,
    Role.AGENCY_LEADER,
    Role.DOCUMENT_CLERK,
)
SIGNER_ROLES = (Role.AGENCY_LEADER, Role.UNIT_HEAD)


@dataclass(frozen=True)
class DraftData:
    """The content of an outgoing document as the drafter writes it."""

    doc_type: str
    subject: str
    signer_id: int
    signer_title: str
    body: str = ""
    competence: str = Competence.OWN
    competence_of: str = ""
    addressee: str = ""
    basis: str = ""
    place: str = ""
    drafting_unit_id: int | None = None
    external_recipients: str = ""
    internal_recipient_ids: Sequence[int] = field(default_factory=tuple)
    copies: int = 1
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NONE
    normative: bool = False
    due_date: date | None = None
    reply_to_ids: Sequence[int] = field(default_factory=tuple)
    replaces_id: int | None = None


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in nfc(text).replace("\r", "").split("\n")]
    return "\n".join(lines).strip()


def _validate(data: DraftData, *, has_file: bool) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    subject = " ".join(nfc(data.subject).split())
    if data.doc_type not in DocumentType.values:
        errors["doc_type"] = [str(_("Choose one of the 29 document types."))]
    if not subject:
        errors["subject"] = [str(_("Enter the subject (trích yếu)."))]
    elif len(subject) > 500:
        errors["subject"] = [str(_("The subject is longer than 500 characters."))]
    if not has_file and not _clean(data.body):
        errors["body"] = [str(_("Write the content, or upload the finished file."))]
    if not data.signer_title.strip():
        errors["signer_title"] = [str(_("Enter the signer's title."))]
    if data.competence not in Competence.values:
        errors["competence"] = [str(_("Unknown signing authority."))]
    if data.competence in (Competence.ON_BEHALF, Competence.DEPUTY) and not (
        data.competence_of.strip()
    ):
        errors["competence_of"] = [
            str(_("Say on whose behalf (e.g. Ủy ban nhân dân, Chủ tịch)."))
        ]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [str(_("Unknown urgency."))]
    if data.secrecy not in Secrecy.values:
        errors["secrecy"] = [str(_("Unknown secrecy level."))]
    if not 1 <= data.copies <= 99:
        errors["copies"] = [str(_("Copies kept: between 1 and 99."))]
    if errors:
        raise DocumentError(
            _("The draft's data is invalid."), code="invalid", extra={"errors": errors}
        )
    return {
        "doc_type": data.doc_type,
        "subject": subject,
        "body": _clean(data.body),
        "basis": _clean(data.basis),
        "addressee": " ".join(nfc(data.addressee).split())[:500],
        "place": " ".join(nfc(data.place).split())[:100],
        "competence": data.competence,
        "competence_of": " ".join(nfc(data.competence_of).split())[:100],
        "signer_title": " ".join(nfc(data.signer_title).split())[:100],
        "external_recipients": _clean(data.external_recipients),
        "copies": data.copies,
        "urgency": data.urgency,
        "secrecy": data.secrecy,
        "normative": data.normative,
        "due_date": data.due_date,
        "drafting_unit_id": data.drafting_unit_id,
        "signer_id": data.signer_id,
    }


def _check_people(agency_id: int, data: DraftData, actor: User, now: datetime) -> None:
    scope, tree = scope_and_tree(actor, now)
    require_member(scope, tree, DRAFTER_ROLES, agency_id)
    if data.drafting_unit_id is not None and (
        agency_of(tree, data.drafting_unit_id) != agency_id
    ):
        raise DocumentError(
            _("The drafting unit must belong to the issuing agency."),
            code="unit_outside",
        )
    _check_symbol(agency_id, data, tree.on)
    signer = User.objects.filter(pk=data.signer_id, is_active=True).first()
    if signer is None or not scope_get(user=signer, on=tree.on, tree=tree).covers(
        agency_id, SIGNER_ROLES
    ):
        raise DocumentError(
            _("The signer must be a leader of the issuing agency."), code="signer"
        )
    if (
        data.replaces_id is not None
        and not OutgoingDocument.objects.filter(
            pk=data.replaces_id, agency_id=agency_id, status=OutgoingStatus.ISSUED
        ).exists()
    ):
        raise DocumentError(
            _("Only an issued document of this agency can be replaced."),
            code="replaces",
        )
    nodes = tree.nodes
    if any(
        r not in nodes or nodes[r].kind == AgencyKind.INTERNAL_UNIT or r == agency_id
        for r in data.internal_recipient_ids
    ):
        raise DocumentError(
            _("A recipient on the network must be another agency."),
            code="recipient",
            extra={"errors": {"internal_recipients": [str(_("Unknown recipient."))]}},
        )
    bad = set(data.reply_to_ids) - set(
        IncomingDocument.objects.filter(
            pk__in=list(data.reply_to_ids), agency_id=agency_id
        ).values_list("pk", flat=True)
    )
    if bad:
        raise DocumentError(
            _("A document this replies to is not one of the agency's."),
            code="reply_to",
        )


def _check_symbol(agency_id: int, data: DraftData, on: date) -> None:
    """The number's symbol can be built: the agency's (and for a công văn the
    drafting unit's) abbreviation is known and well formed (caught here rather
    than at issuance, after the number is taken)."""
    if data.doc_type not in DocumentType.values:
        return
    agency_abbr, unit_abbr = symbol_abbreviations(
        agency_id=agency_id, unit_id=data.drafting_unit_id, on=on
    )
    try:
        build_symbol(
            doc_type=DocumentType(data.doc_type),
            agency_abbr=agency_abbr,
            unit_abbr=unit_abbr,
        )
    except SymbolInvalidError as exc:
        raise DocumentError(
            _("The document's symbol cannot be built: %(reason)s")
            % {"reason": exc.message},
            code="symbol",
            extra={"errors": {"drafting_unit": [str(exc.message)]}},
        ) from None


def _set_relations(doc: OutgoingDocument, data: DraftData) -> None:
    doc.internal_recipients.set(list(dict.fromkeys(data.internal_recipient_ids)))
    doc.replies_to.set(list(dict.fromkeys(data.reply_to_ids)))


def _store_upload(
    doc: OutgoingDocument, upload: UploadedFile, actor: User
) -> DocumentFile:
    [(checked, content_type)] = files_check(
        [UploadedFile(upload.name, upload.data, FileKind.ATTACHMENT)]
    )
    if content_type != PDF:
        raise DocumentError(
            _("Upload the finished document as a PDF file."), code="file_type"
        )
    return file_store(
        doc,
        kind=FileKind.DRAFT,
        name=checked.name,
        data=upload_prepare(checked.data),
        content_type=PDF,
        actor=actor,
    )


@transaction.atomic
def outgoing_create(
    *,
    agency_id: int,
    data: DraftData,
    actor: User,
    upload: UploadedFile | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """A new draft of the agency, written here or uploaded as a finished PDF."""
    now = now or timezone.now()
    _check_people(agency_id, data, actor, now)
    values = _validate(data, has_file=upload is not None)
    version = agency_version_on(agency_id=agency_id, on=timezone.localdate(now))
    governing = (
        agency_version_on(agency_id=version.parent_id, on=timezone.localdate(now))
        if version is not None and version.parent_id
        else None
    )
    doc = OutgoingDocument.objects.create(
        agency_id=agency_id,
        agency_name=version.name if version else "",
        governing_name=governing.name if governing else "",
        source=OutgoingSource.UPLOADED if upload else OutgoingSource.DRAFTED,
        replaces_id=data.replaces_id,
        created_by=actor,
        **values,
    )
    _set_relations(doc, data)
    if upload is not None:
        _store_upload(doc, upload, actor)
    trace(doc, OutgoingAction.CREATE, actor, now)
    audit(doc, "created", actor, {"doc_type": doc.doc_type, "source": doc.source})
    index_document(doc)
    return doc


@transaction.atomic
def outgoing_update(
    *,
    document: OutgoingDocument,
    data: DraftData,
    actor: User,
    upload: UploadedFile | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """Edit a draft. Once it has left the drafter (in review, signed, issued)
    it cannot be edited: it must be returned first."""
    now = now or timezone.now()
    doc = lock(OutgoingDocument, document.pk, expected_version)
    if doc.status != OutgoingStatus.DRAFT:
        raise DocumentError(
            _(
                "Only a draft can be edited; this document is “%(status)s”. A "
                "signed document is never changed: return or replace it."
            )
            % {"status": OutgoingStatus(doc.status).label},
            code="not_draft",
        )
    _check_people(doc.agency_id, data, actor, now)
    values = _validate(
        data, has_file=upload is not None or doc.source == OutgoingSource.UPLOADED
    )
    for name, value in values.items():
        setattr(doc, name, value)
    doc.replaces_id = data.replaces_id
    move(doc, OutgoingAction.EDIT)
    doc.save()
    _set_relations(doc, data)
    if upload is not None:
        doc.source = OutgoingSource.UPLOADED
        doc.save(update_fields=["source"])
        _store_upload(doc, upload, actor)
    trace(doc, OutgoingAction.EDIT, actor, now)
    audit(doc, "edited", actor, {"fields": sorted(values)})
    index_document(doc)
    return doc


@transaction.atomic
def outgoing_submit(
    *,
    document: OutgoingDocument,
    reviewer_ids: Sequence[int],
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """Send the draft up the review chain: the reviewers in order, then the
    signer. The PDF they review is rendered now and is the one signed."""
    now = now or timezone.now()
    doc = lock(OutgoingDocument, document.pk, expected_version)
    scope, tree = scope_and_tree(actor, now)
    require_member(scope, tree, DRAFTER_ROLES, doc.agency_id)
    reviewers = list(User.objects.filter(pk__in=list(reviewer_ids), is_active=True))
    if len(reviewers) != len(set(reviewer_ids)) or doc.signer_id in reviewer_ids:
        raise DocumentError(
            _("Choose each reviewer once; the signer comes last by himself."),
            code="reviewers",
        )
    for reviewer in reviewers:
        if not works_in(
            scope_get(user=reviewer, on=tree.on, tree=tree), tree, doc.agency_id
        ):
            raise DocumentError(
                _("%(name)s does not work in the issuing agency.")
                % {"name": reviewer.get_full_name()},
                code="reviewer_outside",
            )
    move(doc, OutgoingAction.SUBMIT)
    round_ = (max(doc.review_steps.values_list("round", flat=True), default=0) or 0) + 1
    by_id = {r.pk: r for r in reviewers}
    ReviewStep.objects.bulk_create(
        [
            ReviewStep(outgoing=doc, order=i, reviewer=by_id[pk], round=round_)
            for i, pk in enumerate(reviewer_ids, start=1)
        ]
        + [
            ReviewStep(
                outgoing=doc,
                order=len(reviewer_ids) + 1,
                reviewer_id=doc.signer_id,
                round=round_,
            )
        ]
    )
    if not reviewer_ids:
        doc.status = OutgoingStatus.AWAITING_SIGNATURE
    if doc.source == OutgoingSource.DRAFTED:
        file_store(
            doc,
            kind=FileKind.DRAFT,
            name=f"du-thao-{doc.pk}-v{round_}.pdf",
            data=draft_render(doc),
            content_type=PDF,
            actor=actor,
        )
    elif not doc.documentfiles.filter(kind=FileKind.DRAFT).exists():
        raise DocumentError(_("Upload the finished file first."), code="no_file")
    doc.save()
    trace(doc, OutgoingAction.SUBMIT, actor, now, data={"round": round_})
    audit(doc, "submitted", actor, {"reviewers": list(reviewer_ids), "round": round_})
    index_document(doc)
    return doc


def pending_step(doc: OutgoingDocument) -> ReviewStep | None:
    return (
        doc.review_steps.filter(decision=ReviewDecision.PENDING)
        .order_by("-round", "order")
        .first()
    )


@transaction.atomic
def outgoing_review(
    *,
    document: OutgoingDocument,
    approve: bool,
    actor: User,
    comment: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """The current reviewer approves (the draft moves to the next one, or to the
    signer after the last) or returns it to the drafter with a comment. The
    signer may also return it instead of signing."""
    now = now or timezone.now()
    doc = lock(OutgoingDocument, document.pk, expected_version)
    step = pending_step(doc)
    if step is None or step.reviewer_id != actor.pk:
        raise DocumentError(
            _("The draft is not waiting for your review."), code="not_your_turn"
        )
    comment = nfc(comment).strip()
    is_signer_step = doc.status == OutgoingStatus.AWAITING_SIGNATURE
    if approve and is_signer_step:
        raise DocumentError(_("Sign the document to approve it."), code="sign")
    if not approve and not comment:
        raise DocumentError(_("Say what must change."), code="reason")
    step.decision = ReviewDecision.APPROVED if approve else ReviewDecision.RETURNED
    step.comment, step.decided_at = comment[:4000], now
    step.save()
    if approve:
        move(doc, OutgoingAction.APPROVE)
        nxt = pending_step(doc)
        if nxt is not None and nxt.reviewer_id == doc.signer_id:
            doc.status = OutgoingStatus.AWAITING_SIGNATURE
    else:
        move(doc, OutgoingAction.RETURN)
        doc.review_steps.filter(decision=ReviewDecision.PENDING).delete()
    doc.save()
    action = OutgoingAction.APPROVE if approve else OutgoingAction.RETURN
    trace(doc, action, actor, now, note=comment)
    audit(doc, "approved" if approve else "returned", actor, {"comment": comment})
    index_document(doc)
    return doc


@transaction.atomic
def outgoing_cancel(
    *,
    document: OutgoingDocument,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> OutgoingDocument:
    """Drop a draft (kept, marked cancelled)."""
    now = now or timezone.now()
    doc = lock(OutgoingDocument, document.pk, expected_version)
    scope, _tree = scope_and_tree(actor, now)
    if doc.created_by_id != actor.pk:
        require(scope, (Role.AGENCY_LEADER,), [doc.agency_id])
    move(doc, OutgoingAction.CANCEL)
    doc.save()
    trace(doc, OutgoingAction.CANCEL, actor, now, note=nfc(note).strip())
    audit(doc, "cancelled", actor, {})
    index_document(doc)
    return doc
