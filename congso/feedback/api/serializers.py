"""Input and output serializers of the feedback API (one pair per endpoint)."""

from __future__ import annotations

from rest_framework import serializers

from congso.core.serializers import NFCCharField
from congso.feedback.constants import (
    OFFICIAL_ACTION_CHOICES,
    FeedbackCategory,
    FeedbackStatus,
    RatingLevel,
)
from congso.feedback.selectors import Queue
from congso.feedback.services.common import (
    MAX_COMMENT_LENGTH,
    MAX_CONTENT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TITLE_LENGTH,
)


class FeedbackSubmitInput(serializers.Serializer):  # type: ignore[type-arg]
    category = serializers.ChoiceField(choices=FeedbackCategory.choices)
    title = NFCCharField(max_length=MAX_TITLE_LENGTH)
    content = NFCCharField(max_length=MAX_CONTENT_LENGTH)
    agency = serializers.IntegerField(required=False, allow_null=True, default=None)
    dossier_code = NFCCharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    contact_name = NFCCharField(
        max_length=MAX_NAME_LENGTH, required=False, allow_blank=True, default=""
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_phone = NFCCharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=5
    )


class FeedbackAttachmentOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class FeedbackEventOutput(serializers.Serializer):  # type: ignore[type-arg]
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()


class FeedbackListOutput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    handling_due_at = serializers.DateTimeField(allow_null=True)
    deadline_state = serializers.CharField()
    row_version = serializers.IntegerField()


class FeedbackDetailOutput(FeedbackListOutput):
    content = serializers.CharField()
    dossier_code = serializers.CharField(source="dossier.code", allow_null=True)
    clock_start = serializers.DateTimeField()
    refusal_due_at = serializers.DateTimeField(allow_null=True)
    supplement_due_at = serializers.DateTimeField(allow_null=True)
    publication_due_at = serializers.DateTimeField(allow_null=True)
    refusal_reason = serializers.CharField()
    supplement_request = serializers.CharField()
    supplement_text = serializers.CharField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    attachments = FeedbackAttachmentOutput(many=True, source="attachments.all")
    events = FeedbackEventOutput(many=True, source="events.all")


class FeedbackOfficialDetailOutput(FeedbackDetailOutput):
    contact_name = serializers.CharField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    assigned_unit = serializers.IntegerField(source="assigned_unit_id", allow_null=True)


class FeedbackQueueInput(serializers.Serializer):  # type: ignore[type-arg]
    queue = serializers.ChoiceField(
        choices=[(q, q) for q in Queue.VALUES], default=Queue.OPEN
    )
    status = serializers.ChoiceField(
        choices=FeedbackStatus.choices, required=False, allow_blank=True, default=""
    )


class FeedbackActionInput(serializers.Serializer):  # type: ignore[type-arg]
    action = serializers.ChoiceField(choices=OFFICIAL_ACTION_CHOICES)
    note = NFCCharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default=""
    )
    agency = serializers.IntegerField(required=False, allow_null=True, default=None)
    unit = serializers.IntegerField(required=False, allow_null=True, default=None)
    assignee = serializers.IntegerField(required=False, allow_null=True, default=None)
    expected_version = serializers.IntegerField(min_value=0)


LEVELS = RatingLevel.choices


class DossierRatingInput(serializers.Serializer):  # type: ignore[type-arg]
    level = serializers.ChoiceField(choices=LEVELS)
    time_level = serializers.ChoiceField(
        choices=LEVELS, required=False, allow_blank=True, default=""
    )
    attitude_level = serializers.ChoiceField(
        choices=LEVELS, required=False, allow_blank=True, default=""
    )
    information_level = serializers.ChoiceField(
        choices=LEVELS, required=False, allow_blank=True, default=""
    )
    result_level = serializers.ChoiceField(
        choices=LEVELS, required=False, allow_blank=True, default=""
    )
    comment = NFCCharField(
        max_length=MAX_COMMENT_LENGTH, required=False, allow_blank=True, default=""
    )


class DossierRatingOutput(serializers.Serializer):  # type: ignore[type-arg]
    dossier_code = serializers.CharField(source="dossier.code")
    level = serializers.CharField()
    time_level = serializers.CharField()
    attitude_level = serializers.CharField()
    information_level = serializers.CharField()
    result_level = serializers.CharField()
    comment = serializers.CharField()
    channel = serializers.CharField()
    rated_at = serializers.DateTimeField()
    changed_at = serializers.DateTimeField(allow_null=True)
