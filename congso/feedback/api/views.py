"""Feedback API: the citizen's feedback and ratings, the officials' queue and
actions. One thin class per endpoint; errors in the project format."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.accounts.models import User
from congso.feedback import selectors
from congso.feedback.api.serializers import (
    DossierRatingInput,
    DossierRatingOutput,
    FeedbackActionInput,
    FeedbackDetailOutput,
    FeedbackListOutput,
    FeedbackOfficialDetailOutput,
    FeedbackQueueInput,
    FeedbackSubmitInput,
)
from congso.feedback.constants import FeedbackAction
from congso.feedback.services import Submission, feedback_submit, feedback_transition
from congso.feedback.services.ratings import RatingData, dossier_rate


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # IsAuthenticated guarantees it
    return request.user


def _citizen(request: Request) -> User:
    user = _user(request)
    if selectors.is_official(user):
        raise PermissionDenied()
    return user


class MyFeedbackListApi(APIView):
    """``GET``: my feedback; ``POST``: send feedback (JSON, or multipart with
    ``files``)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        responses=FeedbackListOutput(many=True), operation_id="feedback_mine_list"
    )
    def get(self, request: Request) -> Response:
        items = selectors.feedback_list_for_citizen(user=_citizen(request))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(
            FeedbackListOutput(page, many=True).data
        )

    @extend_schema(
        request=FeedbackSubmitInput,
        responses={201: FeedbackDetailOutput},
        operation_id="feedback_mine_create",
    )
    def post(self, request: Request) -> Response:
        user = _citizen(request)
        data = FeedbackSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["agency_id"] = values.pop("agency")
        item = feedback_submit(submission=Submission(**values), citizen=user)
        found = selectors.feedback_get_for_citizen(user=user, code=item.code)
        return Response(
            FeedbackDetailOutput(found).data, status=status.HTTP_201_CREATED
        )


class MyFeedbackDetailApi(APIView):
    @extend_schema(
        responses=FeedbackDetailOutput, operation_id="feedback_mine_retrieve"
    )
    def get(self, request: Request, code: str) -> Response:
        item = selectors.feedback_get_for_citizen(user=_citizen(request), code=code)
        if item is None:
            raise Http404
        return Response(FeedbackDetailOutput(item).data)


class DossierRatingApi(APIView):
    """``GET``: my rating of my dossier; ``PUT``: rate it (or change the rating
    within the allowed days)."""

    @extend_schema(responses=DossierRatingOutput, operation_id="ratings_retrieve")
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.dossier_for_rating(user=_user(request), code=code)
        rating = getattr(dossier, "rating", None) if dossier else None
        if rating is None:
            raise Http404
        return Response(DossierRatingOutput(rating).data)

    @extend_schema(
        request=DossierRatingInput,
        responses=DossierRatingOutput,
        operation_id="ratings_update",
    )
    def put(self, request: Request, code: str) -> Response:
        user = _user(request)
        dossier = selectors.dossier_for_rating(user=user, code=code)
        if dossier is None:
            raise Http404
        data = DossierRatingInput(data=request.data)
        data.is_valid(raise_exception=True)
        rating = dossier_rate(
            dossier=dossier, citizen=user, data=RatingData(**data.validated_data)
        )
        return Response(DossierRatingOutput(rating).data)


class FeedbackQueueApi(APIView):
    @extend_schema(
        parameters=[FeedbackQueueInput],
        responses=FeedbackListOutput(many=True),
        operation_id="feedback_queue_list",
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        if not selectors.is_feedback_official(user):
            raise PermissionDenied()
        query = FeedbackQueueInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = selectors.feedback_list_for_official(user=user, **query.validated_data)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(
            FeedbackListOutput(page, many=True).data
        )


def _official_detail(request: Request, code: str) -> Response:
    item = selectors.feedback_get_for_official(user=_user(request), code=code)
    if item is None:
        raise Http404
    return Response(FeedbackOfficialDetailOutput(item).data)


class FeedbackQueueDetailApi(APIView):
    @extend_schema(
        responses=FeedbackOfficialDetailOutput, operation_id="feedback_queue_retrieve"
    )
    def get(self, request: Request, code: str) -> Response:
        return _official_detail(request, code)


class FeedbackActionApi(APIView):
    """One workflow action; ``expected_version`` guards concurrent edits."""

    @extend_schema(
        request=FeedbackActionInput,
        responses=FeedbackOfficialDetailOutput,
        operation_id="feedback_queue_action",
    )
    def post(self, request: Request, code: str) -> Response:
        user = _user(request)
        item = selectors.feedback_get_for_official(user=user, code=code)
        if item is None:
            raise Http404
        data = FeedbackActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        feedback_transition(
            feedback=item,
            action=FeedbackAction(values["action"]),
            actor=user,
            note=values["note"],
            data={
                "agency_id": values["agency"],
                "unit_id": values["unit"],
                "assignee_id": values["assignee"],
            },
            expected_version=values["expected_version"],
        )
        return _official_detail(request, item.code)
