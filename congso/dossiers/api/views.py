"""Dossiers API: the official's queues, one dossier, desk reception, actions, and
officials' comments and working files.
One thin class per endpoint; errors in the project format (``core.api``)."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts.models import Agency, User
from congso.catalog.selectors import (
    procedure_parts_get,
    procedure_version_published_get,
)
from congso.core.files import file_download
from congso.dossiers import selectors
from congso.dossiers.api.serializers import (
    ActionInput,
    AttachmentInput,
    AttachmentOutput,
    CommentInput,
    CommentOutput,
    DossierDetailOutput,
    DossierListOutput,
    QueueInput,
    ReceiptOutput,
    ReceiveInput,
    WithdrawInput,
)
from congso.dossiers.constants import DossierAction
from congso.dossiers.models import DossierAttachment
from congso.dossiers.services import (
    ApplicantData,
    ComponentData,
    Reception,
    dossier_receive,
    dossier_transition,
)
from congso.dossiers.services.notes import (
    dossier_attachment_add,
    dossier_attachment_withdraw,
    dossier_comment_add,
)


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # IsAuthenticated guarantees it
    return request.user


def _detail(request: Request, code: str) -> Response:
    detail = selectors.dossier_detail_get(user=_user(request), code=code)
    if detail is None:
        raise Http404
    return Response(DossierDetailOutput(detail).data)


class DossierListApi(APIView):
    """``GET``: one of my queues, searched; ``POST``: receive a dossier at a desk."""

    @extend_schema(
        parameters=[QueueInput],
        responses=DossierListOutput(many=True),
        operation_id="dossiers_list",
    )
    def get(self, request: Request) -> Response:
        query = QueueInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        dossiers = selectors.dossier_list_queue(
            user=_user(request), filters=selectors.QueueFilters(**query.validated_data)
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(dossiers, request, view=self)
        return paginator.get_paginated_response(DossierListOutput(page, many=True).data)

    @extend_schema(
        request=ReceiveInput,
        responses={201: ReceiptOutput},
        operation_id="dossiers_receive",
    )
    def post(self, request: Request) -> Response:
        """Receive a dossier at a desk; answers with the receipt data and the
        dossier's address in ``Location`` (the full dossier is one GET away)."""
        data = ReceiveInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        desk = _desk(user, data.validated_data.get("receiving_agency"))
        dossier = dossier_receive(
            receiving_agency=desk, reception=_reception(data.validated_data), actor=user
        )
        receipt = ReceiptOutput(dossier, context={"request": request}).data
        return Response(
            receipt,
            status=status.HTTP_201_CREATED,
            headers={"Location": receipt["detail_url"]},
        )


def _desk(user: User, agency_id: int | None) -> Agency:
    desk = selectors.reception_desk_get(user=user, agency_id=agency_id)
    if desk is None:
        raise PermissionDenied(_("You may not receive dossiers for this unit."))
    return desk


def _reception(data: dict[str, object]) -> Reception:
    version = procedure_version_published_get(
        version_id=int(str(data["procedure_version"]))
    )
    if version is None:
        raise ValidationError(
            {"procedure_version": [_("Unknown or unpublished procedure.")]}
        )
    wanted = set(data["component_ids"])  # type: ignore[call-overload]  # validated list
    known = {c.id: c for c in procedure_parts_get(version).components}
    if unknown := sorted(wanted - known.keys()):
        raise ValidationError(
            {
                "component_ids": [
                    _("Not a document of this procedure: %(ids)s") % {"ids": unknown}
                ]
            }
        )
    applicant = data["applicant"]
    assert isinstance(applicant, dict)  # noqa: S101  # nested serializer output
    return Reception(
        version=version,
        applicant=ApplicantData(**applicant),
        components=[
            ComponentData(
                name=c.name, form=c.form, component_id=c.id, quantity=c.quantity
            )
            for c in known.values()
            if c.id in wanted
        ],
        channel=str(data["channel"]),
        request_summary=str(data["request_summary"]),
    )


class DossierDetailApi(APIView):
    @extend_schema(responses=DossierDetailOutput, operation_id="dossiers_retrieve")
    def get(self, request: Request, code: str) -> Response:
        return _detail(request, code)


