"""Output of the public dossier lookup API: the fields of the public page, no more."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers


class PublicStepOutput(serializers.Serializer):  # type: ignore[type-arg]
    order = serializers.IntegerField()
    name = serializers.CharField()
    agency_name = serializers.CharField(source="agency")
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField(
        allow_null=True, help_text="early, on_time or late once handed over"
    )
    result_label = serializers.CharField(source="result.label", allow_null=True)
    is_current = serializers.BooleanField()


class PublicEventOutput(serializers.Serializer):  # type: ignore[type-arg]
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="status.label")
    agency_name = serializers.CharField(source="agency")
    reason = serializers.CharField(
        help_text="Reason given to the applicant (supplement request, refusal, stop)"
    )
    new_due_at = serializers.DateTimeField(
        allow_null=True, help_text="New appointment given with an apology"
    )


class PublicDossierOutput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="status.label")
    procedure_name = serializers.CharField(source="procedure")
    applicant_masked = serializers.CharField(
        source="applicant", help_text="Applicant's name, masked: Nguyễn V** A*"
    )
    receiving_agency_name = serializers.CharField(source="receiving_agency")
    current_agency_name = serializers.CharField(
        source="current_agency", help_text="Empty once processing has ended"
    )
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(
        allow_null=True,
        help_text="Appointment (ngày hẹn trả), the new one after an apology",
    )
    first_due_at = serializers.DateTimeField(
        allow_null=True, help_text="First appointment, when an apology moved it"
    )
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    timeliness = serializers.CharField(
        allow_null=True,
        help_text="early, on_time, late; within_deadline or overdue while open",
    )
    timeliness_label = serializers.CharField(source="timeliness.label", allow_null=True)
    reason = serializers.CharField(
        help_text="Reason for the current supplement request, refusal or stop"
    )
    steps = PublicStepOutput(many=True)
    history = PublicEventOutput(many=True)


#: The project's error format (``core.api``); a class could not declare ``errors``,
#: which ``Serializer`` already defines.
LookupErrorOutput = inline_serializer(
    name="LookupErrorOutput",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)

NOT_FOUND = _(
    "No dossier has this code. Check the code printed on your receipt and "
    "appointment slip."
)
