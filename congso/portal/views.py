"""Citizen pages: the public dossier lookup (tra cứu hồ sơ), without login."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from congso.portal import throttling
from congso.portal.forms import LookupForm
from congso.portal.selectors import dossier_lookup_get

TEMPLATE = "portal/dossier_lookup.html"


def _page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    response = render(request, TEMPLATE, context, status=status)
    # A dossier's page is for whoever holds the code: not cached, not indexed.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def dossier_lookup(request: HttpRequest) -> HttpResponse:
    """The lookup form; the form's ``?ma=`` goes on to the result's own URL."""
    if "ma" not in request.GET:
        return _page(request, form=LookupForm())
    form = LookupForm(request.GET)
    if not form.is_valid():
        return _page(request, 400, form=form)
    return redirect("portal:dossier-lookup-result", code=form.cleaned_data["ma"])


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
    form = LookupForm({"ma": code})
    if not form.is_valid():
        throttling.lookup_miss(request)
        return _page(request, 400, form=form)
    dossier = dossier_lookup_get(code=form.cleaned_data["ma"])
    if dossier is None:
        throttling.lookup_miss(request)
        return _page(request, 404, form=form, not_found=form.cleaned_data["ma"])
    return _page(request, form=form, dossier=dossier)
