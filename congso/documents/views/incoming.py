"""Pages of incoming documents: the list, registration, the document with its
handling slip, and the steps of its handling (thin: selectors read, services
write)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.core.files import bytes_download
from congso.documents.constants import IncomingStatus
from congso.documents.exports.slip import handling_slip_pdf
from congso.documents.forms import (
    AssignForm,
    DirectForm,
    IncomingForm,
    ListFilterForm,
    NoteForm,
    ProposalForm,
)
from congso.documents.models import HandlingAssignment, IncomingDocument
from congso.documents.selectors import choices
from congso.documents.selectors.documents import (
    incoming_capabilities,
    incoming_get_for_user,
    incoming_list_for_user,
)
from congso.documents.services.access import document_read_record
from congso.documents.services.direction import (
    assignment_assign,
    assignment_complete,
    assignment_propose,
    incoming_direct,
)
from congso.documents.services.incoming import (
    incoming_file,
    incoming_register,
    incoming_return,
    incoming_submit,
)
from congso.documents.views._common import (
    acting_agency,
    agency_choices,
    apply_error,
    scope_of,
    user_of,
)

PAGE_SIZE = 25
STEPS = {"submit": incoming_submit, "file": incoming_file, "return": incoming_return}


@require_GET
@login_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    """The incoming documents the official may read, newest first."""
    form = ListFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows = incoming_list_for_user(scope=scope_of(request), status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/incoming_list.html",
        {
            "page": page,
            "status": status,
            "statuses": IncomingStatus.choices,
            "registers": [
                ("incoming", _("Incoming register")),
                ("tracking", _("Tracking register")),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def incoming_new(request: HttpRequest) -> HttpResponse:
    """Register an incoming document (the document clerk)."""
    scope = scope_of(request)
    agency_id, agency_name = acting_agency(request, scope)
    form = IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, files = form.to_data()
        try:
            doc = incoming_register(
                agency_id=agency_id, data=data, files=files, actor=user_of(request)
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request,
                _("Registered as incoming number %(number)s.")
                % {"number": doc.arrival_number},
            )
            return redirect("documents:incoming-detail", pk=doc.pk)
    context = {
        "form": form,
        "agency_id": agency_id,
        "agency_name": agency_name,
        "agencies": agency_choices(scope),
    }
    status = 400 if form.errors else 200
    return render(request, "documents/incoming_form.html", context, status=status)


def _page(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    scope = scope_of(request)
    doc = incoming_get_for_user(scope=scope, pk=pk)
    if doc is None:
        raise Http404
    document_read_record(document=doc, actor=user_of(request))
    can = incoming_capabilities(scope=scope, doc=doc)
    units = choices.directable_units(agency_id=doc.agency_id, on=scope.on)
    names = choices.agency_names(on=scope.on)
    context = {
        "d": doc,
        "can": can,
        "units": units,
        "slip": [(a, names.get(a.unit_id, "")) for a in doc.assignments.all()],
        "assignee_choices": [
            (a.pk, choices.officials_of(agency_ids=[a.unit_id], on=scope.on))
            for a in can.assignable
        ],
        **forms,
    }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "documents/incoming_detail.html", context, status=status)


@require_GET
@login_required
def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The document, its files, its handling slip and its trace."""
    return _page(request, pk)


def _visible(request: HttpRequest, pk: int) -> IncomingDocument:
    doc = incoming_get_for_user(scope=scope_of(request), pk=pk)
    if doc is None:
        raise Http404
    return doc


@require_POST
@login_required
def incoming_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit to the leader, file for information or return to the sender."""
    doc = _visible(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            STEPS[form.cleaned_data["action"]](
                document=doc,
                actor=user_of(request),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:incoming-detail", pk=pk)
    return _page(request, pk, step_form=form)


@require_POST
@login_required
def incoming_direct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader's direction (ý kiến chỉ đạo)."""
    doc = _visible(request, pk)
    scope = scope_of(request)
    units = choices.directable_units(agency_id=doc.agency_id, on=scope.on)
    form = DirectForm(request.POST, units=units)
    if form.is_valid():
        try:
            incoming_direct(
                document=doc,
                directions=form.to_directions(),
                actor=user_of(request),
                expected_version=form.cleaned_data["expected_version"],
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:incoming-detail", pk=pk)
    return _page(request, pk, direct_form=form)


def _assignment(
    request: HttpRequest, pk: int, assignment_id: int
) -> HandlingAssignment:
    doc = _visible(request, pk)
    row = next((a for a in doc.assignments.all() if a.pk == assignment_id), None)
    if row is None:
        raise Http404
    return row


@require_POST
@login_required
def assignment_assign_view(
    request: HttpRequest, pk: int, assignment_id: int
) -> HttpResponse:
    """The unit head gives the document to an official of the unit."""
    row = _assignment(request, pk, assignment_id)
    form = AssignForm(request.POST)
    if form.is_valid():
        assignee = User.objects.filter(pk=form.cleaned_data["assignee"]).first()
        try:
            if assignee is None:
                raise ApplicationError(_("Choose an official of the unit."))
            assignment_assign(
                assignment=row,
                assignee=assignee,
                actor=user_of(request),
                instruction=form.cleaned_data["instruction"],
                deadline=form.cleaned_data["deadline"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:incoming-detail", pk=pk)
    return _page(request, pk, assign_form=form)


@require_POST
@login_required
def assignment_work_view(
    request: HttpRequest, pk: int, assignment_id: int
) -> HttpResponse:
    """The assignee's proposal, or the unit head's "done"."""
    row = _assignment(request, pk, assignment_id)
    form = ProposalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "propose":
                assignment_propose(
                    assignment=row,
                    proposal=data["text"],
                    actor=user_of(request),
                    expected_version=data["expected_version"],
                )
            else:
                assignment_complete(
                    assignment=row,
                    actor=user_of(request),
                    note=data["text"],
                    expected_version=data["expected_version"],
                )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:incoming-detail", pk=pk)
    return _page(request, pk, work_form=form)


@require_GET
@login_required
def incoming_slip(request: HttpRequest, pk: int) -> HttpResponse:
    """The handling slip as a PDF, to print or file."""
    doc = _visible(request, pk)
    document_read_record(document=doc, actor=user_of(request))
    return bytes_download(
        handling_slip_pdf(doc),
        name=f"phieu-giai-quyet-{doc.arrival_number}-{doc.arrival_year}.pdf",
        content_type="application/pdf",
    )
