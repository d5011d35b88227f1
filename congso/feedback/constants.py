"""Choices of ratings and feedback (index-766.md group 5)."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RatingLevel(models.TextChoices):
    """The national portal's three levels (rất hài lòng / hài lòng / không hài
    lòng); "not satisfied" is the *dislike* of indicator 5.4."""

    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


SATISFIED_LEVELS: Final = frozenset({RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED})


class RatingCriterion(models.TextChoices):
    """Optional criteria of a rating, each with its own level."""

    TIME = "time", _("Handling time")
    ATTITUDE = "attitude", _("Staff attitude")
    INFORMATION = "information", _("Information and guidance")
    RESULT = "result", _("Result")


class RatingChannel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("rating channel", "Online")
    COUNTER = "counter", pgettext_lazy("rating channel", "At the counter")


class FeedbackCategory(models.TextChoices):
    """Indicator 5.1's three categories."""

    POLICY = "policy", _("Rules and policies")
    PROCEDURE = "procedure", _("Administrative procedures")
    STAFF_CONDUCT = "staff_conduct", _("Staff behaviour")


class FeedbackStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("feedback status", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("feedback status", "Accepted")
    REFUSED = "refused", pgettext_lazy("feedback status", "Refused")
    SUPPLEMENT_REQUESTED = (
        "supplement_requested",
        pgettext_lazy("feedback status", "Supplement requested"),
    )
    IN_HANDLING = "in_handling", pgettext_lazy("feedback status", "In handling")
    ANSWERED = "answered", pgettext_lazy("feedback status", "Answered, to publish")
    PUBLISHED = "published", pgettext_lazy("feedback status", "Published")


#: Handling is done (5.2: chờ công khai or đã công khai) or refused.
CLOSED_STATUSES: Final = frozenset(
    {FeedbackStatus.REFUSED, FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED}
)


class FeedbackAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    ACCEPT = "accept", _("Accept")
    REFUSE = "refuse", _("Refuse")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request more information")
    SUPPLEMENT = "supplement", _("Add the information requested")
    FORWARD = "forward", _("Forward to another agency")
    ASSIGN = "assign", _("Assign")
    ANSWER = "answer", _("Answer")
    PUBLISH = "publish", _("Publish the answer")
    RERAISE = "reraise", _("Raise again")


#: What an official chooses on the feedback page.
OFFICIAL_ACTIONS: Final = (
    FeedbackAction.ACCEPT,
    FeedbackAction.REFUSE,
    FeedbackAction.REQUEST_SUPPLEMENT,
    FeedbackAction.FORWARD,
    FeedbackAction.ASSIGN,
    FeedbackAction.ANSWER,
    FeedbackAction.PUBLISH,
)
OFFICIAL_ACTION_CHOICES: Final = [(a.value, a.label) for a in OFFICIAL_ACTIONS]
#: What the citizen who sent the feedback does.
CITIZEN_ACTIONS: Final = frozenset({FeedbackAction.SUPPLEMENT, FeedbackAction.RERAISE})


class Timeliness(models.TextChoices):
    """5.2 per milestone and overall: on time / late, or still open."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    WITHIN_DEADLINE = "within_deadline", _("Within deadline")
    OVERDUE = "overdue", _("Overdue")


class DeadlineState(models.TextChoices):
    """The colour of an item in a list, always shown with its text."""

    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    LATE = "late", _("Late")


class VoteValue(models.TextChoices):
    LIKE = "like", _("Like")
    DISLIKE = "dislike", _("Dislike")
