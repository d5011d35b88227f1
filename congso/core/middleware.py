"""Middleware of the core app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from congso.core.context import remote_address


class RemoteAddressMiddleware:
    """Expose the client address to the audit trail for the request's duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = remote_address.set(request.META.get("REMOTE_ADDR", ""))
        try:
            return self.get_response(request)
        finally:
            remote_address.reset(token)
