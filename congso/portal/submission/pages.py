"""What the citizen's pages show, assembled from the selectors (no writes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404
from django.utils import timezone

from congso.accounts.models import User
from congso.catalog.models import ProcedureReason
from congso.dossiers.constants import Channel, DossierAction, DossierStatus
from congso.dossiers.models import Dossier, DossierAttachment
from congso.dossiers.selectors import dossier_signed_results, dossier_timeliness
from congso.dossiers.services.citizen import OBJECT_TYPE
from congso.dossiers.workflow import allowed_actions
from congso.notifications.selectors import notification_list_for_object
from congso.payments.selectors import payment_orders_for_object
from congso.portal.submission.forms import (
    DraftForm,
    SupplementForm,
    UploadForm,
    WithdrawForm,
)
from congso.portal.submission.models import SubmissionDraft
from congso.portal.submission.selectors import (
    citizen_dossier_get,
    desks_for_version,
    store_list,
)
from congso.signatures.validation.selectors import pdf_validate
from congso.signatures.validation.storage import report_keep

#: Timeline lines whose reason the applicant is given (one-stop.md §3.2); the
#: notes of other lines (hand-overs, results) are internal and never shown.
WITH_REASON = frozenset(
    {DossierAction.REQUEST_SUPPLEMENT, DossierAction.REFUSE, DossierAction.STOP}
)


#: States in which the applicant may rate the handling (feedback app).
RATEABLE = frozenset(
    {
        DossierStatus.RESOLVED,
        DossierStatus.RETURNED,
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
    }
)


def draft_context(draft: SubmissionDraft, *, data: Any = None) -> dict[str, Any]:
    """The e-form page: the form, the components with their files, the store."""
    version = draft.procedure_version
    desks = desks_for_version(version=version, on=timezone.localdate())
    initial = {
        **draft.form,
        "receiving_agency": draft.receiving_agency_id,
        "row_version": draft.row_version,
    }
    files = {f.component_id: f for f in draft.files.all()}
    components = [(c, files.get(c.pk)) for c in version.components.all()]
    return {
        "draft": draft,
        "version": version,
        "form": DraftForm(data, initial=initial, desks=desks),
        "upload_form": UploadForm(),
        "components": [{"component": c, "file": f} for c, f in components],
        "store": list(store_list(owner=draft.owner)[:50]),
        "missing": [c.name for c, f in components if c.required and f is None],
    }


def _reasons(dossier: Dossier) -> dict[str, str]:
    codes = {e.reason_code for e in dossier.events.all() if e.reason_code}
    if not codes:
        return {}
    return dict(
        ProcedureReason.objects.filter(
            version_id=dossier.procedure_version_id, code__in=codes
        ).values_list("code", "text")
    )


def dossier_context(dossier: Dossier, *, now: datetime) -> dict[str, Any]:
    """The citizen's dossier page: status, dates, documents, timeline with the
    reasons they were given, payments and orders, and the signed results."""
    reasons = _reasons(dossier)
    timeline = []
    asked = ""  # the reason of the latest supplement request
    for event in dossier.events.all():
        reason = ""
        if event.action in WITH_REASON:
            parts = (reasons.get(event.reason_code, ""), event.note)
            reason = "; ".join(p for p in parts if p)
        if event.action == DossierAction.REQUEST_SUPPLEMENT:
            asked = reason
        timeline.append({"event": event, "reason": reason})
    waiting = dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    paid = sum(p.amount for p in dossier.payments.all())
    ended = dossier.status in (
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
        DossierStatus.WITHDRAWN,
    )
    return {
        "dossier": dossier,
        "timeline": timeline,
        "timeliness": dossier_timeliness(dossier, now=now),
        "paid": paid,
        "due": 0 if ended else max(dossier.fee_total - paid, 0),
        "orders": payment_orders_for_object(
            object_type=OBJECT_TYPE, object_id=dossier.code
        ),
        "results": dossier_signed_results(dossier=dossier),
        "notifications": notification_list_for_object(
            object_type=OBJECT_TYPE, object_id=dossier.code
        ),
        "provisional": dossier.status == DossierStatus.SUBMITTED,
        "may_rate": dossier.status in RATEABLE,
        "supplement_form": SupplementForm()
        if waiting and dossier.channel == Channel.ONLINE
        else None,
        "waiting_reason": asked if waiting else "",
        "withdraw_form": WithdrawForm()
        if DossierAction.WITHDRAW in allowed_actions(DossierStatus(dossier.status))
        else None,
    }


def result_get(*, owner: User, code: str, pk: int) -> DossierAttachment:
    """A signed result of the owner's dossier, else 404."""
    dossier = citizen_dossier_get(owner=owner, code=code)
    if dossier is None:
        raise Http404
    for result in dossier_signed_results(dossier=dossier):
        if result.pk == pk:
            return result
    raise Http404


def result_verify(result: DossierAttachment) -> dict[str, Any]:
    """The verification report of a stored result, as the public page shows it."""
    with result.file.open("rb") as stream:
        report = pdf_validate(data=stream.read(), file_name=result.original_name)
    return {"report": report, "token": report_keep(report)}
