"""Input and output serializers of the outgoing-document endpoints (văn bản
đi): drafts, the review chain, signature, numbering, issuance and recall."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from congso.accounts.models import Agency
from congso.core.serializers import NFCCharField
from congso.documents.api.serializers.common import (
    DocumentEventOutput,
    DocumentFileOutput,
    RelatedDocumentOutput,
    absolute,
    node_name,
)
from congso.documents.constants import (
    Competence,
    DocumentType,
    OutgoingAction,
    OutgoingStatus,
    ReviewDecision,
    Secrecy,
    Urgency,
)
from congso.documents.models import OutgoingDocument, ReviewStep
from congso.documents.workflow import outgoing_actions

#: Actions of the ``actions`` endpoint (editing is ``PATCH``).
ACTIONS = (
    OutgoingAction.SUBMIT,
    OutgoingAction.APPROVE,
    OutgoingAction.RETURN,
    OutgoingAction.SIGN,
    OutgoingAction.ISSUE,
    OutgoingAction.RECALL,
    OutgoingAction.CANCEL,
)


class OutgoingListOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One outgoing document, from draft to issued."""

    id = serializers.IntegerField()
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.CharField()
    drafting_unit = serializers.IntegerField(source="drafting_unit_id", allow_null=True)
    doc_type = serializers.CharField()
    number_symbol = serializers.CharField()
    subject = serializers.CharField()
    urgency = serializers.CharField()
    secrecy = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    signer = serializers.IntegerField(source="signer_id")
    signer_title = serializers.CharField()
    created_by = serializers.IntegerField(source="created_by_id")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    issued_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    row_version = serializers.IntegerField()
    detail_url = serializers.SerializerMethodField()

    def get_detail_url(self, obj: OutgoingDocument) -> str:
        path = reverse("api-document-outgoing-detail", args=[obj.pk])
        return absolute(self.context, path)


