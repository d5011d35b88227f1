"""Catalogue API (read-only): published procedures, one version in full, Excel."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.catalog import exports, selectors
from congso.catalog.api.serializers import (
    ProcedureDetailOutput,
    ProcedureListInput,
    ProcedureListOutput,
)

ON = OpenApiParameter("on", str, description="dd/mm/yyyy or yyyy-mm-dd; default today")
FILTERS = [
    ON,
    OpenApiParameter("sector", str, description="Sector (lĩnh vực), exact"),
    OpenApiParameter("level", str, enum=["central", "province", "district", "commune"]),
    OpenApiParameter("q", str, description="Name or code; ignores diacritics"),
]


def _filters(request: Request) -> dict[str, Any]:
    data = ProcedureListInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    filters = dict(data.validated_data)
    on: date | None = filters.pop("on", None)
    return {
        "on": on or timezone.localdate(),
        "sector": filters.get("sector"),
        "level": filters.get("level"),
        "search": filters.get("q"),
    }


class ProcedureListApi(APIView):
    @extend_schema(parameters=FILTERS, responses=ProcedureListOutput(many=True))
    def get(self, request: Request) -> Response:
        versions = selectors.procedure_list_published(**_filters(request))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(versions, request, view=self)
        return paginator.get_paginated_response(
            ProcedureListOutput(page, many=True).data
        )


class ProcedureDetailApi(APIView):
    @extend_schema(responses=ProcedureDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.procedure_version_get(version_id=pk)
        if version is None:
            raise Http404
        return Response(ProcedureDetailOutput(version).data)


class ProcedureExportApi(APIView):
    @extend_schema(
        parameters=FILTERS,
        responses={
            (200, exports.XLSX): OpenApiResponse(
                OpenApiTypes.BINARY, description="Excel workbook"
            )
        },
    )
    def get(self, request: Request) -> HttpResponse:
        filters = _filters(request)
        versions = selectors.procedure_list_published(**filters)
        content = exports.versions_to_xlsx(versions, on=filters["on"])
        response = HttpResponse(content, content_type=exports.XLSX)
        name = exports.xlsx_filename(filters["on"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
