"""Security of the citizen pages (issue 6, item 11): a strict Content-Security-
Policy on every page, and pages that live within it (no inline script, no inline
event handler), CSRF on every form that changes something."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from congso.accounts.models import User
from congso.dossiers.tests.factories import build_one_stop, three_steps
from congso.portal.submission.models import CitizenDocument
from congso.portal.tests.test_submission import make_citizen

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture
def pages(settings, tmp_path) -> tuple[list[str], Client]:
    settings.MEDIA_ROOT = tmp_path / "media"
    one_stop = build_one_stop()
    version = three_steps(one_stop)
    citizen = make_citizen("an", "046090001234", "Nguyễn Văn An")
    client = Client()
    client.force_login(citizen)
    draft = client.post(reverse("portal:draft-start", args=[version.pk]))
    return [
        reverse("portal:procedure-list"),
        reverse("portal:procedure-detail", args=[version.pk]),
        reverse("portal:dossier-lookup"),
        reverse("portal:my-dossiers"),
        draft["Location"],
        reverse("portal:store"),
        reverse("citizens:profile"),
        reverse("feedback:submit"),
        reverse("feedback:my-list"),
    ], client


def test_every_citizen_page_has_a_strict_csp_and_no_inline_code(pages):
    urls, client = pages
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert response["X-Frame-Options"] == "DENY"
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), url  # labels and headings point at ids


def test_forms_without_a_csrf_token_are_refused(pages):
    """The store's upload form, posted without the token: 403, nothing kept."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="an"))
    response = strict.post(reverse("portal:store"), {"title": "x"})
    assert response.status_code == 403
    assert not CitizenDocument.objects.exists()
