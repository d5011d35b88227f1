"""The national portal simulator over HTTP (``/portal/national-sim/``).

- ``api/``: the sync endpoint, same protocol as the portal (``protocol.py``). It
  answers only to requests from the loopback address that came through no proxy
  (404 otherwise), and checks the bearer token when one is configured.
- the page: what it received, newest first, for staff (``is_staff``)."""

from __future__ import annotations

import json
from ipaddress import ip_address
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from congso.portal.national.contrib.simulator.services import sim_receive
from congso.portal.national.protocol import IDEMPOTENCY_HEADER
from congso.portal.national.selectors import sim_record_list

PAGE_SIZE = 50


def _loopback_only(request: HttpRequest) -> None:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR") or request.META.get(
        "HTTP_FORWARDED"
    )
    try:
        local = ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        local = False
    if not local or forwarded:
        raise Http404


@csrf_exempt
@require_POST
def national_sim_api(request: HttpRequest) -> JsonResponse:
    """Receive one record (JSON body); answer 201, 409, 400 or 401."""
    _loopback_only(request)
    token: str = settings.PORTAL_NATIONAL_TOKEN
    if token and request.headers.get("Authorization") != f"Bearer {token}":
        return JsonResponse({"status": "unauthorised"}, status=401)
    payload: Any
    try:
        payload = json.loads(request.body)
    except ValueError:
        payload = request.body.decode("utf-8", errors="replace")[:10000]
    answer = sim_receive(
        payload=payload,
        idempotency_key=request.headers.get(IDEMPOTENCY_HEADER, ""),
    )
    return JsonResponse(
        answer.body,
        status=answer.http_status,
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
@require_GET
def national_sim_index(request: HttpRequest) -> HttpResponse:
    """The records received, 50 a page (staff only)."""
    if not request.user.is_staff:
        raise PermissionDenied
    page = Paginator(sim_record_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    records = list(page.object_list)
    return render(
        request,
        "portal/national/sim_record_list.html",
        {"page": page, "records": records},
    )
