"""Officials' dossier pages: work queues, the dossier with its actions, assignment
and desk reception (thin: selectors read, services write, templates render)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.accounts.models import User
from congso.catalog.selectors import procedure_version_get
from congso.core.errors import ApplicationError
from congso.core.files import file_download
from congso.dossiers import selectors, slips
from congso.dossiers.assignments import dossier_assign
from congso.dossiers.constants import DossierAction
from congso.dossiers.exports import dossiers_to_xlsx
from congso.dossiers.forms import (
    ActionForm,
    AssignForm,
    AttachmentForm,
    CommentForm,
    QueueFilterForm,
    ReceptionForm,
    RegisterForm,
    WithdrawForm,
)
from congso.dossiers.services import dossier_receive, dossier_transition
from congso.dossiers.services.notes import (
    dossier_attachment_add,
    dossier_attachment_withdraw,
    dossier_comment_add,
)

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
    note_forms: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    context = {
        "detail": detail,
        "d": detail.dossier,
        "action_form": action_form,
        "assign_form": assign_form,
        "comment_form": CommentForm(),
        "attachment_form": AttachmentForm(),
        **(note_forms or {}),
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
            data=form.transition_data(),
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
        lookup = slips.lookup_url(dossier.code, request=request)
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


# -- comments and working files (ý kiến trao đổi, tài liệu đính kèm) ---------------


def _note_error(form: forms.Form, error: ApplicationError) -> None:
    """A service refusal as the errors of the fields it names, else of the form."""
    fields = {
        name: problems
        for name, problems in error.extra.get("errors", {}).items()
        if name in form.fields
    }
    for name, problems in fields.items():
        for problem in problems:
            form.add_error(name, problem)
    if not fields:
        form.add_error(None, str(error.message))


def _notes_page(
    request: HttpRequest, code: str, *, status: int, **note_forms: forms.Form
) -> HttpResponse:
    """After a failed note: the comments section for htmx, else the whole page."""
    if _is_htmx(request) and "comment_form" in note_forms:
        notes = selectors.dossier_notes_get(user=_user(request), code=code)
        if notes is None:
            raise Http404
        context = {"notes": notes, "d": notes.dossier, **note_forms}
        return render(
            request, "dossiers/partials/_comments.html", context, status=status
        )
    detail = _detail_or_404(request, code)
    return _render_detail(request, detail, status=status, note_forms=note_forms)


def _back_to(code: str, anchor: str) -> HttpResponse:
    return redirect(reverse("dossiers:dossier-detail", args=[code]) + anchor)


@require_POST
@login_required
def dossier_comment_add_view(request: HttpRequest, code: str) -> HttpResponse:
    """Add a comment (htmx: the comments section comes back with the new one)."""
    dossier = selectors.dossier_get_visible(user=_user(request), code=code)
    if dossier is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            dossier_comment_add(
                dossier=dossier,
                text=form.cleaned_data["text"],
                step_order=form.cleaned_data["step"],
                actor=_user(request),
            )
        except ApplicationError as error:
            _note_error(form, error)
            return _notes_page(
                request, code, status=error.status_code, comment_form=form
            )
        if _is_htmx(request):
            return _notes_page(request, code, status=200, comment_form=CommentForm())
        return _back_to(dossier.code, "#comments")
    return _notes_page(request, code, status=400, comment_form=form)


@require_POST
@login_required
def dossier_attachment_add_view(request: HttpRequest, code: str) -> HttpResponse:
    """Attach a working file; its type is sniffed from the content."""
    dossier = selectors.dossier_get_visible(user=_user(request), code=code)
    if dossier is None:
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dossier_attachment_add(
                dossier=dossier,
                title=data["title"],
                description=data["description"],
                file=data["file"],
                step_order=data["step"],
                actor=_user(request),
            )
        except ApplicationError as error:
            _note_error(form, error)
            return _notes_page(
                request, code, status=error.status_code, attachment_form=form
            )
        messages.success(request, _("The file has been attached."))
        return _back_to(dossier.code, "#attachments")
    return _notes_page(request, code, status=400, attachment_form=form)


@require_POST
@login_required
def dossier_attachment_withdraw_view(
    request: HttpRequest, code: str, pk: int
) -> HttpResponse:
    """Withdraw one's own working file (it stays, struck through, with the reason)."""
    attachment = selectors.dossier_attachment_get_visible(
        user=_user(request), code=code, attachment_id=pk
    )
    if attachment is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            dossier_attachment_withdraw(
                attachment=attachment,
                reason=form.cleaned_data["reason"],
                actor=_user(request),
            )
        except ApplicationError as error:
            _note_error(form, error)
            return _notes_page(
                request, code, status=error.status_code, withdraw_form=form
            )
        messages.success(request, _("The file has been withdrawn."))
        return _back_to(attachment.dossier.code, "#attachments")
    return _notes_page(request, code, status=400, withdraw_form=form)


@require_GET
@login_required
def dossier_attachment_download(
    request: HttpRequest, code: str, pk: int
) -> FileResponse:
    """A working file, for officials who may see the dossier (never a media URL)."""
    attachment = selectors.dossier_attachment_get_visible(
        user=_user(request), code=code, attachment_id=pk
    )
    if attachment is None:
        raise Http404
    return file_download(
        attachment.file,
        name=attachment.original_name,
        content_type=attachment.content_type,
    )
