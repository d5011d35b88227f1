"""Explicit input and output serializers of the calendar API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from congso.calendar.constants import DayKind, DaySource, TimeUnit


class DayListInput(serializers.Serializer[Any]):
    year = serializers.IntegerField(label=_("year"), min_value=1900, max_value=2100)


class DayOutput(serializers.Serializer[Any]):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=DayKind.choices)
    name_vi = serializers.CharField()
    legal_basis = serializers.CharField()
    source = serializers.ChoiceField(choices=DaySource.choices)  # type: ignore[assignment]  # a field named like Field.source
    is_working_day = serializers.BooleanField()


class DueDateInput(serializers.Serializer[Any]):
    start = serializers.DateTimeField(
        label=_("start"),
        input_formats=["iso-8601", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
        help_text=_("Reception moment; without an offset it is read in Vietnam time."),
    )
    value = serializers.IntegerField(label=_("value"), min_value=0, max_value=3650)
    unit = serializers.ChoiceField(label=_("unit"), choices=TimeUnit.choices)


class DueDateOutput(serializers.Serializer[Any]):
    start = serializers.DateTimeField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    value = serializers.IntegerField(source="limit.value")
    unit = serializers.ChoiceField(source="limit.unit", choices=TimeUnit.choices)
