"""The documents home (what waits for me), search, statistics, file downloads
and case files (thin: selectors read, services write)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.core.errors import ApplicationError
from congso.core.files import file_download
from congso.documents.forms import CaseFileForm, PeriodForm, SearchForm
from congso.documents.models import CaseFile, IncomingDocument, OutgoingDocument
from congso.documents.selectors.choices import agency_names
from congso.documents.selectors.documents import file_get_for_user, work_queues_get
from congso.documents.selectors.records import (
    case_file_get_for_user,
    case_file_list_for_user,
)
from congso.documents.selectors.search import document_search
from congso.documents.selectors.statistics import (
    AgencyFigures,
    UnitFigures,
    agency_figures,
    unit_figures,
)
from congso.documents.services.access import document_read_record
from congso.documents.services.records import (
    case_file_add,
    case_file_close,
    case_file_open,
)
from congso.documents.views._common import (
    acting_agency,
    apply_error,
    scope_of,
    user_of,
)

QUEUE_ROWS = 10


@require_GET
@login_required
def work(request: HttpRequest) -> HttpResponse:
    """What waits for the official in document work, with the overdue view."""
    scope = scope_of(request)
    queues = work_queues_get(user=user_of(request), scope=scope, today=scope.on)
    return render(
        request,
        "documents/work.html",
        {"q": queues, "rows": QUEUE_ROWS, "today": scope.on},
    )


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Full-text search over the documents the official may read."""
    form = SearchForm(request.GET)
    result = None
    if form.is_valid() and any(form.cleaned_data.values()):
        d = form.cleaned_data
        result = document_search(
            user=user_of(request),
            on=timezone.localdate(),
            text=d["q"],
            kind=d["kind"] or None,
            date_from=d["date_from"],
            date_to=d["date_to"],
        )
    return render(
        request,
        "documents/search.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Figures per agency and unit for a period (default: this year so far)."""
    scope = scope_of(request)
    today = scope.on
    form = PeriodForm(
        request.GET
        or {"date_from": f"01/01/{today.year}", "date_to": today.strftime("%d/%m/%Y")}
    )
    agencies: list[tuple[str, AgencyFigures]] = []
    units: list[tuple[str, UnitFigures]] = []
    if form.is_valid():
        start: date = form.cleaned_data["date_from"]
        end: date = form.cleaned_data["date_to"]
        names = agency_names(on=today)
        agencies = [
            (names.get(a.agency_id, ""), a)
            for a in agency_figures(
                agency_ids=scope.member_agency_ids,
                date_from=start,
                date_to=end,
                today=today,
            )
        ]
        units = [
            (names.get(u.unit_id, ""), u)
            for u in unit_figures(
                unit_ids=scope.unit_ids, date_from=start, date_to=end, today=today
            )
        ]
    return render(
        request,
        "documents/statistics.html",
        {"form": form, "agencies": agencies, "units": units},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def file_download_view(request: HttpRequest, pk: int) -> FileResponse:
    """A stored file of a document the official may read (audited when secret)."""
    row = file_get_for_user(scope=scope_of(request), pk=pk)
    if row is None:
        raise Http404
    document_read_record(document=row.document, actor=user_of(request), file=row)  # type: ignore[arg-type]
    return file_download(row.file, name=row.name, content_type=row.content_type)


@require_http_methods(["GET", "POST"])
@login_required
def case_file_list(request: HttpRequest) -> HttpResponse:
    """The agency's case files, and a form to open one."""
    scope = scope_of(request)
    agency_id, agency_name = acting_agency(request, scope)
    form = CaseFileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            row = case_file_open(
                agency_id=agency_id,
                notation=d["notation"],
                title=d["title"],
                retention=d["retention"],
                retention_years=d["retention_years"],
                creator=d["creator"],
                description=d["description"],
                actor=user_of(request),
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("documents:case-file-detail", pk=row.pk)
    rows = case_file_list_for_user(scope=scope)
    return render(
        request,
        "documents/case_file_list.html",
        {
            "form": form,
            "rows": rows,
            "agency_name": agency_name,
            "agency_id": agency_id,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def case_file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = case_file_get_for_user(scope=scope_of(request), pk=pk)
    if row is None:
        raise Http404
    return render(request, "documents/case_file_detail.html", {"f": row})


@require_POST
@login_required
def case_file_file(request: HttpRequest, pk: int) -> HttpResponse:
    """File a document (from its page) in one of the agency's open case files."""
    scope = scope_of(request)
    row = case_file_get_for_user(scope=scope, pk=pk)
    kind, doc_id = request.POST.get("kind", ""), request.POST.get("document", "")
    if row is None or kind not in ("incoming", "outgoing") or not doc_id.isdigit():
        raise Http404
    model = IncomingDocument if kind == "incoming" else OutgoingDocument
    doc = model.objects.filter(pk=int(doc_id), agency_id=row.agency_id).first()
    if doc is None:
        raise Http404
    try:
        if isinstance(doc, IncomingDocument):
            case_file_add(case_file=row, actor=user_of(request), incoming=doc)
        else:
            case_file_add(case_file=row, actor=user_of(request), outgoing=doc)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Filed in %(code)s.") % {"code": row.notation})
    return redirect(f"documents:{kind}-detail", pk=doc.pk)


@require_POST
@login_required
def case_file_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    row: CaseFile | None = case_file_get_for_user(scope=scope_of(request), pk=pk)
    if row is None:
        raise Http404
    try:
        case_file_close(case_file=row, actor=user_of(request))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("documents:case-file-detail", pk=pk)
