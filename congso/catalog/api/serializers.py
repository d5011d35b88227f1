"""Input and output serializers of the catalogue API."""

from __future__ import annotations

from rest_framework import serializers

from congso.accounts.constants import AgencyLevel
from congso.core.serializers import NFCCharField


class ProcedureListInput(serializers.Serializer):  # type: ignore[type-arg]
    on = serializers.DateField(required=False, input_formats=["%d/%m/%Y", "iso-8601"])
    sector = NFCCharField(required=False, max_length=200)
    level = serializers.ChoiceField(required=False, choices=AgencyLevel.choices)
    q = NFCCharField(required=False, max_length=200)


class ProcedureFeeOutput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    name = serializers.CharField()
    amount = serializers.IntegerField()
    note = serializers.CharField()


class ProcedureListOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    procedure_id = serializers.IntegerField()
    national_code = serializers.CharField(source="procedure.national_code")
    local_code = serializers.CharField(source="procedure.local_code")
    name = serializers.CharField()
    sector = serializers.CharField()
    field = serializers.CharField()
    level = serializers.CharField()
    time_limit = serializers.IntegerField()
    time_unit = serializers.CharField()
    cutoff_time = serializers.TimeField(allow_null=True, format="%H:%M")
    online_mode = serializers.CharField()
    result_type = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    fees = ProcedureFeeOutput(many=True)


class ProcedureComponentOutput(serializers.Serializer):  # type: ignore[type-arg]
    order = serializers.IntegerField()
    name = serializers.CharField()
    form = serializers.CharField()
    quantity = serializers.IntegerField()
    required = serializers.BooleanField()  # type: ignore[assignment]  # popped by the metaclass
    template_name = serializers.CharField()


class ProcedureStepOutput(serializers.Serializer):  # type: ignore[type-arg]
    order = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    agency_id = serializers.IntegerField(allow_null=True)
    level = serializers.CharField()
    allowance = serializers.IntegerField()
    is_interlinked = serializers.BooleanField()


class ProcedureReasonOutput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    code = serializers.CharField()
    text = serializers.CharField()


class ProcedureDetailOutput(ProcedureListOutput):
    competent_agency_id = serializers.IntegerField(allow_null=True)
    legacy_level = serializers.IntegerField(allow_null=True)
    result_name = serializers.CharField()
    legal_basis = serializers.CharField()
    status = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    components = ProcedureComponentOutput(many=True)
    steps = ProcedureStepOutput(many=True)
    reasons = ProcedureReasonOutput(many=True)
