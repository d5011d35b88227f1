"""Keeps citizens out of the back office.

Back-office views scope their data by role assignments, which a citizen never has;
this middleware adds a wall in front of them anyway, so a citizen's session gets a
403 (or, on ``/``, the portal) and never an empty back-office page. Whether the
session is a citizen's is remembered at sign-in (``receivers.py``), so no request
pays a query for it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

#: Session key set at sign-in: True for a citizen's session.
CITIZEN_SESSION_KEY = "congso_citizen"

#: Back-office paths a citizen may never open ("/" itself redirects to the portal).
BACK_OFFICE_PREFIXES = (
    "/org/",
    "/dossiers/",
    "/documents/",
    "/admin/",
    "/notifications/",
    "/signatures/certificates/",
    "/signatures/signature-image/",
    "/api/",
)
#: Public API and pages under a back-office prefix that anyone may use.
PUBLIC_PREFIXES = ("/api/v1/public/", "/api/v1/signatures/verify/")


def is_back_office_path(path: str) -> bool:
    if path.startswith(PUBLIC_PREFIXES):
        return False
    return path.startswith(BACK_OFFICE_PREFIXES)


class CitizenBoundaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The session flag first: it is set only at a citizen's sign-in, so other
        # requests never load the user here.
        is_citizen = bool(
            request.session.get(CITIZEN_SESSION_KEY, False)
            and request.user.is_authenticated
        )
        request.is_citizen = is_citizen  # type: ignore[attr-defined]
        if is_citizen:
            if request.path == "/":
                from congso.accounts.adapters import citizen_home_url

                return redirect(citizen_home_url())
            if is_back_office_path(request.path):
                return _refuse(request)
        return self.get_response(request)


def _refuse(request: HttpRequest) -> HttpResponse:
    detail = _(
        "This part of Công Sở is for officials; citizen accounts cannot open it."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail, "code": "citizen_account"}, status=403)
    from django.shortcuts import render

    return render(
        request,
        "errors/error.html",
        {"status": 403, "title": _("Access denied"), "detail": detail},
        status=403,
    )
