"""Public signature verification (xác thực văn bản ký số): anyone, citizens
included, uploads a signed PDF and gets the simple report, the detailed report and
the ETSI TS 119 102-2 XML. Nothing is stored but the XML, for an hour."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from congso.signatures.validation import throttling
from congso.signatures.validation.constants import MAX_PDF_BYTES
from congso.signatures.validation.errors import (
    PdfTooLargeError,
    VerificationInputError,
)
from congso.signatures.validation.forms import VerificationForm
from congso.signatures.validation.selectors import pdf_validate
from congso.signatures.validation.storage import report_keep, report_xml_get

UPLOAD_TEMPLATE = "signatures/validation/verification_upload.html"
RESULT_TEMPLATE = "signatures/validation/verification_result.html"
#: Room for the multipart envelope and the CSRF token around the file.
ENVELOPE_BYTES = 64 * 1024


def request_too_large(request: HttpRequest) -> bool:
    """The declared body exceeds the limit: refuse before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > MAX_PDF_BYTES + ENVELOPE_BYTES


def _refuse(
    request: HttpRequest, form: VerificationForm, message: str, status: int
) -> HttpResponse:
    """The upload page again, with why the file cannot be checked."""
    context = {"form": form, "error": message}
    return render(request, UPLOAD_TEMPLATE, context, status=status)


def _throttled(request: HttpRequest, wait: int) -> HttpResponse:
    context = {"form": VerificationForm(), "throttled": wait}
    response = render(request, UPLOAD_TEMPLATE, context, status=429)
    response["Retry-After"] = str(wait)
    return response


@csrf_exempt  # the size is checked before CSRF reads the body; then csrf_protect
@require_http_methods(["GET", "POST"])
def verification_upload(request: HttpRequest) -> HttpResponse:
    """Upload a signed PDF (GET: the form; POST: the report)."""
    if request.method == "POST" and request_too_large(request):
        message = str(PdfTooLargeError(MAX_PDF_BYTES).message)
        return _refuse(request, VerificationForm(), message, status=413)
    return _verification_page(request)


@csrf_protect
def _verification_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, UPLOAD_TEMPLATE, {"form": VerificationForm()})
    wait = throttling.verify_admit(request)
    if wait:
        return _throttled(request, wait)
    form = VerificationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, UPLOAD_TEMPLATE, {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        report = pdf_validate(data=upload.read(), file_name=upload.name or "")
    except VerificationInputError as error:
        return _refuse(request, form, str(error.message), error.status_code)
    context = {"report": report, "token": report_keep(report)}
    return render(request, RESULT_TEMPLATE, context)


@require_GET
def verification_report_xml(request: HttpRequest, token: str) -> HttpResponse:
    """The ETSI TS 119 102-2 report of a recent verification, as a download."""
    xml = report_xml_get(token)
    if xml is None:
        raise Http404
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="validation-report.xml"'
    response["Cache-Control"] = "private, no-store"
    return response
