"""A demo citizen signs in through the demo e-identity provider (VNeID mô phỏng) in a
real browser: the portal's button, the provider's login page, consent, and back on
the portal signed in with a verified citizen account."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from congso.accounts.contrib.vneid_sim.services import (
    portal_client_ensure,
    simulated_identity_ensure,
)
from congso.accounts.demo import CITIZEN_PASSWORD, CITIZENS
from congso.accounts.models import CitizenProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_provider(live_server, settings):
    cache.clear()
    apps = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    app = {**apps[0], "settings": {**apps[0]["settings"]}}
    app["settings"]["server_url"] = f"{live_server.url}/vneid-sim"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [app],
        }
    }
    portal_client_ensure(base_urls=[live_server.url])
    person = CITIZENS[0]
    simulated_identity_ensure(
        personal_id=person.personal_id,
        full_name=person.full_name,
        password=CITIZEN_PASSWORD,
        email=person.email,
        phone=person.phone,
        address=person.address,
        birth_date=person.birth_date,
    )
    return person


def test_demo_citizen_signs_in_through_the_demo_vneid(
    page: Page, live_server, demo_provider
):
    page.goto(f"{live_server.url}/cong-dan/dang-nhap/")
    page.locator("#btn-vneid").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("mô phỏng VNeID")
    page.locator("#id_personal_id").fill(demo_provider.personal_id)
    page.locator("#id_password").fill(CITIZEN_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("#btn-grant").click()  # consent at the provider
    expect(page.locator("nav")).to_contain_text(demo_provider.full_name)
    assert "/vneid-sim/" not in page.url
    profile = CitizenProfile.objects.get(personal_id=demo_provider.personal_id)
    assert profile.identity_verified
