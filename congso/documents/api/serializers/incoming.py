"""Input and output serializers of the incoming-document endpoints (văn bản
đến): the register, one document with its handling slip, its actions and the
units' assignments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from congso.accounts.models import User
from congso.core.serializers import NFCCharField
from congso.documents.api.serializers.common import (
    DocumentEventOutput,
    DocumentFileOutput,
    RelatedDocumentOutput,
    absolute,
    node_name,
)
from congso.documents.constants import (
    DocumentType,
    HandlingRole,
    IncomingAction,
    IncomingChannel,
    IncomingStatus,
    Secrecy,
    Urgency,
)
from congso.documents.models import HandlingAssignment, IncomingDocument
from congso.documents.workflow import incoming_actions

#: Actions on the document itself (the units' part is on their assignment).
DOCUMENT_ACTIONS = (
    IncomingAction.SUBMIT,
    IncomingAction.FILE,
    IncomingAction.RETURN,
    IncomingAction.DIRECT,
)
ASSIGNMENT_ACTIONS = (
    IncomingAction.ASSIGN,
    IncomingAction.PROPOSE,
    IncomingAction.COMPLETE,
)
#: Most files in one registration.
MAX_FILES = 20


def _choices(actions: tuple[IncomingAction, ...]) -> list[tuple[str, Any]]:
    return [(a.value, a.label) for a in actions]


class IncomingListOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One line of the incoming register (sổ đăng ký văn bản đến)."""

    id = serializers.IntegerField()
    agency = serializers.IntegerField(source="agency_id")
    arrival_number = serializers.IntegerField()
    arrival_year = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    registered_at = serializers.DateTimeField()
    channel = serializers.CharField()
    issuer_name = serializers.CharField()
    doc_type = serializers.CharField()
    number_symbol = serializers.CharField()
    issued_date = serializers.DateField(allow_null=True)
    subject = serializers.CharField()
    urgency = serializers.CharField()
    secrecy = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    row_version = serializers.IntegerField()
    detail_url = serializers.SerializerMethodField()

    def get_detail_url(self, obj: IncomingDocument) -> str:
        path = reverse("api-document-incoming-detail", args=[obj.pk])
        return absolute(self.context, path)


class HandlingAssignmentOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One unit's part in the handling slip (phiếu giải quyết văn bản đến)."""

    id = serializers.IntegerField()
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.SerializerMethodField()
    role = serializers.CharField()
    instruction = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    directed_by = serializers.IntegerField(source="directed_by_id")
    directed_by_label = serializers.CharField(source="directed_by.get_full_name")
    directed_at = serializers.DateTimeField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    assignee_label = serializers.SerializerMethodField()
    unit_instruction = serializers.CharField()
    assignee_deadline = serializers.DateField(allow_null=True)
    assigned_at = serializers.DateTimeField(allow_null=True)
    proposal = serializers.CharField()
    proposed_at = serializers.DateTimeField(allow_null=True)
    status = serializers.CharField()
    completed_at = serializers.DateTimeField(allow_null=True)
    actions_url = serializers.SerializerMethodField()

    def get_unit_name(self, obj: HandlingAssignment) -> str:
        return node_name(self.context, obj.unit_id)

    def get_assignee_label(self, obj: HandlingAssignment) -> str:
        return obj.assignee.get_full_name() if obj.assignee is not None else ""

    def get_actions_url(self, obj: HandlingAssignment) -> str:
        path = reverse("api-document-assignment-action", args=[obj.pk])
        return absolute(self.context, path)


