"""Satisfaction ratings of finished dossiers (đánh giá mức độ hài lòng).

One rating per dossier. The citizen who owns the dossier rates it online once it
is finished; they may change it within ``CONGSO_FEEDBACK_RATING_CHANGE_DAYS`` of
their first rating, and each earlier value is kept in the rating's ``history``
(and in the audit chain). After that a change is refused. The desk may instead
record the rating given at the counter (kiosk) for an in-person dossier; that one
is final."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.selectors import scope_get
from congso.audit.services import audit_record
from congso.core.errors import ConflictError, NotFoundError, PermissionDeniedError
from congso.dossiers.constants import Channel, DossierStatus
from congso.dossiers.models import Dossier
from congso.feedback.constants import RatingChannel, RatingLevel
from congso.feedback.models import DossierRating
from congso.feedback.services.common import (
    MAX_COMMENT_LENGTH,
    FeedbackError,
    clean_text,
)

#: A dossier can be rated once its processing ended.
FINISHED_STATUSES: Final = frozenset(
    {
        DossierStatus.RESOLVED,
        DossierStatus.RETURNED,
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
    }
)
CRITERIA_FIELDS: Final = (
    "time_level",
    "attitude_level",
    "information_level",
    "result_level",
)


@dataclass(frozen=True)
class RatingData:
    level: str
    time_level: str = ""
    attitude_level: str = ""
    information_level: str = ""
    result_level: str = ""
    comment: str = ""


def _checked(data: RatingData) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    if data.level not in RatingLevel.values:
        errors["level"] = [str(_("Choose how satisfied you are."))]
    values: dict[str, str] = {"level": data.level}
    for name in CRITERIA_FIELDS:
        value = getattr(data, name)
        if value and value not in RatingLevel.values:
            errors[name] = [str(_("Choose one of the levels."))]
        values[name] = value
    values["comment"] = clean_text(
        data.comment,
        limit=MAX_COMMENT_LENGTH,
        required=False,
        errors=errors,
        field="comment",
    )
    if errors:
        raise FeedbackError(
            _("The rating could not be saved; check the fields marked."),
            code="invalid",
            extra={"errors": errors},
        )
    return values


def _check_finished(dossier: Dossier) -> None:
    if dossier.status not in FINISHED_STATUSES:
        raise FeedbackError(
            _("A dossier can be rated once its processing has ended."),
            code="not_finished",
        )


def _snapshot(rating: DossierRating) -> dict[str, Any]:
    return {
        "level": rating.level,
        **{name: getattr(rating, name) for name in CRITERIA_FIELDS},
        "comment": rating.comment,
        "at": (rating.changed_at or rating.rated_at).isoformat(),
    }


def change_deadline(rating: DossierRating) -> datetime:
    return rating.rated_at + timedelta(days=settings.FEEDBACK_RATING_CHANGE_DAYS)


@transaction.atomic
def dossier_rate(
    *,
    dossier: Dossier,
    citizen: User,
    data: RatingData,
    now: datetime | None = None,
) -> DossierRating:
    """The owner rates their finished dossier, or changes their rating in time."""
    now = now or timezone.now()
    if dossier.citizen_id is None or dossier.citizen_id != citizen.pk:
        raise NotFoundError()
    _check_finished(dossier)
    values = _checked(data)
    rating = DossierRating.objects.select_for_update().filter(dossier=dossier).first()
    if rating is None:
        try:
            with transaction.atomic():
                rating = DossierRating.objects.create(
                    dossier=dossier,
                    channel=RatingChannel.ONLINE,
                    citizen=citizen,
                    agency_id=dossier.receiving_agency_id,
                    rated_at=now,
                    **values,
                )
        except IntegrityError:
            raise ConflictError(
                _("This dossier has just been rated. Reload the page."),
                code="already_rated",
            ) from None
        event = "feedback.rating.given"
    else:
        if rating.channel != RatingChannel.ONLINE:
            raise ConflictError(
                _("This dossier was rated at the counter; that rating is final."),
                code="rated_at_counter",
            )
        if now > change_deadline(rating):
            raise FeedbackError(
                _("A rating can be changed only within %(days)d days.")
                % {"days": settings.FEEDBACK_RATING_CHANGE_DAYS},
                code="change_closed",
            )
        rating.history = [*rating.history, _snapshot(rating)]
        for name, value in values.items():
            setattr(rating, name, value)
        rating.changed_at = now
        rating.save()
        event = "feedback.rating.changed"
    audit_record(
        event_type=event,
        actor=citizen,
        obj=rating,
        data={"dossier": dossier.code, "level": rating.level},
        agency_id=dossier.receiving_agency_id,
    )
    return rating


@transaction.atomic
def dossier_rate_at_counter(
    *,
    dossier: Dossier,
    official: User,
    data: RatingData,
    now: datetime | None = None,
) -> DossierRating:
    """A reception officer of the receiving unit records the rating the citizen
    gave at the counter for an in-person dossier."""
    now = now or timezone.now()
    scope = scope_get(user=official, on=timezone.localdate(now))
    if not scope.covers(dossier.receiving_agency_id, [Role.RECEPTION_OFFICER]):
        raise PermissionDeniedError(
            _("Only the receiving desk records a rating given at the counter."),
            code="role",
        )
    if dossier.channel != Channel.IN_PERSON:
        raise FeedbackError(
            _("Only dossiers handed in at the counter are rated there."),
            code="not_in_person",
        )
    _check_finished(dossier)
    values = _checked(data)
    try:
        with transaction.atomic():
            rating = DossierRating.objects.create(
                dossier=dossier,
                channel=RatingChannel.COUNTER,
                citizen=dossier.citizen,
                recorded_by=official,
                agency_id=dossier.receiving_agency_id,
                rated_at=now,
                **values,
            )
    except IntegrityError:
        raise ConflictError(
            _("This dossier has already been rated."), code="already_rated"
        ) from None
    audit_record(
        event_type="feedback.rating.recorded",
        actor=official,
        obj=rating,
        data={"dossier": dossier.code, "level": rating.level, "channel": "counter"},
        agency_id=dossier.receiving_agency_id,
    )
    return rating
