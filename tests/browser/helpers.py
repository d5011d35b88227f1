"""Steps shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def vneid_sign_in(page: Page, personal_id: str, password: str) -> None:
    """On the demo provider's page: sign in, then consent; returns once back on
    the portal, signed in."""
    page.locator("#id_personal_id").fill(personal_id)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.locator("#btn-grant").click()  # consent at the provider
    expect(page.locator("nav form[action$='/logout/']")).to_be_visible()
