"""A demo citizen signs in through the demo e-identity provider (VNeID mô phỏng) in a
real browser: the portal's button, the provider's login page, consent, and back on
the portal signed in with a verified citizen account."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from congso.accounts.demo import CITIZEN_PASSWORD
from congso.accounts.models import CitizenProfile
from tests.browser.helpers import vneid_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_citizen_signs_in_through_the_demo_vneid(
    page: Page, live_server, demo_provider
):
    page.goto(f"{live_server.url}/cong-dan/dang-nhap/")
    page.locator("#btn-vneid").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("mô phỏng VNeID")
    vneid_sign_in(page, demo_provider.personal_id, CITIZEN_PASSWORD)
    expect(page.locator("nav")).to_contain_text(demo_provider.full_name)
    assert "/vneid-sim/" not in page.url
    profile = CitizenProfile.objects.get(personal_id=demo_provider.personal_id)
    assert profile.identity_verified
