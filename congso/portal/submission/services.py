"""Writes of online submission: drafts and their files, the data store, and the
submission itself, which hands the dossier to the one-stop desk
(``dossiers.services.dossier_submit_online``)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.audit.services import audit_record
from congso.catalog.models import ProcedureComponent
from congso.core.errors import ApplicationError, ConflictError, NotFoundError
from congso.core.files import EXTENSIONS, PDF, SCAN_TYPES, clean_file_name, sniff
from congso.core.text import nfc
from congso.dossiers.constants import ApplicantKind
from congso.dossiers.models import Dossier
from congso.dossiers.selectors import dossier_signed_results
from congso.dossiers.services import (
    ApplicantData,
    ComponentData,
    Reception,
    dossier_submit_online,
)
from congso.portal.submission.models import (
    CitizenDocument,
    DraftFile,
    DraftStatus,
    StoreKind,
    SubmissionDraft,
)
from congso.portal.submission.selectors import desks_for_version, version_for_online
from congso.signatures.validation.selectors import pdf_signatures_check
from congso.signatures.validation.summary import SignatureCheck

MAX_FILE_BYTES: Final = 10 * 1024 * 1024
#: The e-form's fields and their longest values.
FORM_FIELDS: Final = {
    "kind": 20,
    "name": 255,
    "personal_id": 12,
    "organisation_code": 20,
    "phone": 20,
    "email": 254,
    "address": 500,
    "request_summary": 500,
}


class SubmissionError(ApplicationError):
    """A refused step of online submission, explained to the citizen."""


# -- drafts --------------------------------------------------------------------------


def _locked_draft(draft_id: int, owner: User) -> SubmissionDraft:
    """The owner's draft, locked; another citizen's draft does not exist for them."""
    draft = (
        SubmissionDraft.objects.select_for_update()
        .select_related("procedure_version")
        .filter(pk=draft_id, owner=owner)
        .first()
    )
    if draft is None:
        raise NotFoundError(_("This draft does not exist."))
    if draft.status != DraftStatus.DRAFT:
        raise SubmissionError(
            _("This dossier has already been submitted."), code="submitted"
        )
    return draft


def _prefill(owner: User) -> dict[str, str]:
    from congso.accounts.selectors import citizen_profile_get

    profile = citizen_profile_get(user=owner)
    values = {"kind": ApplicantKind.PERSON, "name": owner.get_full_name()}
    values["email"] = owner.email
    if profile is not None:
        values |= {
            "kind": profile.kind or ApplicantKind.PERSON,
            "personal_id": profile.personal_id,
            "organisation_code": profile.organisation_code,
            "phone": profile.phone,
            "address": profile.address,
        }
    return {k: v for k, v in values.items() if v}


@transaction.atomic
def draft_start(*, owner: User, version_id: int) -> SubmissionDraft:
    """A new draft for a procedure offered online, filled from the profile; the
    receiving desk is chosen when only one desk takes the procedure."""
    version = version_for_online(version_id=version_id, on=timezone.localdate())
    if version is None:
        raise SubmissionError(
            _("This procedure cannot be submitted online."), code="not_online"
        )
    desks = desks_for_version(version=version, on=timezone.localdate())
    draft = SubmissionDraft.objects.create(
        owner=owner,
        procedure_version=version,
        receiving_agency_id=desks[0][0] if len(desks) == 1 else None,
        form=_prefill(owner),
    )
    audit_record(
        event_type="portal.draft.created",
        actor=owner,
        obj=draft,
        data={"procedure": version.pk},
    )
    return draft


def _clean_form(values: dict[str, Any]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for name, limit in FORM_FIELDS.items():
        value = nfc(str(values.get(name) or "")).strip()
        if len(value) > limit:
            errors[name] = [str(_("At most %(limit)d characters.") % {"limit": limit})]
        cleaned[name] = value
    if cleaned["kind"] and cleaned["kind"] not in ApplicantKind.values:
        errors["kind"] = [str(_("Unknown kind of applicant."))]
    if errors:
        raise SubmissionError(
            _("Some fields of the form are invalid."), extra={"errors": errors}
        )
    return cleaned


@transaction.atomic
def draft_save(
    *,
    draft_id: int,
    owner: User,
    values: dict[str, Any],
    receiving_agency_id: int | None,
    expected_version: int | None = None,
) -> SubmissionDraft:
    """Save the e-form (lưu nháp): values may be incomplete until submission."""
    draft = _locked_draft(draft_id, owner)
    if expected_version is not None and draft.row_version != expected_version:
        raise ConflictError(
            _("The draft was changed in another window. Reload it and try again."),
            code="stale",
        )
    desks = {
        pk
        for pk, _name in desks_for_version(
            version=draft.procedure_version, on=timezone.localdate()
        )
    }
    if receiving_agency_id is not None and receiving_agency_id not in desks:
        raise SubmissionError(
            _("Choose a unit that receives this procedure."),
            extra={"errors": {"receiving_agency": [str(_("Not a receiving unit."))]}},
        )
    draft.form = _clean_form(values)
    draft.receiving_agency_id = receiving_agency_id
    draft.row_version += 1
    draft.save()
    return draft


def _component(draft: SubmissionDraft, component_id: int) -> ProcedureComponent:
    component = ProcedureComponent.objects.filter(
        pk=component_id, version_id=draft.procedure_version_id
    ).first()
    if component is None:
        raise SubmissionError(
            _("This document is not part of the procedure."), code="component"
        )
    return component


def checked_upload(upload: UploadedFile) -> tuple[str, bytes]:
    """(content type, bytes) of a citizen's upload: PDF, JPEG or PNG read from the
    bytes, at most 10 MB; else a :class:`SubmissionError`."""
    if (upload.size or 0) > MAX_FILE_BYTES:
        raise SubmissionError(
            _("The file %(name)s is larger than 10 MB.") % {"name": upload.name},
            code="too_large",
        )
    content_type = sniff(upload, SCAN_TYPES)
    if content_type is None:
        raise SubmissionError(
            _("The file %(name)s is not a PDF, JPEG or PNG document.")
            % {"name": upload.name},
            code="file_type",
        )
    upload.seek(0)
    return content_type, upload.read()


def _put_file(
    draft: SubmissionDraft,
    component: ProcedureComponent,
    *,
    data: bytes,
    content_type: str,
    name: str,
    source: CitizenDocument | None = None,
) -> DraftFile:
    old = DraftFile.objects.filter(draft=draft, component=component).first()
    if old is not None:
        old.file.delete(save=False)
        old.delete()
    row = DraftFile(
        draft=draft,
        component=component,
        original_name=clean_file_name(name, content_type),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        from_store=source,
    )
    row.file.save(
        f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", ContentFile(data), save=False
    )
    try:
        row.save()
    except BaseException:
        row.file.delete(save=False)
        raise
    return row


@transaction.atomic
def draft_file_attach(
    *, draft_id: int, owner: User, component_id: int, upload: UploadedFile
) -> DraftFile:
    """Attach the scan of one component (replacing an earlier one)."""
    draft = _locked_draft(draft_id, owner)
    component = _component(draft, component_id)
    content_type, data = checked_upload(upload)
    return _put_file(
        draft, component, data=data, content_type=content_type, name=upload.name or ""
    )


@transaction.atomic
def draft_file_reuse(
    *, draft_id: int, owner: User, component_id: int, document_id: int
) -> DraftFile:
    """Use a document of the citizen's data store for one component: it is not
    uploaded again and the dossier says so (DuocLayTuKhoDMQG)."""
    draft = _locked_draft(draft_id, owner)
    component = _component(draft, component_id)
    document = CitizenDocument.objects.filter(pk=document_id, owner=owner).first()
    if document is None:
        raise NotFoundError(_("This document is not in your data store."))
    with document.file.open("rb") as stream:
        data = stream.read()
    return _put_file(
        draft,
        component,
        data=data,
        content_type=document.content_type,
        name=document.original_name,
        source=document,
    )


@transaction.atomic
def draft_file_remove(*, draft_id: int, owner: User, component_id: int) -> None:
    draft = _locked_draft(draft_id, owner)
    row = DraftFile.objects.filter(draft=draft, component_id=component_id).first()
    if row is not None:
        row.file.delete(save=False)
        row.delete()


@transaction.atomic
def draft_delete(*, draft_id: int, owner: User) -> None:
    draft = _locked_draft(draft_id, owner)
    for row in draft.files.all():
        row.file.delete(save=False)
    draft.delete()


# -- submission ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    row: DraftFile
    data: bytes
    signatures: SignatureCheck | None


def _parts(draft: SubmissionDraft) -> list[_Part]:
    """The draft's files with their signatures checked (outside the transaction:
    revocation data may be fetched)."""
    parts = []
    for row in draft.files.select_related("component").order_by("component__order"):
        with row.file.open("rb") as stream:
            data = stream.read()
        check = pdf_signatures_check(data=data) if row.content_type == PDF else None
        parts.append(_Part(row, data, check))
    return parts


def _reception(draft: SubmissionDraft, parts: list[_Part]) -> Reception:
    form = draft.form
    components = [
        ComponentData(
            name=p.row.component.name,
            form=p.row.component.form,
            component_id=p.row.component_id,
            quantity=p.row.component.quantity,
            file=SimpleUploadedFile(
                f"{uuid.uuid4().hex}{EXTENSIONS[p.row.content_type]}",
                p.data,
                content_type=p.row.content_type,
            ),
            signatures=p.signatures,
            from_store=p.row.from_store_id is not None,
        )
        for p in parts
    ]
    return Reception(
        version=draft.procedure_version,
        applicant=ApplicantData(
            kind=form.get("kind") or ApplicantKind.PERSON,
            name=form.get("name", ""),
            personal_id=form.get("personal_id", ""),
            organisation_code=form.get("organisation_code", ""),
            phone=form.get("phone", ""),
            email=form.get("email", ""),
            address=form.get("address", ""),
        ),
        components=components,
        request_summary=form.get("request_summary", ""),
    )


def draft_submit(*, draft_id: int, owner: User, now: datetime | None = None) -> Dossier:
    """Submit the draft (nộp hồ sơ): a ``submitted`` dossier, channel online, with
    its code and expected appointment, waiting at the chosen desk."""
    draft = SubmissionDraft.objects.filter(pk=draft_id, owner=owner).first()
    if draft is None:
        raise NotFoundError(_("This draft does not exist."))
    parts = _parts(draft)
    return _submit(draft_id, owner, parts, now)


@transaction.atomic
def _submit(
    draft_id: int, owner: User, parts: list[_Part], now: datetime | None
) -> Dossier:
    draft = _locked_draft(draft_id, owner)
    if draft.receiving_agency_id is None:
        raise SubmissionError(
            _("Choose the unit you submit the dossier to."),
            extra={"errors": {"receiving_agency": [str(_("Required."))]}},
        )
    current = {p.row.pk: p.row.sha256 for p in parts}
    if current != dict(draft.files.values_list("pk", "sha256")):
        raise ConflictError(
            _("The draft's files changed while submitting. Try again."), code="stale"
        )
    dossier = dossier_submit_online(
        receiving_agency=Agency.objects.get(pk=draft.receiving_agency_id),
        reception=_reception(draft, parts),
        citizen=owner,
        now=now,
    )
    draft.status = DraftStatus.SUBMITTED
    draft.dossier = dossier
    draft.row_version += 1
    draft.save()
    return dossier


# -- the data store -------------------------------------------------------------------


def store_document_add(
    *,
    owner: User,
    data: bytes,
    content_type: str,
    title: str,
    name: str,
    kind: str = StoreKind.UPLOADED,
    dossier: Dossier | None = None,
) -> CitizenDocument:
    """Keep a document in the owner's data store; the same content is kept once."""
    digest = hashlib.sha256(data).hexdigest()
    existing = CitizenDocument.objects.filter(owner=owner, sha256=digest).first()
    if existing is not None:
        return existing
    title = nfc(title).strip()[:300]
    if not title:
        raise SubmissionError(
            _("Give the document a title."),
            extra={"errors": {"title": [str(_("Required."))]}},
        )
    row = CitizenDocument(
        owner=owner,
        title=title,
        kind=kind,
        original_name=clean_file_name(name, content_type),
        content_type=content_type,
        size=len(data),
        sha256=digest,
        dossier=dossier,
    )
    row.file.save(
        f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", ContentFile(data), save=False
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same content stored concurrently
        row.file.delete(save=False)
        return CitizenDocument.objects.get(owner=owner, sha256=digest)
    except BaseException:
        row.file.delete(save=False)
        raise
    return row


def store_upload(*, owner: User, upload: UploadedFile, title: str) -> CitizenDocument:
    """A digitised paper uploaded by the citizen into their data store."""
    content_type, data = checked_upload(upload)
    return store_document_add(
        owner=owner,
        data=data,
        content_type=content_type,
        title=title,
        name=upload.name or "",
    )


@transaction.atomic
def store_document_delete(*, owner: User, document_id: int) -> None:
    row = CitizenDocument.objects.filter(pk=document_id, owner=owner).first()
    if row is None:
        raise NotFoundError(_("This document is not in your data store."))
    row.file.delete(save=False)
    row.delete()


def store_results_collect(*, dossier_code: str) -> int:
    """Put the signed results of an online dossier into its citizen's data store
    (outbox handler of ``dossiers.dossier_changed``; idempotent). The count added."""
    dossier = (
        Dossier.objects.filter(code=dossier_code).select_related("citizen").first()
    )
    if dossier is None or dossier.citizen is None:
        return 0
    added = 0
    for result in dossier_signed_results(dossier=dossier):
        if CitizenDocument.objects.filter(
            owner=dossier.citizen, sha256=result.sha256
        ).exists():
            continue
        with result.file.open("rb") as stream:
            data = stream.read()
        store_document_add(
            owner=dossier.citizen,
            data=data,
            content_type=result.content_type,
            title=f"{result.title} — {dossier.code}",
            name=result.original_name,
            kind=StoreKind.RESULT,
            dossier=dossier,
        )
        added += 1
    return added


# -- payment -------------------------------------------------------------------------


def dossier_payment_start(*, dossier: Dossier, payer: User) -> str:
    """The payment order of the dossier's unpaid fees (one pending order at a
    time) and the address of its payment page; refused when nothing is due or
    the dossier has ended without a result."""
    from congso.dossiers.constants import DossierStatus
    from congso.dossiers.services.citizen import OBJECT_TYPE
    from congso.payments.selectors import payment_order_url
    from congso.payments.services import payment_order_create

    if dossier.status in (
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
        DossierStatus.WITHDRAWN,
    ):
        raise SubmissionError(_("This dossier has ended; no fee is due."), code="ended")
    paid = sum(p.amount for p in dossier.payments.all())
    due = dossier.fee_total - paid
    if due <= 0:
        raise SubmissionError(_("No fee is due for this dossier."), code="nothing_due")
    order = payment_order_create(
        object_type=OBJECT_TYPE,
        object_id=dossier.code,
        amount=due,
        description=f"Phí, lệ phí hồ sơ {dossier.code}",
        payer_name=dossier.applicant_name,
        payee=_agency_name(dossier.receiving_agency_id),
        actor=payer,
    )
    return payment_order_url(order)


def _agency_name(agency_id: int) -> str:
    from congso.accounts.selectors import agency_tree_get

    node = agency_tree_get(on=timezone.localdate()).nodes.get(agency_id)
    return node.name if node else ""


# -- supplement ----------------------------------------------------------------------


def dossier_supplement(
    *,
    owner: User,
    code: str,
    uploads: list[tuple[str, UploadedFile]],
    note: str = "",
    now: datetime | None = None,
) -> Dossier:
    """Hand in the supplement the desk asked for (bổ sung hồ sơ): each upload is
    ``(title, file)``, checked like any upload; the clock resumes at once."""
    from congso.catalog.constants import ComponentForm
    from congso.dossiers.services import dossier_supplement_online

    dossier = Dossier.objects.filter(citizen=owner, code=code).first()
    if dossier is None:
        raise NotFoundError(_("This dossier does not exist."))
    components = []
    for title, upload in uploads:
        content_type, data = checked_upload(upload)
        name = nfc(title).strip() or clean_file_name(upload.name or "", content_type)
        components.append(
            ComponentData(
                name=f"Bổ sung: {name}"[:500],
                form=ComponentForm.COPY,
                file=SimpleUploadedFile(
                    f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}",
                    data,
                    content_type=content_type,
                ),
                signatures=pdf_signatures_check(data=data)
                if content_type == PDF
                else None,
            )
        )
    return dossier_supplement_online(
        dossier=dossier,
        citizen=owner,
        components=components,
        note=nfc(note).strip()[:500],
        now=now,
    )


def dossier_withdraw(*, owner: User, code: str, note: str = "") -> Dossier:
    """Withdraw one's own online dossier (rút hồ sơ): processing ends."""
    from congso.dossiers.services import dossier_withdraw_online

    dossier = Dossier.objects.filter(citizen=owner, code=code).first()
    if dossier is None:
        raise NotFoundError(_("This dossier does not exist."))
    return dossier_withdraw_online(
        dossier=dossier, citizen=owner, note=nfc(note).strip()[:500]
    )
