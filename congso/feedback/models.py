"""Satisfaction ratings of dossiers and feedback (phản ánh, kiến nghị — PAKN) with
their append-only events and the citizens' votes on published answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.feedback.constants import (
    FeedbackAction,
    FeedbackCategory,
    FeedbackStatus,
    RatingChannel,
    RatingLevel,
    VoteValue,
)


class DossierRating(models.Model):
    """The satisfaction rating (đánh giá mức độ hài lòng) of one finished dossier,
    given online by its citizen or recorded at the counter by the desk. It may be
    changed within ``CONGSO_FEEDBACK_RATING_CHANGE_DAYS`` of the first rating;
    earlier values are kept in ``history``."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="rating",
    )
    level = models.CharField(_("overall"), max_length=20, choices=RatingLevel.choices)
    time_level = models.CharField(
        _("handling time"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    attitude_level = models.CharField(
        _("staff attitude"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    information_level = models.CharField(
        _("information and guidance"),
        max_length=20,
        choices=RatingLevel.choices,
        blank=True,
    )
    result_level = models.CharField(
        _("result"), max_length=20, choices=RatingLevel.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("given"), max_length=20, choices=RatingChannel.choices)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The receiving unit of the dossier (a copy, so leaders' lists need no join).
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated at"))
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    history = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        indexes = [models.Index(fields=["agency", "rated_at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.level}"


class Feedback(models.Model):
    """A citizen's feedback or recommendation (phản ánh, kiến nghị) to an agency,
    optionally about one of their dossiers, handled within the 5.2 deadlines."""

    code = models.CharField(_("feedback number"), max_length=30, unique=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen account"),
        on_delete=models.PROTECT,
        related_name="feedback_items",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_items",
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency concerned"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.CharField(
        _("category"), max_length=20, choices=FeedbackCategory.choices
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    contact_name = models.CharField(_("name"), max_length=150)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=FeedbackStatus.choices, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    clock_start = models.DateTimeField(_("counting starts"))
    refusal_due_at = models.DateTimeField(_("refusal due"), null=True, blank=True)
    supplement_due_at = models.DateTimeField(
        _("first supplement request due"), null=True, blank=True
    )
    handling_due_at = models.DateTimeField(_("handling due"), null=True, blank=True)
    publication_due_at = models.DateTimeField(
        _("publication due"), null=True, blank=True
    )
    #: The deadline the item waits on now (``deadlines.next_due``).
    due_at = models.DateTimeField(_("next deadline"), null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    supplemented_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    supplement_request = models.TextField(_("information requested"), blank=True)
    supplement_text = models.TextField(_("information added"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_unit = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("assigned unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_feedback",
    )
    supplement_count = models.PositiveSmallIntegerField(default=0)
    forward_count = models.PositiveSmallIntegerField(default=0)
    reraise_count = models.PositiveSmallIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)
    dislike_count = models.PositiveIntegerField(default=0)
    row_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(fields=["agency", "status", "due_at"]),
            models.Index(fields=["citizen", "submitted_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(
                fields=["published_at", "id"],
                condition=Q(status="published"),
                name="feedback_published_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class FeedbackAttachment(models.Model):
    """A file sent with the feedback or with the information added later. Stored
    under a random name with the extension of the sniffed type."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="feedback/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("feedback attachment")
        verbose_name_plural = _("feedback attachments")
        ordering = ["feedback_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class FeedbackEvent(models.Model):
    """One transition of a feedback item, with its actor and time; never updated."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="events"
    )
    occurred_at = models.DateTimeField(_("time"))
    action = models.CharField(
        _("action"), max_length=30, choices=FeedbackAction.choices
    )
    from_status = models.CharField(
        max_length=30, choices=FeedbackStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=30, choices=FeedbackStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("feedback event")
        verbose_name_plural = _("feedback events")
        ordering = ["feedback_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action}"


class FeedbackVote(models.Model):
    """A citizen's like or dislike of a published answer: one per account."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    value = models.CharField(_("vote"), max_length=10, choices=VoteValue.choices)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("vote on an answer")
        verbose_name_plural = _("votes on answers")
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "user"], name="feedback_vote_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.value}"


class FeedbackSequence(models.Model):
    """The last feedback number of a year: a locked counter keeps numbers gap-free."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year} #{self.last_value}"
