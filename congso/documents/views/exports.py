"""Downloads of the registers (PDF, Excel), the statistics (Excel) and a case
file (zip: reading copy, Phụ lục VI XML, originals). Thin: the period is read
by a form, the bytes come from :mod:`congso.documents.exports`."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.core.errors import ApplicationError
from congso.core.files import bytes_download
from congso.documents import exports
from congso.documents.constants import SeriesKind
from congso.documents.forms import PeriodForm
from congso.documents.selectors.records import (
    case_file_get_for_user,
    case_file_readable,
)
from congso.documents.views._common import acting_agency, scope_of

PDF = "application/pdf"
REGISTERS = ("incoming", "outgoing", "secret", "tracking")


def _problem(request: HttpRequest, detail: str) -> HttpResponse:
    context = {"status": 400, "title": _("Invalid request"), "detail": detail}
    return render(request, "errors/error.html", context, status=400)


@require_GET
@login_required
def register_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """A register of the official's agency for a period (within one year)."""
    if kind not in REGISTERS or fmt not in ("pdf", "xlsx"):
        raise Http404
    scope = scope_of(request)
    agency_id, _name = acting_agency(request, scope)
    secret_reader = agency_id in scope.secret_agency_ids
    if kind == "secret" and not secret_reader:
        raise Http404
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _problem(request, _("Give the period as dd/mm/yyyy, within one year."))
    start: date = form.cleaned_data["date_from"]
    end: date = form.cleaned_data["date_to"]
    try:
        register = _register(kind, agency_id, start, end, scope.on, secret_reader)
    except ApplicationError as exc:
        return _problem(request, str(exc.message))
    if fmt == "pdf":
        return bytes_download(
            exports.register_pdf(register),
            name=f"{register.file_stem}.pdf",
            content_type=PDF,
        )
    return bytes_download(
        exports.register_xlsx(register),
        name=f"{register.file_stem}.xlsx",
        content_type=exports.XLSX,
    )


def _register(
    kind: str, agency_id: int, start: date, end: date, today: date, secret: bool
) -> exports.Register:
    if kind == "incoming":
        return exports.incoming_register_get(
            agency_id=agency_id,
            date_from=start,
            date_to=end,
            include_secret_subjects=secret,
        )
    if kind == "tracking":
        return exports.tracking_register_get(
            agency_id=agency_id, date_from=start, date_to=end, today=today
        )
    series = (
        [SeriesKind.SECRET]
        if kind == "secret"
        else [
            SeriesKind.OUTGOING,
            SeriesKind.NORMATIVE,
        ]
    )
    return exports.outgoing_register_get(
        agency_id=agency_id,
        date_from=start,
        date_to=end,
        include_secret_subjects=secret,
        series=series,
    )


@require_GET
@login_required
def statistics_download(request: HttpRequest) -> HttpResponse:
    """The statistics page's figures as an Excel workbook."""
    scope = scope_of(request)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _problem(request, _("Give the period as dd/mm/yyyy."))
    report = exports.statistics_report_get(
        agency_ids=scope.member_agency_ids,
        unit_ids=scope.unit_ids,
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
        today=scope.on,
    )
    name = f"thong-ke-van-ban-{form.cleaned_data['date_from']:%Y%m%d}.xlsx"
    return bytes_download(
        exports.statistics_xlsx(report), name=name, content_type=exports.XLSX
    )


@require_GET
@login_required
def case_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file for the archive, when every document in it may be read."""
    scope = scope_of(request)
    row = case_file_get_for_user(scope=scope, pk=pk)
    if row is None or not case_file_readable(scope=scope, case_file=row):
        raise Http404
    try:
        result = exports.case_file_export(case_file=row)
    except ApplicationError as exc:
        return _problem(request, str(exc.message))
    return bytes_download(
        result.data, name=result.filename, content_type="application/zip"
    )
