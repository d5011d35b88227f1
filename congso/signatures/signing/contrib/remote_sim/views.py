"""Pages and JSON API of the remote-signing simulator (``/signatures/remote-sim/``).

The page stands in for the signer's phone: it lists the transactions and lets
"the signer" approve or reject them. The JSON API has the shape of a provider's
(create a transaction with a hash, read its status, decide it). Everything
answers only to requests from the loopback address that came through no proxy,
and 404 otherwise: it signs with the credentials it holds, so it must never be
reachable from outside the machine."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from ipaddress import ip_address
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from congso.signatures.signing.contrib.remote_sim.provider import simulator_get
from congso.signatures.signing.contrib.remote_sim.simulator import (
    SimulatorError,
    Transaction,
)


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


@require_GET
def remote_sim_index(request: HttpRequest) -> HttpResponse:
    """The simulated phone: transactions, newest first, with their decision."""
    _loopback_only(request)
    rows = simulator_get().transaction_list()[:50]
    return render(request, "signatures/remote_sim.html", {"transactions": rows})


@require_POST
def remote_sim_decide(
    request: HttpRequest, transaction_id: str, decision: str
) -> HttpResponse:
    """Approve or reject one transaction from the page."""
    _loopback_only(request)
    if decision not in {"approve", "reject"}:
        raise Http404
    try:
        simulator_get().transaction_decide(
            transaction_id, approve=decision == "approve"
        )
    except SimulatorError:
        raise Http404 from None
    return redirect("signatures:remote_sim:index")


def _json(transaction: Transaction, status: int = 200) -> JsonResponse:
    return JsonResponse(
        {
            "transaction_id": transaction.id,
            "status": transaction.status,
            "expires_at": transaction.expires_at,
            "signature": transaction.signature or None,
        },
        status=status,
    )


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt
@require_POST
def remote_sim_api_sign(request: HttpRequest) -> JsonResponse:
    """Create a transaction: ``credential_id``, ``hash`` and ``signature_algorithm``
    (base64), ``hash_algorithm``, ``title``, ``idempotency_key``, ``expires_at``."""
    _loopback_only(request)
    try:
        body: dict[str, Any] = json.loads(request.body)
        transaction = simulator_get().transaction_create(
            credential_id=str(body["credential_id"]),
            digest=base64.b64decode(body["hash"], validate=True),
            digest_algorithm=str(body.get("hash_algorithm", "sha256")),
            signature_algorithm=base64.b64decode(body["signature_algorithm"]),
            title=str(body.get("title", "")),
            idempotency_key=str(body["idempotency_key"]),
            expires_at=datetime.fromisoformat(str(body["expires_at"])),
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        return _error("malformed request", 400)
    except SimulatorError as error:
        return _error(str(error), 503 if "unavailable" in str(error) else 400)
    return _json(transaction, status=201)


@require_GET
def remote_sim_api_status(request: HttpRequest, transaction_id: str) -> JsonResponse:
    _loopback_only(request)
    transaction = simulator_get().transaction_get(transaction_id)
    if transaction is None:
        return _error("unknown transaction", 404)
    return _json(transaction)


@csrf_exempt
@require_POST
def remote_sim_api_decide(request: HttpRequest, transaction_id: str) -> JsonResponse:
    """The phone's answer: ``{"approve": true|false}``."""
    _loopback_only(request)
    try:
        approve = json.loads(request.body)["approve"]
    except (ValueError, KeyError, TypeError):
        return _error("malformed request", 400)
    if not isinstance(approve, bool):
        return _error("malformed request", 400)
    try:
        transaction = simulator_get().transaction_decide(
            transaction_id, approve=approve
        )
    except SimulatorError:
        return _error("unknown transaction", 404)
    return _json(transaction)
