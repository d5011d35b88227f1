"""Ratings: only by the dossier's owner, only once it is finished, changeable
within the allowed days with history kept; counter ratings by the receiving desk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from congso.audit.models import AuditEvent
from congso.core.errors import ConflictError, NotFoundError, PermissionDeniedError
from congso.dossiers.constants import Channel
from congso.dossiers.models import Dossier
from congso.dossiers.tests.factories import receive, three_steps
from congso.feedback.constants import RatingChannel, RatingLevel
from congso.feedback.models import DossierRating
from congso.feedback.services import FeedbackError
from congso.feedback.services.ratings import (
    RatingData,
    dossier_rate,
    dossier_rate_at_counter,
)
from congso.feedback.tests.factories import at, finished_dossier

pytestmark = pytest.mark.django_db
GOOD = RatingData(level=RatingLevel.SATISFIED, attitude_level="very_satisfied")


def test_the_owner_rates_a_finished_dossier(one_stop, citizen):
    dossier = finished_dossier(one_stop, citizen)
    rating = dossier_rate(dossier=dossier, citizen=citizen, data=GOOD, now=at(4, 3, 9))
    assert (rating.level, rating.attitude_level, rating.channel) == (
        "satisfied",
        "very_satisfied",
        RatingChannel.ONLINE,
    )
    assert rating.agency_id == one_stop.centre.pk
    assert AuditEvent.objects.filter(event_type="feedback.rating.given").count() == 1


def test_another_citizen_or_nobody_cannot_rate(one_stop, citizen, other_citizen):
    dossier = finished_dossier(one_stop, citizen)
    with pytest.raises(NotFoundError):
        dossier_rate(dossier=dossier, citizen=other_citizen, data=GOOD)
    unowned = finished_dossier(one_stop, None, personal_id="046090009999")
    with pytest.raises(NotFoundError):
        dossier_rate(dossier=unowned, citizen=citizen, data=GOOD)
    assert not DossierRating.objects.exists()


def test_an_unfinished_dossier_cannot_be_rated(one_stop, citizen):
    dossier = receive(one_stop, three_steps(one_stop), now=at(2, 3, 9))
    Dossier.objects.filter(pk=dossier.pk).update(citizen=citizen)
    dossier.refresh_from_db()
    with pytest.raises(FeedbackError) as exc:
        dossier_rate(dossier=dossier, citizen=citizen, data=GOOD)
    assert exc.value.code == "not_finished"


def test_bad_levels_and_long_comments_are_refused(one_stop, citizen):
    dossier = finished_dossier(one_stop, citizen)
    with pytest.raises(FeedbackError) as exc:
        dossier_rate(
            dossier=dossier,
            citizen=citizen,
            data=RatingData(level="meh", time_level="x", comment="a" * 2001),
        )
    assert set(exc.value.extra["errors"]) == {"level", "time_level", "comment"}
    assert not DossierRating.objects.exists()


def test_a_rating_changes_within_the_allowed_days_and_keeps_history(
    one_stop, citizen, settings
):
    settings.FEEDBACK_RATING_CHANGE_DAYS = 7
    dossier = finished_dossier(one_stop, citizen)
    first = at(4, 3, 9)
    dossier_rate(dossier=dossier, citizen=citizen, data=GOOD, now=first)
    worse = RatingData(level=RatingLevel.NOT_SATISFIED, comment="Phải đi lại 3 lần")
    rating = dossier_rate(
        dossier=dossier, citizen=citizen, data=worse, now=first + timedelta(days=6)
    )
    assert rating.level == RatingLevel.NOT_SATISFIED
    assert [h["level"] for h in rating.history] == ["satisfied"]
    assert DossierRating.objects.count() == 1
    with pytest.raises(FeedbackError) as exc:
        dossier_rate(
            dossier=dossier, citizen=citizen, data=GOOD, now=first + timedelta(days=8)
        )
    assert exc.value.code == "change_closed"
    assert DossierRating.objects.get().level == RatingLevel.NOT_SATISFIED


def test_the_desk_records_a_counter_rating_once(one_stop, citizen):
    dossier = finished_dossier(one_stop, None, personal_id="046090001111")
    assert dossier.channel == Channel.IN_PERSON
    with pytest.raises(PermissionDeniedError):
        dossier_rate_at_counter(
            dossier=dossier, official=one_stop.users["other_reception"], data=GOOD
        )
    with pytest.raises(PermissionDeniedError):
        dossier_rate_at_counter(
            dossier=dossier, official=one_stop.users["leader"], data=GOOD
        )
    rating = dossier_rate_at_counter(
        dossier=dossier, official=one_stop.users["reception"], data=GOOD
    )
    assert (rating.channel, rating.recorded_by) == (
        RatingChannel.COUNTER,
        one_stop.users["reception"],
    )
    with pytest.raises(ConflictError):
        dossier_rate_at_counter(
            dossier=dossier, official=one_stop.users["reception"], data=GOOD
        )


def test_online_dossiers_are_not_rated_at_the_counter(one_stop):
    dossier = finished_dossier(one_stop, None)
    Dossier.objects.filter(pk=dossier.pk).update(channel=Channel.ONLINE)
    dossier.refresh_from_db()
    with pytest.raises(FeedbackError) as exc:
        dossier_rate_at_counter(
            dossier=dossier, official=one_stop.users["reception"], data=GOOD
        )
    assert exc.value.code == "not_in_person"


def test_a_counter_rating_is_final_for_the_citizen(one_stop, citizen):
    dossier = finished_dossier(one_stop, citizen)
    dossier_rate_at_counter(
        dossier=dossier, official=one_stop.users["reception"], data=GOOD
    )
    with pytest.raises(ConflictError):
        dossier_rate(dossier=dossier, citizen=citizen, data=GOOD)
