"""Administration: the publish action reports refusals as messages, never a 500;
published versions are read-only."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from congso.accounts.models import User
from congso.catalog import services
from congso.catalog.constants import VersionStatus
from congso.catalog.models import ProcedureVersion
from congso.catalog.tests.factories import procedure, published, version_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    user = User.objects.create_superuser(username="root", password="x-Secret-123")
    client.force_login(user)
    return client


def test_publish_action_reports_errors_and_successes(admin_client_):
    good = services.procedure_version_create(
        procedure=procedure("1.000001"), data=version_data(), actor=None
    )
    bad = services.procedure_version_create(
        procedure=procedure("1.000002"),
        data=version_data(allowances=(9,)),
        actor=None,
    )
    response = admin_client_.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    assert response.status_code == 200
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(texts) == 2
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == VersionStatus.PUBLISHED
    assert bad.status == VersionStatus.DRAFT


def test_pages_render_and_published_is_read_only(admin_client_):
    version = published()
    for url in (
        reverse("admin:catalog_procedureversion_changelist"),
        reverse("admin:catalog_procedure_changelist"),
        reverse("admin:catalog_procedure_change", args=[version.procedure_id]),
        reverse("admin:catalog_procedureversion_change", args=[version.pk]),
        reverse("admin:catalog_procedureversion_add"),
    ):
        assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(
        reverse("admin:catalog_procedureversion_change", args=[version.pk]),
        {"name": "Khác"},
    )
    assert response.status_code == 403
    assert ProcedureVersion.objects.get(pk=version.pk).name == "Đăng ký khai sinh"
