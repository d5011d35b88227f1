"""The citizen's journey in a real browser (issue 6, item 10): sign in through the
demo e-identity provider → submit online → the desk receives it in its own browser
→ the dossier is handled and its result signed → the citizen pays the fee through
the gateway simulator, downloads the signed result and checks it; anyone looks the
dossier up by its code."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from congso.accounts.demo import CITIZEN_PASSWORD
from congso.accounts.models import User
from congso.core.outbox import outbox_drain
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier, DossierPayment
from congso.dossiers.tests.factories import build_one_stop, three_steps
from congso.dossiers.tests.test_result_signing import pki_install
from congso.portal.tests.test_submission_results import (
    handle_and_resolve_with_result,
)
from congso.signatures.pki.testing import throwaway_pki
from tests.browser.helpers import vneid_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
T = TypeVar("T")


def _off_loop(work: Callable[..., T], *args: Any) -> T:
    """Run ``work`` in another thread: certificate validation and signing run
    their own asyncio loop, which cannot start inside Playwright's."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work, *args).result()


@pytest.fixture
def setup(settings, tmp_path) -> Any:
    """The commune's desk and a birth-registration procedure with an 8,000 VND
    charge, a throw-away PKI for the commune's seal, the gateway simulator."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAYMENTS_SIM_DIR = tmp_path / "payments-sim"
    settings.PAYMENTS_PROVIDER = "simulator"
    pki = throwaway_pki(tmp_path / "pki")
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = pki.pki.urls.base
    settings.SIGNATURES_REVOCATION_FETCH = False
    settings.SIGNATURES_TSA_URL = pki.pki.urls.tsa
    one_stop = build_one_stop()
    _off_loop(pki_install, pki, one_stop.commune)
    version = three_steps(one_stop)
    version.fees.create(kind="charge", name="Lệ phí", amount=8000)
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    return one_stop, version, scan


def _signed_in(browser: Browser, live_server: Any, user: Any) -> Page:
    """A browser context holding the user's session (the login pages have their
    own browser tests)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_submit_online_handle_pay_download_and_check(
    browser: Browser, live_server, setup, demo_provider
):
    one_stop, version, scan = setup
    me = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()

    # 1. The citizen signs in with the demo e-identity from the procedure's page
    #    ("Submit online" asks for a citizen sign-in) and submits online.
    me.goto(f"{live_server.url}/thu-tuc/{version.pk}/")
    me.locator("#submit-online").click()
    me.locator("#btn-vneid").click()
    vneid_sign_in(me, demo_provider.personal_id, CITIZEN_PASSWORD)
    me.locator("#submit-online").click()  # back on the procedure's page
    citizen = User.objects.get(citizen_profile__personal_id=demo_provider.personal_id)
    me.locator("#component-" + str(version.components.get(order=1).pk)).locator(
        "input[type=file]"
    ).set_input_files(str(scan))
    me.locator("#component-" + str(version.components.get(order=1).pk)).locator(
        "button"
    ).first.click()
    me.locator("textarea[name=request_summary]").fill("Đăng ký khai sinh cho con")
    me.locator("button[name=submit]").click()
    dossier = Dossier.objects.get(citizen=citizen)
    expect(me.locator("#dossier-code")).to_have_text(dossier.code)
    expect(me.locator("[data-status]")).to_have_attribute("data-status", "submitted")
    expect(me.locator("#appointment")).not_to_have_text("—")

    # 2. The desk receives it in its own browser.
    desk = _signed_in(browser, live_server, one_stop.users["reception"])
    desk.goto(f"{live_server.url}/dossiers/{dossier.code}/")
    desk.locator("form:has(input[name=action][value=receive]) button").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED

    # 3. Handled, approved, the result signed by the commune (services + worker).
    _off_loop(handle_and_resolve_with_result, one_stop, dossier)

    # 4. The citizen pays the fee through the simulated gateway.
    me.goto(f"{live_server.url}/dich-vu-cong/ho-so/{dossier.code}/")
    me.locator("form[action$='/thanh-toan/'] button").click()
    me.get_by_role("button", name="Thanh toán trực tuyến").click()  # order page
    me.get_by_role("button", name="Thanh toán thành công").first.click()
    _off_loop(outbox_drain)
    assert DossierPayment.objects.get(dossier=dossier).amount == 8000

    # 5. Downloads the signed result and checks it.
    me.goto(f"{live_server.url}/dich-vu-cong/ho-so/{dossier.code}/")
    expect(me.locator("[data-status]")).to_have_attribute("data-status", "resolved")
    with me.expect_download() as info:
        me.locator("a[href*='/ket-qua/']:not([href$='/xac-thuc/'])").first.click()
    path = info.value.path()
    assert path is not None
    assert open(path, "rb").read(5) == b"%PDF-"  # noqa: PTH123, SIM115
    me.locator("a[href$='/xac-thuc/']").first.click()
    expect(me.locator("body")).to_contain_text("trich-luc-da-ky.pdf")
    expect(me.locator(".alert-success[role=status]").first).to_be_visible()

    # 6. Anyone looks it up by its code, without signing in.
    anyone = browser.new_context(locale="vi-VN").new_page()
    anyone.goto(f"{live_server.url}/tra-cuu/")
    anyone.locator("input[name=ma]").fill(dossier.code)
    anyone.locator("input[name=ma]").press("Enter")
    expect(anyone.locator("body")).to_contain_text(dossier.code)
    expect(anyone.locator("body")).not_to_contain_text("046090001234")