class ReviewStepOutput(serializers.Serializer):  # type: ignore[type-arg]
    round = serializers.IntegerField()
    order = serializers.IntegerField()
    reviewer = serializers.IntegerField(source="reviewer_id")
    reviewer_label = serializers.CharField(source="reviewer.get_full_name")
    decision = serializers.CharField()
    comment = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class DocumentDeliveryOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One recipient of the issued document and whether it was received."""

    recipient_agency = serializers.IntegerField(
        source="recipient_agency_id", allow_null=True
    )
    recipient_name = serializers.CharField()
    channel = serializers.CharField()
    status = serializers.CharField()
    sent_at = serializers.DateTimeField()
    received_at = serializers.DateTimeField(allow_null=True)


class DocumentRecipientOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, obj: Agency) -> str:
        return node_name(self.context, obj.pk)


class OutgoingDetailOutput(OutgoingListOutput):
    """The document with its content, files, trace, reviews and deliveries."""

    governing_name = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field, not .source
    addressee = serializers.CharField()
    basis = serializers.CharField()
    body = serializers.CharField()
    place = serializers.CharField()
    signer_label = serializers.CharField(source="signer.get_full_name")
    competence = serializers.CharField()
    competence_of = serializers.CharField()
    created_by_label = serializers.CharField(source="created_by.get_full_name")
    external_recipients = serializers.CharField()
    internal_recipients = DocumentRecipientOutput(many=True)
    copies = serializers.IntegerField()
    normative = serializers.BooleanField()
    replies_to = RelatedDocumentOutput(many=True)
    replaces = RelatedDocumentOutput(allow_null=True)
    number = serializers.IntegerField(allow_null=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    issued_by = serializers.IntegerField(source="issued_by_id", allow_null=True)
    recalled_at = serializers.DateTimeField(allow_null=True)
    recall_reason = serializers.CharField()
    files = DocumentFileOutput(many=True, source="documentfiles")
    trace = DocumentEventOutput(many=True, source="documentevents")
    review_steps = ReviewStepOutput(many=True)
    deliveries = DocumentDeliveryOutput(many=True)
    pending_reviewer = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    def get_pending_reviewer(self, obj: OutgoingDocument) -> int | None:
        """Whose turn it is in the review chain (None when nobody's)."""
        steps = obj.review_steps.all()  # prefetched, by round and order
        pending = [s for s in steps if s.decision == ReviewDecision.PENDING]
        if not pending:
            return None
        last_round = max(s.round for s in pending)
        step: ReviewStep = next(s for s in pending if s.round == last_round)
        return step.reviewer_id

    def get_allowed_actions(self, obj: OutgoingDocument) -> list[str]:
        """What the workflow allows next (the caller's role is checked on use)."""
        offered = (*ACTIONS, OutgoingAction.EDIT)
        status = OutgoingStatus(obj.status)
        return [str(a) for a in outgoing_actions(status) if a in offered]


class OutgoingDraftInput(serializers.Serializer):  # type: ignore[type-arg]
    """The content of an outgoing document (JSON), or its finished PDF as
    ``file`` (multipart). ``agency``: the issuing agency, needed only by an
    official of several agencies (on create)."""

    agency = serializers.IntegerField(required=False, min_value=1)
    doc_type = serializers.ChoiceField(choices=DocumentType.choices)
    subject = NFCCharField(max_length=500)
    signer = serializers.IntegerField(min_value=1)
    signer_title = NFCCharField(max_length=100)
    body = NFCCharField(
        max_length=200_000,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
    )
    competence = serializers.ChoiceField(
        choices=Competence.choices,
        required=False,
        allow_blank=True,
        default=Competence.OWN,
    )
    competence_of = NFCCharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    addressee = NFCCharField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    basis = NFCCharField(
        max_length=20_000,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
    )
    place = NFCCharField(max_length=100, required=False, allow_blank=True, default="")
    drafting_unit = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, default=None
    )
    external_recipients = NFCCharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
    )
    internal_recipients = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), many=True, required=False, default=list
    )
    copies = serializers.IntegerField(
        required=False, min_value=1, max_value=99, default=1
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = serializers.ChoiceField(choices=Secrecy.choices, default=Secrecy.NONE)
    normative = serializers.BooleanField(required=False, default=False)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    reply_to = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=50,
    )
    replaces = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, default=None
    )
    file = serializers.FileField(
        required=False,
        allow_null=True,
        allow_empty_file=False,
        help_text=_("The finished document as a PDF file, instead of the content."),
    )


class OutgoingDraftUpdateInput(OutgoingDraftInput):
    """``PATCH``: the fields given replace the draft's; ``expected_version`` is
    the ``row_version`` the caller saw."""

    expected_version = serializers.IntegerField(min_value=0)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "expected_version" not in attrs:
            required = self.fields["expected_version"].error_messages["required"]
            raise serializers.ValidationError({"expected_version": [required]})
        if "agency" in attrs:
            raise serializers.ValidationError(
                {"agency": [_("The issuing agency of a draft cannot change.")]}
            )
        return attrs


class OutgoingActionInput(serializers.Serializer):  # type: ignore[type-arg]
    """``submit`` (``reviewers`` in order; the signer comes last by himself),
    ``approve`` / ``return`` (the current reviewer or the signer; ``note`` is the
    comment, required to return), ``sign`` (the signer; ``pin`` of a token),
    ``issue`` (the document office; a ``reserved_number`` taken earlier),
    ``recall`` (``reason``) or ``cancel`` (a draft). ``expected_version``: the
    ``row_version`` the caller saw."""

    action = serializers.ChoiceField(choices=[(a.value, a.label) for a in ACTIONS])
    expected_version = serializers.IntegerField(min_value=0)
    reviewers = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=20,
    )
    note = NFCCharField(max_length=4000, required=False, allow_blank=True, default="")
    reason = NFCCharField(max_length=500, required=False, allow_blank=True, default="")
    pin = serializers.CharField(
        max_length=64,
        required=False,
        allow_null=True,
        default=None,
        trim_whitespace=False,
        write_only=True,
    )
    reserved_number = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, default=None
    )
