"""Pages of outgoing documents: drafts, the review chain, signature, numbering
and issuance, recall (thin: selectors read, services write)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.core.errors import ApplicationError
from congso.documents.constants import OutgoingStatus
from congso.documents.forms import DraftForm, ListFilterForm, OutgoingActionForm
from congso.documents.models import OutgoingDocument
from congso.documents.selectors import choices
from congso.documents.selectors.access import DocumentScope
from congso.documents.selectors.documents import (
    outgoing_capabilities,
    outgoing_get_for_user,
    outgoing_list_for_user,
)
from congso.documents.services.access import document_read_record
from congso.documents.services.issuance import (
    outgoing_issue,
    outgoing_recall,
    outgoing_sign,
)
from congso.documents.services.outgoing import (
    outgoing_cancel,
    outgoing_create,
    outgoing_review,
    outgoing_submit,
    outgoing_update,
)
from congso.documents.views._common import (
    acting_agency,
    agency_choices,
    apply_error,
    scope_of,
    user_of,
)

PAGE_SIZE = 25


@require_GET
@login_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    """The outgoing documents the official may read, newest first."""
    form = ListFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    scope = scope_of(request)
    rows = outgoing_list_for_user(scope=scope, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    registers = [("outgoing", _("Outgoing register"))]
    if scope.secret_agency_ids:
        registers.append(("secret", _("Register of secret documents")))
    return render(
        request,
        "documents/outgoing_list.html",
        {
            "page": page,
            "status": status,
            "statuses": OutgoingStatus.choices,
            "registers": registers,
        },
    )


def _draft_form(
    request: HttpRequest, scope: DocumentScope, agency_id: int, **kwargs: Any
) -> DraftForm:
    return DraftForm(
        request.POST or None,
        request.FILES or None,
        units=choices.units_of(agency_id=agency_id, on=scope.on),
        signers=choices.signers_of(agency_id=agency_id, on=scope.on),
        recipients=choices.recipients_for(agency_id=agency_id, on=scope.on),
        replies=choices.reply_candidates(agency_id=agency_id),
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@login_required
def outgoing_new(request: HttpRequest) -> HttpResponse:
    """Draft a document in the Decree 30 layout, or upload a finished one."""
    scope = scope_of(request)
    agency_id, agency_name = acting_agency(request, scope)
    wanted = request.GET.get("reply_to", "")
    initial = {"reply_to": [int(wanted)]} if wanted.isdigit() else {}
    form = _draft_form(request, scope, agency_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, upload = form.to_data()
        try:
            doc = outgoing_create(
                agency_id=agency_id, data=data, actor=user_of(request), upload=upload
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("documents:outgoing-detail", pk=doc.pk)
    context = {
        "form": form,
        "agency_id": agency_id,
        "agency_name": agency_name,
        "agencies": agency_choices(scope),
    }
    return render(
        request,
        "documents/outgoing_form.html",
        context,
        status=400 if form.errors else 200,
    )


def _initial(doc: OutgoingDocument) -> dict[str, Any]:
    return {
        "doc_type": doc.doc_type,
        "subject": doc.subject,
        "addressee": doc.addressee,
        "basis": doc.basis,
        "body": doc.body,
        "place": doc.place,
        "drafting_unit": doc.drafting_unit_id,
        "signer": doc.signer_id,
        "competence": doc.competence,
        "competence_of": doc.competence_of,
        "signer_title": doc.signer_title,
        "internal_recipients": [a.pk for a in doc.internal_recipients.all()],
        "external_recipients": doc.external_recipients,
        "urgency": doc.urgency,
        "secrecy": doc.secrecy,
        "due_date": doc.due_date,
        "reply_to": [d.pk for d in doc.replies_to.all()],
    }


@require_http_methods(["GET", "POST"])
@login_required
def outgoing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft (refused once it has left the drafter)."""
    scope = scope_of(request)
    doc = outgoing_get_for_user(scope=scope, pk=pk)
    if doc is None:
        raise Http404
    form = _draft_form(request, scope, doc.agency_id, initial=_initial(doc))
    if request.method == "POST" and form.is_valid():
        data, upload = form.to_data()
        try:
            outgoing_update(
                document=doc,
                data=data,
                actor=user_of(request),
                upload=upload,
                expected_version=form.cleaned_data["expected_version"],
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:outgoing-detail", pk=pk)
    context = {
        "form": form,
        "d": doc,
        "agency_id": doc.agency_id,
        "agency_name": doc.agency_name,
    }
    return render(
        request,
        "documents/outgoing_form.html",
        context,
        status=400 if form.errors else 200,
    )


def _reviewers(doc: OutgoingDocument, scope: DocumentScope) -> list[tuple[int, str]]:
    """Officials of the agency and its units who may review the draft."""
    units = [u for u, _name in choices.units_of(agency_id=doc.agency_id, on=scope.on)]
    return choices.officials_of(agency_ids=[doc.agency_id, *units], on=scope.on)


def _page(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    scope = scope_of(request)
    doc = outgoing_get_for_user(scope=scope, pk=pk)
    if doc is None:
        raise Http404
    document_read_record(document=doc, actor=user_of(request))
    can = outgoing_capabilities(scope=scope, doc=doc)
    reviewers = _reviewers(doc, scope) if can.submit else []
    context = {"d": doc, "can": can, "reviewers": reviewers, **forms}
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "documents/outgoing_detail.html", context, status=status)


@require_GET
@login_required
def outgoing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


def _act(form: OutgoingActionForm, doc: OutgoingDocument, request: HttpRequest) -> None:
    d, actor = form.cleaned_data, user_of(request)
    version = d["expected_version"]
    match d["action"]:
        case "submit":
            outgoing_submit(
                document=doc,
                reviewer_ids=d["reviewers"],
                actor=actor,
                expected_version=version,
            )
        case "approve" | "return":
            outgoing_review(
                document=doc,
                approve=d["action"] == "approve",
                actor=actor,
                comment=d["note"],
                expected_version=version,
            )
        case "sign":
            outgoing_sign(
                document=doc,
                actor=actor,
                pin=d["pin"] or None,
                expected_version=version,
            )
        case "issue":
            outgoing_issue(
                document=doc,
                actor=actor,
                reserved_number=d["reserved_number"],
                pin=d["pin"] or None,
                expected_version=version,
            )
        case "recall":
            outgoing_recall(
                document=doc, actor=actor, reason=d["note"], expected_version=version
            )
        case _:
            outgoing_cancel(
                document=doc, actor=actor, note=d["note"], expected_version=version
            )


@require_POST
@login_required
def outgoing_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the document's life, chosen on its page."""
    scope = scope_of(request)
    doc = outgoing_get_for_user(scope=scope, pk=pk)
    if doc is None:
        raise Http404
    form = OutgoingActionForm(request.POST, reviewers=_reviewers(doc, scope))
    if form.is_valid():
        try:
            _act(form, doc, request)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:outgoing-detail", pk=pk)
    return _page(request, pk, action_form=form)
