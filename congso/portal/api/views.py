"""Public dossier lookup API: no login, the same fields and rate limit as the page."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.portal import throttling
from congso.portal.api.serializers import (
    NOT_FOUND,
    LookupErrorOutput,
    PublicDossierOutput,
)
from congso.portal.forms import clean_lookup_code
from congso.portal.selectors import dossier_lookup_get


class PublicDossierApi(APIView):
    """``GET``: the public view of one dossier by its code (tra cứu hồ sơ)."""

    authentication_classes: list[type[BaseAuthentication]] = []
    permission_classes: list[type[BasePermission]] = [AllowAny]

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
    def get(self, request: Request, code: str) -> Response:
        wait = throttling.lookup_admit(request)
        if wait:
            raise Throttled(wait=wait, detail=_("Too many lookups from your address."))
        try:
            code = clean_lookup_code(code)
        except DjangoValidationError as error:
            throttling.lookup_miss(request)
            raise ValidationError({"code": error.messages}) from None
        dossier = dossier_lookup_get(code=code)
        if dossier is None:
            throttling.lookup_miss(request)
            raise NotFound(NOT_FOUND)
        return Response(PublicDossierOutput(dossier).data)
