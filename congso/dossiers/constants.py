"""Choices of one-stop dossier processing (one-stop.md §3, §7, §9)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DossierStatus(models.TextChoices):
    """Lifecycle states; the portal's end states are refused, stopped, resolved,
    returned and withdrawn."""

    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In processing")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Awaiting supplement")
    RESOLVED = "resolved", _("Result ready")
    RETURNED = "returned", _("Returned")
    REFUSED = "refused", _("Refused")
    STOPPED = "stopped", _("Stopped")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TERMINAL_STATUSES = frozenset(
    {
        DossierStatus.RETURNED,
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
        DossierStatus.WITHDRAWN,
    }
)


class DossierAction(models.TextChoices):
    """What an official (or the applicant) does to a dossier."""

    RECEIVE = "receive", _("Receive")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request a supplement")
    SUPPLEMENT = "supplement", _("Supplement received")
    REFUSE = "refuse", _("Refuse")
    FORWARD = "forward", _("Forward for processing")
    HAND_OVER = "hand_over", _("Hand over to the next step")
    APOLOGISE = "apologise", _("Apologise and set a new date")
    RESOLVE = "resolve", _("Result ready")
    RETURN_RESULT = "return_result", _("Return the result")
    STOP = "stop", _("Stop processing")
    WITHDRAW = "withdraw", _("Withdraw")
    #: Not transitions: lines of the timeline (submitted online, fee paid online).
    SUBMIT = "submit", _("Submitted online")
    PAY = "pay", _("Fee paid online")


#: What an official can ask for (everything but the timeline-only lines).
ACTION_CHOICES = [
    (a.value, a.label)
    for a in DossierAction
    if a not in (DossierAction.PAY, DossierAction.SUBMIT)
]


class Channel(models.TextChoices):
    """KenhThucHien: 1 in person, 2 online, 3 public postal service."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("Postal")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", pgettext_lazy("applicant kind", "Organisation")


class Timeliness(models.TextChoices):
    """Trước hạn / đúng hạn / quá hạn for finished work; trong hạn / quá hạn open."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    WITHIN_DEADLINE = "within_deadline", _("Within deadline")
    OVERDUE = "overdue", _("Overdue")


class ResultDelivery(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    POST = "post", _("By post")
    ELECTRONIC = "electronic", _("Electronic")


#: Appended to the title of a result's copy signed by the agency
#: (``services.results``); the signed copies are found by it.
SIGNED_SUFFIX: Final = " (đã ký số)"
