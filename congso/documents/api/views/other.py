"""Search of documents, figures of document work, and case files (hồ sơ công
việc)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.documents.api.serializers.other import (
    CaseFileAddInput,
    CaseFileCloseInput,
    CaseFileItemOutput,
    CaseFileOpenInput,
    CaseFileOutput,
    DocumentPeriodInput,
    DocumentSearchInput,
    DocumentSearchOutput,
    DocumentStatisticsOutput,
    period_default,
)
from congso.documents.api.views.common import (
    acting_agency,
    context_of,
    scope_of,
    user_of,
)
from congso.documents.constants import OBJECT_INCOMING, OBJECT_OUTGOING
from congso.documents.models import CaseFile, IncomingDocument, OutgoingDocument
from congso.documents.selectors.access import DocumentScope
from congso.documents.selectors.documents import (
    incoming_get_for_user,
    outgoing_get_for_user,
)
from congso.documents.selectors.records import (
    case_file_get_for_user,
    case_file_list_for_user,
)
from congso.documents.selectors.search import document_search
from congso.documents.selectors.statistics import agency_figures, unit_figures
from congso.documents.services.records import (
    case_file_add,
    case_file_close,
    case_file_open,
)

DIRECTIONS = {"incoming": OBJECT_INCOMING, "outgoing": OBJECT_OUTGOING}
SEARCH_FIELDS = ("hits", "total", "total_is_lower_bound")


class DocumentSearchApi(APIView):
    """Documents the caller may read matching the words or the number and
    symbol typed, best first; secret documents only when the caller may read
    them (neither listed nor counted otherwise)."""

    @extend_schema(
        parameters=[DocumentSearchInput],
        responses=DocumentSearchOutput,
        operation_id="documents_search",
    )
    def get(self, request: Request) -> Response:
        query = DocumentSearchInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = dict(query.validated_data)
        page, size = q.pop("page"), q.pop("page_size")
        result = document_search(
            user=user_of(request),
            on=timezone.localdate(),
            text=q.pop("q"),
            object_type=DIRECTIONS.get(q.pop("direction")),
            limit=size,
            offset=(page - 1) * size,
            **q,  # kind, issuer, status, date_from, date_to
        )
        output = DocumentSearchOutput(
            {"page": page, **{k: getattr(result, k) for k in SEARCH_FIELDS}},
            context={"request": request},
        )
        return Response(output.data)


def _statistics_scope(scope: DocumentScope) -> tuple[list[int], list[int]]:
    """The agencies the caller works in and the units in their scope (as the
    statistics page); an account without an agency is refused."""
    if not scope.member_agency_ids:
        raise PermissionDenied(_("You hold no role in an agency."))
    return sorted(scope.member_agency_ids), sorted(scope.unit_ids)


class DocumentStatisticsApi(APIView):
    """Per agency: documents received (electronically, handled on the network,
    registered late, overdue) and issued (electronically); per unit: documents
    directed to it and how their handling ended. Default period: this year."""

    @extend_schema(
        parameters=[DocumentPeriodInput],
        responses=DocumentStatisticsOutput,
        operation_id="documents_statistics",
    )
    def get(self, request: Request) -> Response:
        query = DocumentPeriodInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        agencies, units = _statistics_scope(scope_of(request))
        today = timezone.localdate()
        start, end = period_default(today)
        period = {
            "date_from": query.validated_data["date_from"] or start,
            "date_to": query.validated_data["date_to"] or end,
            "today": today,
        }
        figures = {
            "date_from": period["date_from"],
            "date_to": period["date_to"],
            "agencies": agency_figures(agency_ids=agencies, **period),
            "units": unit_figures(unit_ids=units, **period),
        }
        return Response(
            DocumentStatisticsOutput(figures, context=context_of(request)).data
        )


def _case_file(request: Request, pk: int) -> CaseFile:
    row = case_file_get_for_user(scope=scope_of(request), pk=pk)
    if row is None:
        raise Http404
    return row


class CaseFileListApi(APIView):
    """``GET``: case files of the caller's agencies, newest year first;
    ``POST``: open one for this year."""

    @extend_schema(
        responses=CaseFileOutput(many=True), operation_id="documents_case_files_list"
    )
    def get(self, request: Request) -> Response:
        """Case files of the caller's agencies, newest year first."""
        paginator = PageNumberPagination()
        rows = case_file_list_for_user(scope=scope_of(request))
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CaseFileOutput(page, many=True).data)

    @extend_schema(
        request=CaseFileOpenInput,
        responses={201: CaseFileOutput},
        operation_id="documents_case_files_open",
    )
    def post(self, request: Request) -> Response:
        """Open a case file of the agency for this year."""
        data = CaseFileOpenInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agency_id = acting_agency(scope_of(request), values.pop("agency", None), ())
        row = case_file_open(agency_id=agency_id, actor=user_of(request), **values)
        return Response(CaseFileOutput(row).data, status=status.HTTP_201_CREATED)


def _document(
    request: Request, data: dict[str, int | None]
) -> dict[str, IncomingDocument | OutgoingDocument]:
    """The document to file, when the caller may read it (else a field error
    that says nothing about its existence)."""
    scope = scope_of(request)
    found: IncomingDocument | OutgoingDocument | None
    if data.get("incoming"):
        found = incoming_get_for_user(scope=scope, pk=int(data["incoming"] or 0))
        key = "incoming"
    else:
        found = outgoing_get_for_user(scope=scope, pk=int(data["outgoing"] or 0))
        key = "outgoing"
    if found is None:
        raise ValidationError({key: [_("No such document among those you can read.")]})
    return {key: found}


class CaseFileDocumentApi(APIView):
    """File one document of the agency in an open case file, after the others."""

    @extend_schema(
        request=CaseFileAddInput,
        responses={201: CaseFileItemOutput},
        operation_id="documents_case_files_add",
    )
    def post(self, request: Request, pk: int) -> Response:
        row = _case_file(request, pk)
        data = CaseFileAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        document = _document(request, dict(data.validated_data))
        item = case_file_add(case_file=row, actor=user_of(request), **document)  # type: ignore[arg-type]
        return Response(CaseFileItemOutput(item).data, status=status.HTTP_201_CREATED)


class CaseFileCloseApi(APIView):
    """Close the case file (nothing more is filed in it)."""

    @extend_schema(
        request=CaseFileCloseInput,
        responses=CaseFileOutput,
        operation_id="documents_case_files_close",
    )
    def post(self, request: Request, pk: int) -> Response:
        row = _case_file(request, pk)
        data = CaseFileCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        closed = case_file_close(
            case_file=row,
            end_date=data.validated_data["end_date"],
            actor=user_of(request),
        )
        return Response(CaseFileOutput(closed).data)
