"""Public dossier lookup API: no login, the same fields and rate limit as the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from congso.portal import throttling
from congso.portal.api.serializers import (
    NOT_FOUND,
    LookupErrorOutput,
    PublicDossierOutput,
)
from congso.portal.forms import clean_lookup_code
from congso.portal.public_view import lookup_api_body


@dataclass(frozen=True)
class _Answer:
    """The outcome of one lookup: the body, or why there is none."""

    body: bytes | None = None
    wait: int = 0
    errors: list[str] = field(default_factory=list)


def _answer(request: HttpRequest, code: str) -> _Answer:
    """Charge the client, check the code, read the stored answer."""
    wait = throttling.lookup_admit(request)
    if wait:
        return _Answer(wait=wait)
    try:
        code = clean_lookup_code(code)
    except DjangoValidationError as error:
        throttling.lookup_miss(request)
        return _Answer(errors=error.messages)
    body = lookup_api_body(code=code)
    if body is None:
        throttling.lookup_miss(request)
    return _Answer(body=body)


def _json(body: bytes) -> HttpResponse:
    # The stored JSON as is (``PublicDossierOutput``'s shape, held to it by the
    # tests), without a serializer or a renderer.
    return HttpResponse(body, content_type="application/json")


class PublicDossierApi(APIView):
    """``GET``: the public view of one dossier by its code (tra cứu hồ sơ)."""

    authentication_classes: list[type[BaseAuthentication]] = []
    permission_classes: list[type[BasePermission]] = [AllowAny]
    answer: _Answer | None = None

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        """A GET of a known code is answered here, before DRF wraps the request,
        negotiates and renders (a fifth of the lookup's time in-process,
        ``bench/lookup.py``); errors, in the project's format, and other methods go
        through DRF."""
        if request.method == "GET":
            self.answer = _answer(request, str(kwargs.get("code", "")))
            if self.answer.body is not None:
                return _json(self.answer.body)
        return super().dispatch(request, *args, **kwargs)

    @extend_schema(
        responses={
            200: PublicDossierOutput,
            400: OpenApiResponse(LookupErrorOutput, description="Malformed code"),
            404: OpenApiResponse(LookupErrorOutput, description="Unknown code"),
            429: OpenApiResponse(LookupErrorOutput, description="Too many lookups"),
        },
        operation_id="public_dossiers_retrieve",
        auth=[],
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        answer = self.answer or _answer(request._request, code)
        if answer.wait:
            raise Throttled(
                wait=answer.wait, detail=_("Too many lookups from your address.")
            )
        if answer.errors:
            raise ValidationError({"code": answer.errors})
        if answer.body is None:
            raise NotFound(NOT_FOUND)
        return _json(answer.body)
