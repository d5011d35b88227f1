"""Payer pages, the gateway's return and notification endpoints, receipts."""

from __future__ import annotations

from typing import Any

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from congso.core.errors import ApplicationError
from congso.payments import selectors, services


@require_http_methods(["GET", "POST"])
def order_detail(request: HttpRequest, txn_ref: str) -> HttpResponse:
    """The payer's page of an order; POST sends the payer to the gateway."""
    key = request.GET.get("key", "")
    order = selectors.payment_order_for_payer(txn_ref=txn_ref, key=key)
    if order is None:
        raise Http404
    if request.method == "POST":
        try:
            url = services.payment_start(
                order=order,
                return_url=request.build_absolute_uri(reverse("payments:return")),
                client_ip=request.META.get("REMOTE_ADDR", ""),
            )
        except ApplicationError as error:
            context = {"order": order, "error": error.message}
            return render(request, "payments/order_detail.html", context, status=400)
        return redirect(url)
    return render(request, "payments/order_detail.html", {"order": order})


@require_GET
def payment_return(request: HttpRequest) -> HttpResponse:
    """The payer's browser back from the gateway, with its signed result."""
    try:
        order = services.payment_return_handle(params=request.GET.dict())
    except ApplicationError as error:
        return render(
            request,
            "payments/payment_error.html",
            {"error": error.message},
            status=error.status_code,
        )
    receipt = selectors.receipt_for_order(order)
    context: dict[str, Any] = {
        "order": order,
        "receipt": receipt,
        "receipt_url": selectors.receipt_url(receipt, order) if receipt else "",
    }
    return render(request, "payments/payment_result.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def payment_notification(request: HttpRequest) -> JsonResponse:
    """The gateway's server-to-server notification (IPN); JSON answer."""
    params = request.GET.dict() if request.method == "GET" else request.POST.dict()
    return JsonResponse(services.payment_notification_handle(params=params))


@require_GET
def receipt_download(request: HttpRequest, number: str) -> FileResponse:
    """The e-receipt PDF, for whoever holds the order's access key."""
    receipt = selectors.receipt_for_payer(number=number, key=request.GET.get("key", ""))
    if receipt is None:
        raise Http404
    return FileResponse(
        receipt.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"bien-lai-{receipt.number}.pdf",
    )
