"""Organisation API (read-only): agencies in scope, officials, the caller's roles."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts import selectors
from congso.accounts.api.serializers import (
    AgencyOutput,
    MeOutput,
    OfficialOutput,
    OnDateInput,
)
from congso.accounts.constants import ScopeKind
from congso.accounts.models import User
from congso.accounts.rules import can_manage_officials, user_scope

ON = OpenApiParameter("on", str, description="dd/mm/yyyy or yyyy-mm-dd; default today")


def _on(request: Request) -> date:
    data = OnDateInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    on: date | None = data.validated_data.get("on")
    return on or timezone.localdate()


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # IsAuthenticated guarantees it
    return request.user


class AgencyListApi(APIView):
    @extend_schema(parameters=[ON], responses=AgencyOutput(many=True))
    def get(self, request: Request) -> Response:
        agencies = selectors.agency_list_visible(user=_user(request), on=_on(request))
        return Response(AgencyOutput(agencies, many=True).data)


class AgencyDetailApi(APIView):
    @extend_schema(parameters=[ON], responses=AgencyOutput)
    def get(self, request: Request, pk: int) -> Response:
        node = selectors.agency_get_visible(
            user=_user(request), agency_id=pk, on=_on(request)
        )
        if node is None:
            raise Http404
        return Response(AgencyOutput(node).data)


class AgencyOfficialsApi(APIView):
    @extend_schema(responses=OfficialOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        user, on = _user(request), timezone.localdate()
        if selectors.agency_get_visible(user=user, agency_id=pk, on=on) is None:
            raise Http404
        if not can_manage_officials(user, pk):
            raise PermissionDenied
        ids = selectors.agency_tree_get(on=on).descendants(pk, scope=ScopeKind.AGENCY)
        officials = selectors.official_list_for_agencies(agency_ids=ids, on=on)
        return Response(OfficialOutput(officials, many=True).data)


class MeApi(APIView):
    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        user = _user(request)
        scope = user_scope(user)
        return Response(
            MeOutput(
                {
                    "id": user.pk,
                    "username": user.username,
                    "full_name": user.full_name,
                    "roles": sorted(scope.roles),
                    "agency_ids": sorted(scope.agency_ids()),
                }
            ).data
        )
