"""Citizen pages: the public dossier lookup (tra cứu hồ sơ), without login."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import http_date
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from congso.portal import shell, throttling
from congso.portal.forms import LookupForm, clean_lookup_code
from congso.portal.public_view import lookup_page_fragment

TEMPLATE = "portal/dossier_lookup.html"
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def _private(response: HttpResponse) -> HttpResponse:
    """A dossier's page is for whoever holds the code: not cached, not indexed.
    The headers of ``add_never_cache_headers``, written directly (it parses and
    rebuilds ``Cache-Control``; a tenth of a hello world)."""
    response.headers["Expires"] = http_date()
    response.headers["Cache-Control"] = NEVER_CACHE
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    return _private(render(request, TEMPLATE, context, status=status))


@require_GET
def dossier_lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form; the form's ``?ma=`` goes on to the result's own URL."""
    if "ma" not in request.GET:
        return _page(request, form=LookupForm())
    form = LookupForm(request.GET)
    if not form.is_valid():
        return _page(request, 400, form=form)
    return redirect("portal:dossier-lookup-result", code=form.cleaned_data["ma"])


def _found(
    request: HttpRequest, typed: str, code: str, html: SafeString
) -> HttpResponse:
    """The dossier's page: the layout cached per language around the stored
    fragment for an anonymous visitor without messages (the lookup's usual
    case), the full template otherwise (a signed-in user's own navigation)."""
    if not request.user.is_authenticated and not len(messages.get_messages(request)):
        return _private(
            HttpResponse(shell.page(request, typed=typed, code=code, html=html))
        )
    form = LookupForm(initial={"ma": typed})
    return _page(request, form=form, dossier_code=code, dossier_html=html)


@require_GET
def dossier_lookup_result(request: HttpRequest, code: str) -> HttpResponse:
    """One dossier's public page; 404 (with the form) for an unknown code, 400 for
    one that cannot be a code, 429 when the client has used up its lookups."""
    wait = throttling.lookup_admit(request)
    if wait:
        form = LookupForm(initial={"ma": code})
        response = _page(request, 429, form=form, throttled=wait)
        response["Retry-After"] = str(wait)
        return response
    try:
        typed = clean_lookup_code(code)
    except ValidationError:  # the form says why
        throttling.lookup_miss(request)
        form = LookupForm({"ma": code})
        form.is_valid()
        return _page(request, 400, form=form)
    found = lookup_page_fragment(code=typed)
    if found is None:
        throttling.lookup_miss(request)
        form = LookupForm({"ma": code})
        form.is_valid()
        return _page(request, 404, form=form, not_found=typed)
    return _found(request, typed, *found)
