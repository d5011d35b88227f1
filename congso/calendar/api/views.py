"""Read-only calendar API: effective days of a year, and a due-date calculator."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from congso.calendar import selectors
from congso.calendar.api.serializers import (
    DayListInput,
    DayOutput,
    DueDateInput,
    DueDateOutput,
)
from congso.calendar.constants import TimeUnit
from congso.calendar.worktime import TimeLimit


class CalendarDayListApi(APIView):
    """Weekdays off and make-up working days of a year (ngày nghỉ, ngày làm bù)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True)],
        responses=DayOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        data = DayListInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        days = selectors.calendar_day_list_effective(year=data.validated_data["year"])
        return Response(DayOutput(days, many=True).data)


class DueDateApi(APIView):
    """Due moment (hạn giải quyết) of a time limit from a reception moment."""

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True, description="ISO 8601"),
            OpenApiParameter("value", int, required=True),
            OpenApiParameter("unit", str, required=True, enum=TimeUnit.values),
        ],
        responses=DueDateOutput,
    )
    def get(self, request: Request) -> Response:
        data = DueDateInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        params = data.validated_data
        due = selectors.due_date_get(
            start=params["start"],
            limit=TimeLimit(params["value"], TimeUnit(params["unit"])),
        )
        return Response(DueDateOutput(due).data)
