"""Pages of the payment-gateway simulator (``/payments/sim/``): the "bank" page
the signed redirect lands on, the customer's decision, and the ``querydr`` API.
They stand in for an external gateway and are served only while the simulator
is the configured provider (404 otherwise)."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from congso.payments.contrib.simulator.gateway import DECISIONS, SimulatorError
from congso.payments.contrib.simulator.provider import (
    simulator_get,
    simulator_notification_schedule,
)


def _enabled() -> None:
    if settings.PAYMENTS_PROVIDER != "simulator":
        raise Http404


@require_GET
def sim_pay(request: HttpRequest) -> HttpResponse:
    """The signed redirect from Công Sở: verify it and show the order."""
    _enabled()
    try:
        sim = simulator_get().session_open(request.GET.dict())
    except SimulatorError as error:
        return render(
            request, "payments/sim_pay.html", {"error": str(error)}, status=400
        )
    return render(request, "payments/sim_pay.html", {"sim": sim})


@require_POST
def sim_decide(request: HttpRequest, txn_ref: str, decision: str) -> HttpResponse:
    """The customer's choice: settle, queue the notification(s), send the
    browser back with the signed result."""
    _enabled()
    if decision not in DECISIONS:
        raise Http404
    try:
        sim = simulator_get().decide(txn_ref, decision, now=timezone.now())
    except SimulatorError:
        raise Http404 from None
    simulator_notification_schedule(sim)
    separator = "&" if "?" in sim.return_url else "?"
    return redirect(f"{sim.return_url}{separator}{urlencode(sim.result)}")


@csrf_exempt
@require_POST
def sim_query(request: HttpRequest) -> JsonResponse:
    """The ``querydr`` API (JSON in, JSON out), as a real gateway exposes it."""
    _enabled()
    try:
        body = json.loads(request.body)
        if not isinstance(body, dict):
            raise ValueError
        answer = simulator_get().query_answer(body, now=timezone.now())
    except ValueError:
        return JsonResponse(
            {"vnp_ResponseCode": "03", "vnp_Message": "Invalid"}, status=400
        )
    except SimulatorError:
        return JsonResponse(
            {"vnp_ResponseCode": "97", "vnp_Message": "Invalid signature"}
        )
    return JsonResponse(answer)
