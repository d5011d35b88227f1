"""The demo: ratings and feedback in several states, loaded once, through the
services (an intact audit chain)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from congso.audit.verify import audit_verify
from congso.feedback.demo import feedback_demo_load
from congso.feedback.models import DossierRating, Feedback


@pytest.mark.django_db
def test_demo_load_creates_ratings_and_feedback_once():
    call_command("demo_load", "--force", verbosity=0)
    count = Feedback.objects.count()
    assert 5 <= count <= 8
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert {
        "published",
        "answered",
        "submitted",
        "refused",
        "supplement_requested",
        "in_handling",
    } <= statuses
    assert DossierRating.objects.exists()
    assert feedback_demo_load() == 0
    assert Feedback.objects.count() == count
    assert audit_verify().ok
