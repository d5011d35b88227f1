"""Outgoing documents (văn bản đi): drafts (list, create, read, edit) and their
way to issuance (submit, approve, return, sign, issue, recall, cancel)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts.models import User
from congso.documents.api.filters import OutgoingFilter
from congso.documents.api.serializers.outgoing import (
    OutgoingActionInput,
    OutgoingDetailOutput,
    OutgoingDraftInput,
    OutgoingDraftUpdateInput,
    OutgoingListOutput,
)
from congso.documents.api.views.common import (
    acting_agency,
    context_of,
    scope_of,
    uploads,
    user_of,
)
from congso.documents.api.views.incoming import JSON_OR_MULTIPART
from congso.documents.constants import FileKind, OutgoingAction
from congso.documents.models import OutgoingDocument
from congso.documents.selectors.documents import (
    outgoing_get_for_user,
    outgoing_list_for_user,
)
from congso.documents.services.access import document_read_record
from congso.documents.services.incoming import UploadedFile, max_upload_bytes
from congso.documents.services.issuance import (
    outgoing_issue,
    outgoing_recall,
    outgoing_sign,
)
from congso.documents.services.outgoing import (
    DraftData,
    outgoing_cancel,
    outgoing_create,
    outgoing_review,
    outgoing_submit,
    outgoing_update,
)


def _get(request: Request, pk: int) -> OutgoingDocument:
    doc = outgoing_get_for_user(scope=scope_of(request), pk=pk)
    if doc is None:
        raise Http404
    return doc


def _answer(request: Request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    """The document as it is after a write (no "viewed" audit entry: the
    writer's action is recorded already)."""
    doc = outgoing_get_for_user(scope=scope_of(request), pk=pk)
    if doc is None:  # the action took it out of the caller's sight
        return Response(status=status.HTTP_204_NO_CONTENT)
    body = OutgoingDetailOutput(doc, context=context_of(request)).data
    headers = {"Location": body["detail_url"]} if code == 201 else None
    return Response(body, status=code, headers=headers)


def _upload(file: Any) -> UploadedFile | None:
    if file is None:
        return None
    [upload] = uploads([file], FileKind.DRAFT, max_upload_bytes())
    return upload


def _draft(values: dict[str, Any]) -> DraftData:
    """The serializer's names (``signer``, ``drafting_unit``…) to the service's."""
    return DraftData(
        doc_type=values["doc_type"],
        subject=values["subject"],
        signer_id=values["signer"],
        signer_title=values["signer_title"],
        body=values["body"],
        competence=values["competence"],
        competence_of=values["competence_of"],
        addressee=values["addressee"],
        basis=values["basis"],
        place=values["place"],
        drafting_unit_id=values["drafting_unit"],
        external_recipients=values["external_recipients"],
        internal_recipient_ids=[a.pk for a in values["internal_recipients"]],
        copies=values["copies"],
        urgency=values["urgency"],
        secrecy=values["secrecy"],
        normative=values["normative"],
        due_date=values["due_date"],
        reply_to_ids=list(values["reply_to"]),
        replaces_id=values["replaces"],
    )


def _current(doc: OutgoingDocument) -> dict[str, Any]:
    """The draft's values under the serializer's names (what a PATCH keeps)."""
    return {
        **{
            name: getattr(doc, name)
            for name in (
                "doc_type",
                "subject",
                "signer_title",
                "body",
                "competence",
                "competence_of",
                "addressee",
                "basis",
                "place",
                "external_recipients",
                "copies",
                "urgency",
                "secrecy",
                "normative",
                "due_date",
            )
        },
        "signer": doc.signer_id,
        "drafting_unit": doc.drafting_unit_id,
        "internal_recipients": list(doc.internal_recipients.all()),
        "reply_to": [d.pk for d in doc.replies_to.all()],
        "replaces": doc.replaces_id,
    }


class OutgoingListApi(GenericAPIView):  # type: ignore[type-arg]
    """``GET``: outgoing documents the caller may see, last changed first,
    filtered and paginated; ``POST``: a new draft (JSON with the content, or
    multipart with the finished PDF in ``file``)."""

    queryset = OutgoingDocument.objects.none()  # the model, for the schema only
    serializer_class = OutgoingDraftInput
    filterset_class = OutgoingFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = PageNumberPagination
    parser_classes = JSON_OR_MULTIPART

    @extend_schema(
        responses=OutgoingListOutput(many=True), operation_id="documents_outgoing_list"
    )
    def get(self, request: Request) -> Response:
        """Outgoing documents the caller may see, last changed first, filtered
        and paginated."""
        rows = self.filter_queryset(outgoing_list_for_user(scope=scope_of(request)))
        page = self.paginate_queryset(rows)
        output = OutgoingListOutput(page, many=True, context={"request": request})
        return self.get_paginated_response(output.data)

    @extend_schema(
        request={
            "application/json": OutgoingDraftInput,
            "multipart/form-data": OutgoingDraftInput,
        },
        responses={201: OutgoingDetailOutput},
        operation_id="documents_outgoing_create",
    )
    def post(self, request: Request) -> Response:
        """A new draft: JSON with the content, or multipart with the finished
        PDF in ``file``."""
        data = OutgoingDraftInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        scope = scope_of(request)
        agency_id = acting_agency(scope, values.pop("agency", None), ())
        doc = outgoing_create(
            agency_id=agency_id,
            data=_draft(values),
            upload=_upload(values.pop("file", None)),
            actor=user_of(request),
        )
        return _answer(request, doc.pk, status.HTTP_201_CREATED)


class OutgoingDetailApi(APIView):
    parser_classes = JSON_OR_MULTIPART

    @extend_schema(
        responses=OutgoingDetailOutput, operation_id="documents_outgoing_retrieve"
    )
    def get(self, request: Request, pk: int) -> Response:
        """The document with its files, trace, reviews and deliveries."""
        doc = _get(request, pk)
        document_read_record(document=doc, actor=user_of(request))
        return Response(OutgoingDetailOutput(doc, context=context_of(request)).data)

    @extend_schema(
        request={
            "application/json": OutgoingDraftUpdateInput,
            "multipart/form-data": OutgoingDraftUpdateInput,
        },
        responses=OutgoingDetailOutput,
        operation_id="documents_outgoing_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        """Edit a draft: the fields given replace the draft's."""
        doc = _get(request, pk)
        data = OutgoingDraftUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {**_current(doc), **data.validated_data}
        outgoing_update(
            document=doc,
            data=_draft(values),
            upload=_upload(values.get("file")),
            actor=user_of(request),
            expected_version=values["expected_version"],
        )
        return _answer(request, doc.pk)


def _act(doc: OutgoingDocument, values: dict[str, Any], actor: User) -> None:
    action = values["action"]
    common: dict[str, Any] = {
        "document": doc,
        "actor": actor,
        "expected_version": values["expected_version"],
    }
    if action == OutgoingAction.SUBMIT:
        outgoing_submit(**common, reviewer_ids=values["reviewers"])
    elif action in (OutgoingAction.APPROVE, OutgoingAction.RETURN):
        approve = action == OutgoingAction.APPROVE
        outgoing_review(**common, approve=approve, comment=values["note"])
    elif action == OutgoingAction.SIGN:
        outgoing_sign(**common, pin=values["pin"])
    elif action == OutgoingAction.ISSUE:
        outgoing_issue(
            **common, pin=values["pin"], reserved_number=values["reserved_number"]
        )
    elif action == OutgoingAction.RECALL:
        outgoing_recall(**common, reason=values["reason"] or values["note"])
    else:
        outgoing_cancel(**common, note=values["note"])


class OutgoingActionApi(APIView):
    """One step on the way to issuance; ``expected_version`` guards concurrent
    edits (409 when stale). Answers with the document as it now is."""

    @extend_schema(
        request=OutgoingActionInput,
        responses={200: OutgoingDetailOutput, 204: None},
        operation_id="documents_outgoing_action",
    )
    def post(self, request: Request, pk: int) -> Response:
        doc = _get(request, pk)
        data = OutgoingActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        _act(doc, dict(data.validated_data), user_of(request))
        return _answer(request, doc.pk)
