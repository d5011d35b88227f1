"""Incoming documents (văn bản đến): the register (list and registration), one
document, its actions (submit, file, return, direct), the units' assignments
(assign, propose, complete) and file downloads. Reading a secret document or
downloading its file is recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts.models import User
from congso.core.files import file_download
from congso.documents.api.filters import IncomingFilter
from congso.documents.api.serializers.incoming import (
    AssignmentActionInput,
    IncomingActionInput,
    IncomingDetailOutput,
    IncomingListOutput,
    IncomingRegisterInput,
)
from congso.documents.api.views.common import (
    acting_agency,
    context_of,
    scope_of,
    uploads,
    user_of,
)
from congso.documents.constants import FileKind, IncomingAction
from congso.documents.models import HandlingAssignment, IncomingDocument
from congso.documents.selectors.documents import (
    assignment_get_for_user,
    file_get_for_user,
    incoming_get_for_user,
    incoming_list_for_user,
)
from congso.documents.services.access import document_read_record
from congso.documents.services.direction import (
    UnitDirection,
    assignment_assign,
    assignment_complete,
    assignment_propose,
    incoming_direct,
)
from congso.documents.services.incoming import (
    IncomingData,
    incoming_file,
    incoming_register,
    incoming_return,
    incoming_submit,
    max_upload_bytes,
)

JSON_OR_MULTIPART = [JSONParser, MultiPartParser, FormParser]


def _get(request: Request, pk: int) -> IncomingDocument:
    doc = incoming_get_for_user(scope=scope_of(request), pk=pk)
    if doc is None:
        raise Http404
    return doc


def _answer(request: Request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    """The document as it is after a write (the writer's own action is already
    in the audit trail: no "viewed" entry)."""
    doc = incoming_get_for_user(scope=scope_of(request), pk=pk)
    if doc is None:  # the action took it out of the caller's sight
        return Response(status=status.HTTP_204_NO_CONTENT)
    body = IncomingDetailOutput(doc, context=context_of(request)).data
    headers = {"Location": body["detail_url"]} if code == 201 else None
    return Response(body, status=code, headers=headers)


class IncomingListApi(GenericAPIView):  # type: ignore[type-arg]
    """``GET``: the incoming register as the caller may see it, newest first,
    filtered and paginated; ``POST``: register a document (JSON, or multipart
    with its scans in ``files`` and attachments in ``attachments``)."""

    queryset = IncomingDocument.objects.none()  # the model, for the schema only
    serializer_class = IncomingRegisterInput
    filterset_class = IncomingFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = PageNumberPagination
    parser_classes = JSON_OR_MULTIPART

    @extend_schema(
        responses=IncomingListOutput(many=True), operation_id="documents_incoming_list"
    )
    def get(self, request: Request) -> Response:
        """The incoming register as the caller may see it (secret documents only
        for those allowed), newest arrival first, filtered and paginated."""
        rows = self.filter_queryset(incoming_list_for_user(scope=scope_of(request)))
        page = self.paginate_queryset(rows)
        output = IncomingListOutput(page, many=True, context={"request": request})
        return self.get_paginated_response(output.data)

    @extend_schema(
        request={
            "application/json": IncomingRegisterInput,
            "multipart/form-data": IncomingRegisterInput,
        },
        responses={201: IncomingDetailOutput},
        operation_id="documents_incoming_register",
    )
    def post(self, request: Request) -> Response:
        """Register a document with the next incoming number of the year (JSON,
        or multipart with ``files`` and ``attachments``); 409 when it looks
        registered already (send ``allow_duplicate`` to register it again)."""
        data = IncomingRegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        scope = scope_of(request)
        agency_id = acting_agency(
            scope, values.pop("agency", None), scope.clerk_agency_ids
        )
        limit = max_upload_bytes()
        files = uploads(values.pop("files"), FileKind.SCAN, limit) + uploads(
            values.pop("attachments"), FileKind.ATTACHMENT, limit
        )
        doc = incoming_register(
            agency_id=agency_id,
            data=IncomingData(**values),
            files=files,
            actor=user_of(request),
        )
        return _answer(request, doc.pk, status.HTTP_201_CREATED)


class IncomingDetailApi(APIView):
    @extend_schema(
        responses=IncomingDetailOutput, operation_id="documents_incoming_retrieve"
    )
    def get(self, request: Request, pk: int) -> Response:
        """The document with its files, trace and handling slip."""
        doc = _get(request, pk)
        document_read_record(document=doc, actor=user_of(request))
        return Response(IncomingDetailOutput(doc, context=context_of(request)).data)


def _act(doc: IncomingDocument, values: dict[str, Any], actor: User) -> None:
    common: dict[str, Any] = {
        "document": doc,
        "actor": actor,
        "note": values["note"],
        "expected_version": values["expected_version"],
    }
    if values["action"] == IncomingAction.DIRECT:
        directions = [
            UnitDirection(
                unit_id=u["unit"],
                role=u["role"],
                deadline=u["deadline"],
                instruction=u["instruction"],
            )
            for u in values["units"]
        ]
        incoming_direct(**common, directions=directions)
        return
    service = {
        IncomingAction.SUBMIT: incoming_submit,
        IncomingAction.FILE: incoming_file,
        IncomingAction.RETURN: incoming_return,
    }[values["action"]]
    service(**common)


class IncomingActionApi(APIView):
    """One action on the document; ``expected_version`` guards concurrent edits
    (409 when stale). Answers with the document as it now is."""

    @extend_schema(
        request=IncomingActionInput,
        responses={200: IncomingDetailOutput, 204: None},
        operation_id="documents_incoming_action",
    )
    def post(self, request: Request, pk: int) -> Response:
        doc = _get(request, pk)
        data = IncomingActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        _act(doc, dict(data.validated_data), user_of(request))
        return _answer(request, doc.pk)


def _assignment_act(
    row: HandlingAssignment, values: dict[str, Any], actor: User
) -> None:
    version = values["expected_version"]
    action = values["action"]
    if action == IncomingAction.ASSIGN:
        assignment_assign(
            assignment=row,
            assignee=values["assignee"],
            instruction=values["instruction"],
            deadline=values["deadline"],
            actor=actor,
            expected_version=version,
        )
    elif action == IncomingAction.PROPOSE:
        assignment_propose(
            assignment=row,
            proposal=values["proposal"],
            actor=actor,
            expected_version=version,
        )
    else:
        assignment_complete(
            assignment=row, note=values["note"], actor=actor, expected_version=version
        )


class AssignmentActionApi(APIView):
    """A unit's part: the unit head assigns an official, the official proposes,
    the unit head (or the leader) completes it. ``expected_version`` is the
    document's; answers with the document."""

    @extend_schema(
        request=AssignmentActionInput,
        responses={200: IncomingDetailOutput, 204: None},
        operation_id="documents_assignment_action",
    )
    def post(self, request: Request, pk: int) -> Response:
        row = assignment_get_for_user(scope=scope_of(request), pk=pk)
        if row is None:
            raise Http404
        data = AssignmentActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        _assignment_act(row, dict(data.validated_data), user_of(request))
        return _answer(request, row.incoming_id)


class FileDownloadApi(APIView):
    """A stored file of a visible document, as a download with its Vietnamese
    name (RFC 5987)."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="documents_file_download",
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        row = file_get_for_user(scope=scope_of(request), pk=pk)
        if row is None:
            raise Http404
        document = row.incoming if row.incoming_id is not None else row.outgoing
        assert document is not None  # noqa: S101  # a file has exactly one owner
        document_read_record(document=document, actor=user_of(request), file=row)
        return file_download(row.file, name=row.name, content_type=row.content_type)
