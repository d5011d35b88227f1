"""Input and output serializers of the dossiers API (one pair per endpoint)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from congso.core.serializers import NFCCharField
from congso.dossiers.constants import (
    ACTION_CHOICES,
    ApplicantKind,
    Channel,
    DossierStatus,
)
from congso.dossiers.models import Dossier, DossierAttachment
from congso.dossiers.selectors import DeadlineState, Queue
from congso.dossiers.services.notes import (
    MAX_COMMENT_LENGTH,
    MAX_DESCRIPTION_LENGTH,
    MAX_REASON_LENGTH,
    MAX_TITLE_LENGTH,
)


class QueueInput(serializers.Serializer):  # type: ignore[type-arg]
    queue = serializers.ChoiceField(choices=Queue.choices, default=Queue.ALL)
    q = NFCCharField(max_length=100, required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(
        choices=DossierStatus.choices, required=False, allow_blank=True, default=""
    )
    deadline = serializers.ChoiceField(
        choices=DeadlineState.choices, required=False, allow_blank=True, default=""
    )


class DossierListOutput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    procedure_version = serializers.IntegerField(source="procedure_version_id")
    procedure_name = serializers.CharField(source="procedure_version.name")
    applicant_name = serializers.CharField()
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    deadline_state = serializers.CharField()
    receiving_agency = serializers.IntegerField(source="receiving_agency_id")
    receiving_agency_name = serializers.CharField(allow_null=True)
    current_agency = serializers.IntegerField(
        source="current_agency_id", allow_null=True
    )
    current_agency_name = serializers.CharField(allow_null=True)
    current_role = serializers.CharField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    row_version = serializers.IntegerField()


class ComponentOutput(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField()
    form = serializers.CharField()
    quantity = serializers.IntegerField()
    digitised = serializers.BooleanField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class StepOutput(serializers.Serializer):  # type: ignore[type-arg]
    order = serializers.IntegerField()
    name = serializers.CharField()
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.CharField(allow_null=True)
    role = serializers.CharField()
    is_interlinked = serializers.BooleanField()
    started_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField()


class EventOutput(serializers.Serializer):  # type: ignore[type-arg]
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor_label = serializers.CharField()
    reason_code = serializers.CharField()
    note = serializers.CharField()


class DossierOutput(DossierListOutput):
    applicant_kind = serializers.CharField()
    personal_id = serializers.CharField()
    organisation_code = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    request_summary = serializers.CharField()
    channel = serializers.CharField()
    fee_total = serializers.IntegerField()
    current_step = serializers.IntegerField()
    supplement_count = serializers.IntegerField()
    apology_count = serializers.IntegerField()
    finished_at = serializers.DateTimeField(allow_null=True)


class DossierDetailOutput(serializers.Serializer):  # type: ignore[type-arg]
    dossier = DossierOutput()
    components = ComponentOutput(many=True)
    steps = StepOutput(many=True)
    events = EventOutput(many=True)
    allowed_actions = serializers.ListField(
        child=serializers.CharField(), source="actions"
    )
    can_assign = serializers.BooleanField()


class ReceiptOutput(serializers.Serializer):  # type: ignore[type-arg]
    """What the desk needs the moment a dossier is received (phiếu tiếp nhận và hẹn
    trả kết quả): code, appointment, fees and where to print the receipt. Built from
    the rows just written, without reading the dossier back."""

    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    procedure_version = serializers.IntegerField(source="procedure_version_id")
    procedure_name = serializers.CharField(source="procedure_version.name")
    receiving_agency = serializers.IntegerField(source="receiving_agency_id")
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    fee_total = serializers.IntegerField()
    row_version = serializers.IntegerField()
    detail_url = serializers.SerializerMethodField()
    receipt_url = serializers.SerializerMethodField()

    def get_detail_url(self, dossier: Dossier) -> str:
        return self._absolute(reverse("api-dossier-detail", args=[dossier.code]))

    def get_receipt_url(self, dossier: Dossier) -> str:
        return self._absolute(
            reverse("dossiers:dossier-slip", args=[dossier.code, "receipt"])
        )

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def to_representation(self, instance: Dossier) -> dict[str, Any]:
        """The fields above, written out: DRF's generic path deep-copies every
        declared field on each answer, a tenth of a reception's time
        (``bench/intake.py``). The declared fields stay the schema; a test checks
        the keys match them."""
        return {
            "code": instance.code,
            "status": instance.status,
            "status_label": instance.get_status_display(),
            "procedure_version": instance.procedure_version_id,
            "procedure_name": instance.procedure_version.name,
            "receiving_agency": instance.receiving_agency_id,
            "received_at": _moment(instance.received_at),
            "due_at": _moment(instance.due_at),
            "fee_total": instance.fee_total,
            "row_version": instance.row_version,
            "detail_url": self.get_detail_url(instance),
            "receipt_url": self.get_receipt_url(instance),
        }


_DATETIME = serializers.DateTimeField()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


class ApplicantInput(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(
        choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    name = NFCCharField(max_length=255)
    personal_id = serializers.RegexField(
        r"^\d{12}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": _("The personal ID number has exactly 12 digits.")},
    )
    organisation_code = NFCCharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    phone = NFCCharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = NFCCharField(max_length=500, required=False, allow_blank=True, default="")


class ReceiveInput(serializers.Serializer):  # type: ignore[type-arg]
    receiving_agency = serializers.IntegerField(required=False)
    procedure_version = serializers.IntegerField()
    applicant = ApplicantInput()
    component_ids = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=True, max_length=100
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices, default=Channel.IN_PERSON
    )
    request_summary = NFCCharField(
        max_length=500, required=False, allow_blank=True, default=""
    )


class ActionInput(serializers.Serializer):  # type: ignore[type-arg]
    action = serializers.ChoiceField(choices=ACTION_CHOICES)
    note = NFCCharField(max_length=2000, required=False, allow_blank=True, default="")
    reason_code = NFCCharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    expected_version = serializers.IntegerField(min_value=0)
    new_due_at = serializers.DateTimeField(required=False, allow_null=True)
    #: With ``resolve``: a PDF working file to be signed by the competent agency
    #: as the dossier's electronic result.
    result_attachment = serializers.IntegerField(
        required=False, allow_null=True, min_value=1
    )


class CommentInput(serializers.Serializer):  # type: ignore[type-arg]
    text = NFCCharField(max_length=MAX_COMMENT_LENGTH, trim_whitespace=True)
    step = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class CommentOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    author = serializers.IntegerField(source="author_id")
    author_label = serializers.CharField()
    agency = serializers.IntegerField(source="agency_id", allow_null=True)
    agency_label = serializers.CharField()
    step = serializers.IntegerField(source="step.order", allow_null=True)
    text = serializers.CharField()


class AttachmentInput(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField(allow_empty_file=False)
    title = NFCCharField(max_length=MAX_TITLE_LENGTH)
    description = NFCCharField(
        max_length=MAX_DESCRIPTION_LENGTH, required=False, allow_blank=True, default=""
    )
    step = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class AttachmentOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    uploaded_by = serializers.IntegerField(source="uploaded_by_id")
    uploaded_by_label = serializers.CharField()
    agency = serializers.IntegerField(source="agency_id", allow_null=True)
    agency_label = serializers.CharField()
    step = serializers.IntegerField(source="step.order", allow_null=True)
    title = serializers.CharField()
    description = serializers.CharField()
    file_name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawal_reason = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj: DossierAttachment) -> str:
        return reverse(
            "api-dossier-attachment-download", args=[obj.dossier.code, obj.pk]
        )


class WithdrawInput(serializers.Serializer):  # type: ignore[type-arg]
    reason = NFCCharField(max_length=MAX_REASON_LENGTH)
