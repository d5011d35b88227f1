"""Output serializers of the organisation API."""

from __future__ import annotations

from rest_framework import serializers


class AgencyOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    parent_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = serializers.CharField()
    level = serializers.CharField()
    electronic_id = serializers.CharField()
    admin_unit_code = serializers.CharField()
    external_code = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)


class AssignmentOutput(serializers.Serializer):  # type: ignore[type-arg]
    agency_id = serializers.IntegerField()
    role = serializers.CharField()
    scope = serializers.CharField()
    position_title = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)


class OfficialOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    assignments = AssignmentOutput(many=True, source="current_assignments")


class MeOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    agency_ids = serializers.ListField(child=serializers.IntegerField())


class OnDateInput(serializers.Serializer):  # type: ignore[type-arg]
    on = serializers.DateField(required=False, input_formats=["%d/%m/%Y", "iso-8601"])
