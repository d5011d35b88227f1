"""Error pages and health check. Every error answers in Vietnamese with a 4xx/5xx
status and a page in the site layout; API clients get JSON."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


def _error(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail, "code": str(status)}, status=status)
    return render(
        request,
        "errors/error.html",
        {"status": status, "title": title, "detail": detail},
        status=status,
    )


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(
        request, 400, _("Invalid request"), _("The request could not be understood.")
    )


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(
        request,
        403,
        _("Access denied"),
        _("You do not have permission to perform this action."),
    )


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("The requested item does not exist or is not visible to you."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        _("System error"),
        _("An unexpected error occurred. It has been logged; please try again later."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("The form has expired"),
        _("Your form session has expired. Reload the page and submit again."),
    )


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and ``make run``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
