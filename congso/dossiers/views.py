"""Officials' dossier pages: work queues, the dossier with its actions, assignment
and desk reception (thin: selectors read, services write, templates render)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.accounts.models import User
from congso.catalog.selectors import procedure_version_get
from congso.core.errors import ApplicationError
from congso.dossiers import selectors, slips
from congso.dossiers.assignments import dossier_assign
from congso.dossiers.constants import DossierAction
from congso.dossiers.exports import dossiers_to_xlsx
from congso.dossiers.forms import (
    ActionForm,
    AssignForm,
    QueueFilterForm,
    ReceptionForm,
    RegisterForm,
)
from congso.dossiers.services import dossier_receive, dossier_transition

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Applicant errors raised by the service → reception form fields.
APPLICANT_FIELDS = {"name": "applicant_name", "kind": "applicant_kind"}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # login_required guarantees it
    return request.user


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


@require_GET
@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    """The official's work queues (hồ sơ cần xử lý), searchable and exportable."""
    form = QueueFilterForm(request.GET)
    if not form.is_valid():
        problem = {
            "status": 400,
            "title": _("Invalid request"),
            "detail": _("Check the filters and try again."),
        }
        return render(request, "errors/error.html", problem, status=400)
    user, filters = _user(request), form.to_filters()
    dossiers = selectors.dossier_list_queue(user=user, filters=filters)
    if request.GET.get("format") == "xlsx":
        rows = dossiers[: selectors.EXPORT_LIMIT]
        return dossiers_to_xlsx(
            rows, name=f"ho-so-{filters.queue}-{timezone.localdate():%Y%m%d}"
        )
    counts = selectors.dossier_queue_counts(user=user)
    page = Paginator(dossiers, selectors.QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context: dict[str, Any] = {
        "page": page,
        "form": form,
        "filters": filters,
        "queues": [
            (value, label, counts.get(value, 0))
            for value, label in selectors.Queue.choices
        ],
    }
    template = (
        "dossiers/partials/_queue.html"
        if _is_htmx(request)
        else "dossiers/dossier_list.html"
    )
    return render(request, template, context)


def _detail_or_404(request: HttpRequest, code: str) -> selectors.DossierDetail:
    detail = selectors.dossier_detail_get(user=_user(request), code=code)
    if detail is None:
        raise Http404
    return detail


def _render_detail(
    request: HttpRequest,
    detail: selectors.DossierDetail,
    *,
    action_form: ActionForm | None = None,
    assign_form: AssignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "detail": detail,
        "d": detail.dossier,
        "action_form": action_form,
        "assign_form": assign_form,
    }
    return render(request, "dossiers/dossier_detail.html", context, status=status)


@require_GET
@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One dossier: applicant, documents, control sheet, timeline and actions."""
    return _render_detail(request, _detail_or_404(request, code))


@require_POST
@login_required
def dossier_action(request: HttpRequest, code: str) -> HttpResponse:
    """Perform one workflow action; a stale version or a refusal is shown on the page."""
    detail = _detail_or_404(request, code)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, detail, action_form=form, status=400)
    data = form.cleaned_data
    try:
        dossier_transition(
            dossier=detail.dossier,
            action=DossierAction(data["action"]),
            actor=_user(request),
            note=data["note"],
            reason_code=data["reason_code"],
            data={"new_due_at": data["new_due_at"]} if data["new_due_at"] else None,
            expected_version=data["expected_version"],
        )
    except ApplicationError as error:
        form.add_error(None, str(error.message))
        return _render_detail(
            request, detail, action_form=form, status=error.status_code
        )
    messages.success(
        request,
        _("Done: %(action)s.") % {"action": DossierAction(data["action"]).label},
    )
    return redirect("dossiers:dossier-detail", code=detail.dossier.code)


@require_POST
@login_required
def dossier_assign_view(request: HttpRequest, code: str) -> HttpResponse:
    """Assign or reassign the dossier to an official at the agency holding it."""
    detail = _detail_or_404(request, code)
    if not detail.can_assign:
        raise PermissionDenied
    form = AssignForm(request.POST)
    assignee = None
    if form.is_valid():
        assignee = next(
            (u for u in detail.assignees if u.pk == form.cleaned_data["assignee"]), None
        )
        if assignee is None:
            form.add_error(
                "assignee", _("Choose an official of the agency holding the dossier.")
            )
    if assignee is None:
        return _render_detail(request, detail, assign_form=form, status=400)
    try:
        dossier_assign(
            dossier=detail.dossier,
            assignee=assignee,
            actor=_user(request),
            expected_version=form.cleaned_data["expected_version"],
        )
    except ApplicationError as error:
        form.add_error(None, str(error.message))
        return _render_detail(
            request, detail, assign_form=form, status=error.status_code
        )
    messages.success(
        request, _("Assigned to %(name)s.") % {"name": assignee.get_full_name()}
    )
    return redirect("dossiers:dossier-detail", code=detail.dossier.code)


def _reception_form(request: HttpRequest, user: User) -> ReceptionForm:
    desks = selectors.reception_desk_list(user=user)
    if not desks:
        raise PermissionDenied
    raw = (request.POST if request.method == "POST" else request.GET).get(
        "procedure_version", ""
    )
    version = procedure_version_get(version_id=int(raw)) if raw.isdigit() else None
    return ReceptionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        desks=desks,
        versions=selectors.procedure_choice_list(on=timezone.localdate()),
        version=version,
        initial={
            "procedure_version": version.pk if version else "",
            "receiving_agency": desks[0][0],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def dossier_receive_view(request: HttpRequest) -> HttpResponse:
    """Desk reception (tiếp nhận hồ sơ): checks, code, appointment, then the dossier."""
    user = _user(request)
    form = _reception_form(request, user)
    if request.method == "GET":
        template = (
            "dossiers/partials/_components.html"
            if _is_htmx(request)
            else "dossiers/dossier_receive.html"
        )
        return render(request, template, {"form": form})
    if not form.is_valid() or form.version is None:
        return render(
            request, "dossiers/dossier_receive.html", {"form": form}, status=400
        )
    desk = selectors.reception_desk_get(
        user=user, agency_id=form.cleaned_data["receiving_agency"]
    )
    if desk is None:
        raise PermissionDenied
    try:
        dossier = dossier_receive(
            receiving_agency=desk, reception=form.to_reception(), actor=user
        )
    except ApplicationError as error:
        _show_errors(form, error)
        return render(
            request,
            "dossiers/dossier_receive.html",
            {"form": form},
            status=error.status_code,
        )
    messages.success(request, _("Dossier %(code)s received.") % {"code": dossier.code})
    return redirect("dossiers:dossier-detail", code=dossier.code)


def _show_errors(form: ReceptionForm, error: ApplicationError) -> None:
    form.add_error(None, str(error.message))
    for name, problems in error.extra.get("errors", {}).items():
        field = APPLICANT_FIELDS.get(name, name)
        if field in form.fields:
            for problem in problems:
                form.add_error(field, problem)


#: Slips an official can print from a dossier (Mẫu 01 and Mẫu 06 of TT 03/2025).
PRINTABLE_SLIPS = ("receipt", "control-sheet")


@require_GET
@login_required
def dossier_slip(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """The receipt and appointment slip or the process control sheet, as PDF."""
    if kind not in PRINTABLE_SLIPS:
        raise Http404
    dossier = selectors.dossier_get_visible(user=_user(request), code=code)
    if dossier is None:
        raise Http404
    if kind == "receipt":
        lookup = request.build_absolute_uri(f"/dossiers/{dossier.code}/")
        slip = slips.receipt_slip(dossier, lookup_url=lookup)
    else:
        slip = slips.control_sheet_slip(dossier, on=timezone.localdate())
    response = HttpResponse(slips.slip_pdf(slip), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{dossier.code}.pdf"'
    return response


@require_GET
@login_required
def dossier_register(request: HttpRequest) -> HttpResponse:
    """The tracking book (Mẫu 07, sổ theo dõi hồ sơ) of a desk for a period, as PDF
    or Excel; the form when no period is given."""
    user = _user(request)
    desks = selectors.reception_desk_list(user=user)
    if not desks:
        raise PermissionDenied
    form = RegisterForm(request.GET or None, desks=desks)
    if not request.GET or not form.is_valid():
        status = 400 if request.GET else 200
        return render(
            request, "dossiers/dossier_register.html", {"form": form}, status=status
        )
    data = form.cleaned_data
    dossiers = selectors.dossier_list_register(
        user=user, agency_id=data["desk"], start=data["start"], end=data["end"]
    )
    today = timezone.localdate()
    rows = slips.register_rows(dossiers, on=today)
    head = slips.letterhead(data["desk"], on=today)
    name = f"so-theo-doi-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
    if data["format"] == "xlsx":
        response = HttpResponse(
            slips.register_workbook(rows, head=head), content_type=XLSX_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(
        slips.slip_pdf(slips.register_slip(rows, head=head)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
