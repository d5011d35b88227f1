"""Pages and endpoints of the signatures app.

The PKI endpoints under ``/pki/`` are public by nature (CRL, OCSP, time-stamps and
CA certificates are fetched by any validator, without a session) and CSRF-exempt
(machine POSTs with DER bodies). They answer only when the demo PKI is installed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from congso.accounts.models import User
from congso.signatures import selectors
from congso.signatures.installed import installed_endpoints


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def pki_endpoint(request: HttpRequest, name: str) -> HttpResponse:
    """CRL, OCSP, RFC 3161 time-stamps and CA certificates of the demo PKI."""
    endpoints = installed_endpoints()
    if endpoints is None:
        return HttpResponse(
            b"no demo PKI installed", status=404, content_type="text/plain"
        )
    if request.method == "POST":
        reply = endpoints.post(name, request.body, request.content_type or "")
    else:
        reply = endpoints.get(name)
    response = HttpResponse(
        reply.body, status=reply.status, content_type=reply.content_type
    )
    if reply.max_age:
        patch_cache_control(response, public=True, max_age=reply.max_age)
    return response


@require_GET
@login_required
def certificate_list_mine(request: HttpRequest) -> HttpResponse:
    """My certificates (chứng thư số của tôi): the signed-in official's own."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101  # login_required guarantees it
    now = timezone.now()
    rows = [
        (certificate, certificate.status_at(now))
        for certificate in selectors.certificate_list_for_user(user=user)
    ]
    return render(request, "signatures/certificate_list_mine.html", {"rows": rows})
