"""``POST /api/v1/signatures/verify/``: verify a signed PDF (multipart ``file``)
and get the report as JSON. Public like the page, with the same rate limit."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import Throttled
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.signatures.validation import throttling
from congso.signatures.validation.api.serializers import (
    VerificationErrorOutput,
    VerificationInput,
    VerificationOutput,
)
from congso.signatures.validation.constants import MAX_PDF_BYTES
from congso.signatures.validation.errors import PdfTooLargeError
from congso.signatures.validation.selectors import pdf_validate
from congso.signatures.validation.storage import report_keep
from congso.signatures.validation.views import request_too_large


class VerificationApi(APIView):
    """Validate every signature of the PDF against the trust store."""

    authentication_classes: list[type[BaseAuthentication]] = []
    permission_classes: list[type[BasePermission]] = [AllowAny]
    parser_classes: list[type[BaseParser]] = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": VerificationInput},
        responses={
            200: VerificationOutput,
            400: OpenApiResponse(
                VerificationErrorOutput,
                description="Not a PDF, damaged, password-protected or unsigned",
            ),
            413: OpenApiResponse(VerificationErrorOutput, description="Too large"),
            429: OpenApiResponse(VerificationErrorOutput, description="Rate limit"),
        },
        operation_id="signatures_verify",
        auth=[],
    )
    def post(self, request: Request) -> Response:
        if request_too_large(request._request):
            raise PdfTooLargeError(MAX_PDF_BYTES)
        wait = throttling.verify_admit(request._request)
        if wait:
            raise Throttled(
                wait=wait, detail=_("Too many files checked from your address.")
            )
        data = VerificationInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        report = pdf_validate(data=upload.read(), file_name=upload.name or "")
        url = reverse("signatures:verification-report-xml", args=[report_keep(report)])
        output = VerificationOutput(
            report, context={"etsi_report_url": request.build_absolute_uri(url)}
        )
        return Response(output.data)