class DossierActionApi(APIView):
    """Perform one workflow action; ``expected_version`` guards concurrent edits."""

    @extend_schema(
        request=ActionInput,
        responses=DossierDetailOutput,
        operation_id="dossiers_action",
    )
    def post(self, request: Request, code: str) -> Response:
        user = _user(request)
        dossier = selectors.dossier_get_visible(user=user, code=code)
        if dossier is None:
            raise Http404
        data = ActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        dossier_transition(
            dossier=dossier,
            action=DossierAction(values["action"]),
            actor=user,
            note=values["note"],
            reason_code=values["reason_code"],
            data={
                key: value
                for key, value in {
                    "new_due_at": values.get("new_due_at"),
                    "result_attachment_id": values.get("result_attachment"),
                }.items()
                if value
            }
            or None,
            expected_version=values["expected_version"],
        )
        return _detail(request, dossier.code)


# -- comments and working files (ý kiến trao đổi, tài liệu đính kèm) ---------------


def _notes(request: Request, code: str) -> selectors.DossierNotes:
    notes = selectors.dossier_notes_get(user=_user(request), code=code)
    if notes is None:
        raise Http404
    return notes


class DossierCommentListApi(APIView):
    """``GET``: the officials' comments on a dossier, oldest first; ``POST``: add
    one (any status; it changes nothing in the processing)."""

    @extend_schema(
        responses=CommentOutput(many=True), operation_id="dossiers_comments_list"
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(CommentOutput(_notes(request, code).comments, many=True).data)

    @extend_schema(
        request=CommentInput,
        responses={201: CommentOutput},
        operation_id="dossiers_comments_create",
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = _notes(request, code).dossier
        data = CommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = dossier_comment_add(
            dossier=dossier,
            text=data.validated_data["text"],
            step_order=data.validated_data.get("step"),
            actor=_user(request),
        )
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)


class DossierAttachmentListApi(APIView):
    """``GET``: working files of a dossier; ``POST`` (multipart): attach one while
    the dossier is unfinished. The type is sniffed from the content."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        responses=AttachmentOutput(many=True),
        operation_id="dossiers_attachments_list",
    )
    def get(self, request: Request, code: str) -> Response:
        attachments = _notes(request, code).attachments
        return Response(AttachmentOutput(attachments, many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttachmentInput},
        responses={201: AttachmentOutput},
        operation_id="dossiers_attachments_create",
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = _notes(request, code).dossier
        data = AttachmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        attachment = dossier_attachment_add(
            dossier=dossier,
            title=values["title"],
            description=values["description"],
            file=values["file"],
            step_order=values.get("step"),
            actor=_user(request),
        )
        return Response(
            AttachmentOutput(attachment).data, status=status.HTTP_201_CREATED
        )


def _attachment(request: Request, code: str, pk: int) -> DossierAttachment:
    attachment = selectors.dossier_attachment_get_visible(
        user=_user(request), code=code, attachment_id=pk
    )
    if attachment is None:
        raise Http404
    return attachment


class DossierAttachmentDownloadApi(APIView):
    """The file itself, as a download with its Vietnamese name (RFC 5987)."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="dossiers_attachments_download",
    )
    def get(self, request: Request, code: str, pk: int) -> FileResponse:
        attachment = _attachment(request, code, pk)
        return file_download(
            attachment.file,
            name=attachment.original_name,
            content_type=attachment.content_type,
        )


class DossierAttachmentWithdrawApi(APIView):
    """Withdraw one's own working file while the dossier is unfinished; it stays
    listed and downloadable, marked withdrawn."""

    @extend_schema(
        request=WithdrawInput,
        responses=AttachmentOutput,
        operation_id="dossiers_attachments_withdraw",
    )
    def post(self, request: Request, code: str, pk: int) -> Response:
        attachment = _attachment(request, code, pk)
        data = WithdrawInput(data=request.data)
        data.is_valid(raise_exception=True)
        withdrawn = dossier_attachment_withdraw(
            attachment=attachment,
            reason=data.validated_data["reason"],
            actor=_user(request),
        )
        return Response(AttachmentOutput(withdrawn).data)
