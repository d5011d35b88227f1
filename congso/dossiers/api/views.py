"""Dossiers API: the official's queues, one dossier, desk reception and actions.
One thin class per endpoint; errors in the project format (``core.api``)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts.models import Agency, User
from congso.catalog.selectors import procedure_version_get
from congso.dossiers import selectors
from congso.dossiers.api.serializers import (
    ActionInput,
    DossierDetailOutput,
    DossierListOutput,
    QueueInput,
    ReceiveInput,
)
from congso.dossiers.constants import DossierAction
from congso.dossiers.services import (
    ApplicantData,
    ComponentData,
    Reception,
    dossier_receive,
    dossier_transition,
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
        responses={201: DossierDetailOutput},
        operation_id="dossiers_receive",
    )
    def post(self, request: Request) -> Response:
        data = ReceiveInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        desk = _desk(user, data.validated_data.get("receiving_agency"))
        dossier = dossier_receive(
            receiving_agency=desk, reception=_reception(data.validated_data), actor=user
        )
        response = _detail(request, dossier.code)
        response.status_code = status.HTTP_201_CREATED
        return response


def _desk(user: User, agency_id: int | None) -> Agency:
    desks = selectors.reception_desk_list(user=user)
    if not desks:
        raise PermissionDenied(_("You may not receive dossiers for this unit."))
    desk = selectors.reception_desk_get(user=user, agency_id=agency_id or desks[0][0])
    if desk is None:
        raise PermissionDenied(_("You may not receive dossiers for this unit."))
    return desk


def _reception(data: dict[str, object]) -> Reception:
    version = procedure_version_get(version_id=int(str(data["procedure_version"])))
    if version is None:
        raise ValidationError(
            {"procedure_version": [_("Unknown or unpublished procedure.")]}
        )
    wanted = set(data["component_ids"])  # type: ignore[call-overload]  # validated list
    known = {c.pk: c for c in version.components.all()}
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
                name=c.name, form=c.form, component_id=c.pk, quantity=c.quantity
            )
            for pk, c in known.items()
            if pk in wanted
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
            data={"new_due_at": values["new_due_at"]}
            if values.get("new_due_at")
            else None,
            expected_version=values["expected_version"],
        )
        return _detail(request, dossier.code)
