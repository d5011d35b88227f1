"""Leaders' figures: ratings per level, 5.1–5.3 over feedback and 5.4 over the
dossiers finished in a period; queue counts."""

from __future__ import annotations

from datetime import date

import pytest

from congso.feedback import selectors
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.constants import FeedbackStatus, VoteValue
from congso.feedback.services import feedback_vote
from congso.feedback.services.ratings import RatingData, dossier_rate
from congso.feedback.tests.factories import (
    act,
    at,
    finished_dossier,
    submit,
    walk,
)
from congso.feedback.tests.factories import (
    citizen as make_citizen,
)

pytestmark = pytest.mark.django_db
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def test_feedback_figures(one_stop, citizen, other_citizen):
    on_time = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    feedback_vote(feedback=on_time, user=other_citizen, value=VoteValue.LIKE)
    disliked = walk(
        one_stop, submit(one_stop, citizen, category="staff_conduct"), "published"
    )
    feedback_vote(feedback=disliked, user=citizen, value=VoteValue.DISLIKE)
    late = act(
        submit(one_stop, citizen, category="policy"),
        A.REFUSE,
        one_stop.users["leader"],
        at(10, 3, 9),
        note="Không thuộc thẩm quyền",
    )
    ids = frozenset({one_stop.commune.pk})
    figures = selectors.feedback_figures(
        agency_ids=ids, start=MARCH[0], end=MARCH[1], now=at(31, 3, 9)
    )
    assert figures.total == 3
    assert figures.by_category == {"policy": 1, "procedure": 1, "staff_conduct": 1}
    assert (figures.on_time, figures.on_time_rate) == (2, 66.67)
    assert figures.late_codes == [late.code]
    assert (figures.unsatisfied, figures.satisfaction_rate) == (2, 33.33)
    empty = selectors.feedback_figures(
        agency_ids=ids, start=date(2026, 1, 1), end=date(2026, 1, 31), now=at(31, 3, 9)
    )
    assert empty.on_time_rate is None  # N/A


def test_ratings_and_procedure_satisfaction(one_stop, citizen):
    dossiers = [
        finished_dossier(
            one_stop, make_citizen(f"dan{i}"), personal_id=f"04609000{i:04d}"
        )
        for i in range(4)
    ]
    for dossier, level in zip(
        dossiers, ["very_satisfied", "satisfied", "not_satisfied"], strict=False
    ):
        dossier_rate(
            dossier=dossier,
            citizen=dossier.citizen,
            data=RatingData(level=level),
            now=at(4, 3, 9),
        )
    submit(one_stop, dossiers[3].citizen, dossier_code=dossiers[3].code, agency_id=None)
    ids = frozenset({one_stop.centre.pk})
    ratings = selectors.rating_summary(agency_ids=ids, start=MARCH[0], end=MARCH[1])
    assert (ratings.total, ratings.satisfied_rate) == (3, 66.67)
    assert ratings.by_level["not_satisfied"] == 1
    figure = selectors.procedure_satisfaction(
        agency_ids=ids, start=MARCH[0], end=MARCH[1]
    )
    # 4 dossiers, none late, 2 with a dislike or feedback: 100 − 50 = 50 %.
    assert (figure.dossiers, figure.late, figure.with_feedback_or_dislike) == (4, 0, 2)
    assert figure.rate == 50.0
    assert figure.points == 3.33
    none = selectors.procedure_satisfaction(
        agency_ids=ids, start=date(2026, 1, 1), end=date(2026, 1, 31)
    )
    assert (none.rate, none.points) == (None, None)


def test_queue_counts(one_stop, citizen):
    submit(one_stop, citizen)
    walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ACCEPTED)
    counts = selectors.feedback_queue_counts(
        user=one_stop.users["reception"], now=at(2, 3, 10)
    )
    assert counts["new"] == 1
    assert counts["open"] == 2
    assert counts["overdue"] == 0
    later = selectors.feedback_queue_counts(
        user=one_stop.users["reception"], now=at(5, 3, 9)
    )
    assert later["overdue"] == 1  # the submitted one passed its 2 working days
    assert selectors.feedback_queue_counts(user=one_stop.users["land"])["all"] == 0
