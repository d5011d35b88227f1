"""`make run`'s demo: organisation, catalogue and dossiers load once, through the
services, and leave an intact audit chain."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from congso.audit.verify import audit_verify
from congso.dossiers.models import Dossier, ProcessingStep


@pytest.mark.django_db
def test_demo_load_fills_the_queues_once():
    call_command("demo_load", "--force", verbosity=0)
    count = Dossier.objects.count()
    assert count >= 20
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {"returned", "in_progress"} <= statuses
    assert ProcessingStep.objects.exclude(result="").exists()
    call_command("demo_load", "--force", verbosity=0)
    assert Dossier.objects.count() == count
    assert audit_verify().ok
