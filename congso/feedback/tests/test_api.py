"""The feedback API: the citizen's endpoints, ratings and the officials' queue and
actions, from the right and the wrong side, in the project's error format."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from congso.feedback.constants import FeedbackStatus
from congso.feedback.models import DossierRating, Feedback
from congso.feedback.tests.factories import finished_dossier, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_citizen_submits_lists_and_reads_their_own(
    api, one_stop, citizen, other_citizen
):
    api.force_authenticate(citizen)
    created = api.post(
        reverse("api-feedback-mine"),
        {
            "category": "procedure",
            "title": "Hồ sơ đất đai phải nộp lại nhiều lần",
            "content": "Mỗi lần đến lại được yêu cầu thêm giấy tờ khác.",
            "agency": one_stop.commune.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    code = created.json()["code"]
    assert created.json()["status"] == FeedbackStatus.SUBMITTED
    listed = api.get(reverse("api-feedback-mine")).json()
    assert [row["code"] for row in listed["results"]] == [code]
    assert api.get(reverse("api-feedback-mine-detail", args=[code])).status_code == 200
    api.force_authenticate(other_citizen)
    assert api.get(reverse("api-feedback-mine-detail", args=[code])).status_code == 404
    assert api.get(reverse("api-feedback-mine")).json()["count"] == 0


def test_bad_input_gets_the_error_format_and_stores_nothing(api, one_stop, citizen):
    api.force_authenticate(citizen)
    response = api.post(
        reverse("api-feedback-mine"),
        {"category": "x", "title": "t" * 201, "content": ""},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {"category", "title", "content"} <= set(body["errors"])
    service = api.post(
        reverse("api-feedback-mine"),
        {"category": "policy", "title": "T", "content": "C", "agency": 999999},
        format="json",
    )
    assert service.status_code == 400
    assert "agency" in service.json()["errors"]
    assert not Feedback.objects.exists()


def test_anonymous_and_officials_are_refused(api, one_stop):
    assert api.get(reverse("api-feedback-mine")).status_code in (401, 403)
    api.force_authenticate(one_stop.users["reception"])
    assert api.get(reverse("api-feedback-mine")).status_code == 403


def test_rating_through_the_api(api, one_stop, citizen, other_citizen):
    dossier = finished_dossier(one_stop, citizen)
    url = reverse("api-rating", args=[dossier.code])
    api.force_authenticate(other_citizen)
    assert api.put(url, {"level": "satisfied"}, format="json").status_code == 404
    api.force_authenticate(citizen)
    assert api.get(url).status_code == 404  # not rated yet
    response = api.put(url, {"level": "satisfied", "comment": "Nhanh"}, format="json")
    assert response.status_code == 200
    assert response.json()["level"] == "satisfied"
    assert api.put(url, {"level": "great"}, format="json").status_code == 400
    assert DossierRating.objects.get().comment == "Nhanh"


def test_official_queue_and_actions(api, one_stop, citizen):
    item = submit(one_stop, citizen)
    queue = reverse("api-feedback-queue")
    action = reverse("api-feedback-action", args=[item.code])
    api.force_authenticate(one_stop.users["other_reception"])
    assert api.get(queue).json()["count"] == 0
    assert (
        api.post(action, {"action": "accept", "expected_version": 0}).status_code == 404
    )
    api.force_authenticate(citizen)
    assert api.get(queue).status_code == 403
    api.force_authenticate(one_stop.users["reception"])
    assert api.get(queue, {"queue": "new"}).json()["count"] == 1
    assert api.get(queue, {"queue": "bogus"}).status_code == 400
    done = api.post(action, {"action": "accept", "expected_version": 0}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == FeedbackStatus.ACCEPTED
    stale = api.post(action, {"action": "answer", "note": "x", "expected_version": 0})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    illegal = api.post(action, {"action": "publish", "expected_version": 1})
    assert illegal.status_code == 400
    assert illegal.json()["code"] == "transition_not_allowed"