class IncomingDetailOutput(IncomingListOutput):
    """The document with its files, trace, handling slip and replies."""

    registration_due = serializers.DateField()
    registered_by = serializers.IntegerField(source="registered_by_id")
    registered_by_label = serializers.CharField(source="registered_by.get_full_name")
    issuer_agency = serializers.IntegerField(source="issuer_agency_id", allow_null=True)
    signer_name = serializers.CharField()
    page_count = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField()
    source_reference = serializers.CharField()
    source_outgoing = serializers.IntegerField(
        source="source_outgoing_id", allow_null=True
    )
    completed_at = serializers.DateTimeField(allow_null=True)
    handled_on_network = serializers.BooleanField()
    files = DocumentFileOutput(many=True, source="documentfiles")
    trace = DocumentEventOutput(many=True, source="documentevents")
    assignments = HandlingAssignmentOutput(many=True)
    replies = RelatedDocumentOutput(many=True)
    allowed_actions = serializers.SerializerMethodField()

    def get_allowed_actions(self, obj: IncomingDocument) -> list[str]:
        """What the workflow allows next (the caller's role is checked on use)."""
        offered = (*DOCUMENT_ACTIONS, *ASSIGNMENT_ACTIONS)
        return [
            str(a) for a in incoming_actions(IncomingStatus(obj.status)) if a in offered
        ]


class IncomingRegisterInput(serializers.Serializer):  # type: ignore[type-arg]
    """What the clerk reads off the document (JSON), plus its scans and
    attachments (multipart). ``agency``: the receiving agency, needed only by a
    clerk of several agencies. ``allow_duplicate``: register again a document
    that looks registered already (answered 409 the first time)."""

    agency = serializers.IntegerField(required=False, min_value=1)
    channel = serializers.ChoiceField(
        choices=IncomingChannel.choices, default=IncomingChannel.PAPER
    )
    issuer_name = NFCCharField(max_length=255)
    subject = NFCCharField(max_length=500)
    number_symbol = NFCCharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    doc_type = serializers.ChoiceField(
        choices=DocumentType.choices, required=False, allow_blank=True, default=""
    )
    issued_date = serializers.DateField(required=False, allow_null=True)
    received_at = serializers.DateTimeField(required=False, allow_null=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = serializers.ChoiceField(choices=Secrecy.choices, default=Secrecy.NONE)
    due_date = serializers.DateField(required=False, allow_null=True)
    signer_name = NFCCharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    page_count = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=32767
    )
    notes = NFCCharField(max_length=500, required=False, allow_blank=True, default="")
    source_reference = NFCCharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    allow_duplicate = serializers.BooleanField(required=False, default=False)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        default=list,
        max_length=MAX_FILES,
        help_text=_("Scans or received files: PDF, JPEG or PNG."),
    )
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        default=list,
        max_length=MAX_FILES,
        help_text=_("Attachments: also Word, Excel or OpenDocument files."),
    )


class UnitDirectionInput(serializers.Serializer):  # type: ignore[type-arg]
    """One line of the leader's direction: a unit, lead or cooperating."""

    unit = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=HandlingRole.choices)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    instruction = NFCCharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class IncomingActionInput(serializers.Serializer):  # type: ignore[type-arg]
    """``submit`` (to the leader), ``file`` (for information), ``return`` (to the
    sender, ``note`` = the reason) or ``direct`` (``units``: one lead, any
    cooperating). ``expected_version``: the ``row_version`` the caller saw."""

    action = serializers.ChoiceField(choices=_choices(DOCUMENT_ACTIONS))
    expected_version = serializers.IntegerField(min_value=0)
    note = NFCCharField(max_length=2000, required=False, allow_blank=True, default="")
    units = UnitDirectionInput(many=True, required=False, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == IncomingAction.DIRECT and not attrs["units"]:
            raise serializers.ValidationError(
                {"units": [_("Choose at least one unit.")]}
            )
        return attrs


class AssignmentActionInput(serializers.Serializer):  # type: ignore[type-arg]
    """``assign`` (the unit head names the ``assignee``, optional ``instruction``
    and ``deadline``), ``propose`` (the assignee's ``proposal``) or ``complete``
    (the unit's part is done; ``note``). ``expected_version``: the document's
    ``row_version``."""

    action = serializers.ChoiceField(choices=_choices(ASSIGNMENT_ACTIONS))
    expected_version = serializers.IntegerField(min_value=0)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    instruction = NFCCharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    proposal = NFCCharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    note = NFCCharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == IncomingAction.ASSIGN and attrs["assignee"] is None:
            raise serializers.ValidationError(
                {"assignee": [_("Choose the official who handles it.")]}
            )
        return attrs
