"""The web shell in a real browser: sign-in, the official's home page, the
organisation pages and the API docs — in Vietnamese, with no CSP violation and no
English text leaking from the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from congso.accounts.tests.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/vi/LC_MESSAGES/django.po"


def _english_phrases() -> set[str]:
    """Multi-word English msgids of our catalogue: none may show on a page in vi."""
    phrases = set()
    for match in re.finditer(
        r'^msgid "(.+)"$', CATALOGUE.read_text(encoding="utf-8"), re.M
    ):
        text = match.group(1)
        if len(text.split()) >= 3 and "%" not in text and "{" not in text:
            phrases.add(text)
    return phrases


@pytest.fixture
def signed_in(page: Page, live_server) -> Page:
    build_world()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    page.goto(f"{live_server.url}/")
    expect(page).to_have_title(re.compile("Đăng nhập"))
    page.get_by_label("Tên đăng nhập").fill("leader_a")
    page.get_by_label("Mật khẩu").fill("x-Secret-123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.csp_problems = problems  # type: ignore[attr-defined]
    return page


def test_official_signs_in_and_sees_their_work_in_vietnamese(
    signed_in: Page, live_server
):
    page = signed_in
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    expect(page.get_by_text("UBND huyện A").first).to_be_visible()
    english = _english_phrases()
    for path in ["/", "/org/"]:
        page.goto(f"{live_server.url}{path}")
        body = page.inner_text("body")
        leaked = sorted(p for p in english if p in body)
        assert not leaked, f"English on {path}: {leaked[:5]}"
    assert page.csp_problems == []  # type: ignore[attr-defined]


def test_organisation_page_navigates_to_an_agency(signed_in: Page, live_server):
    page = signed_in
    page.get_by_role("link", name="Cơ cấu tổ chức").first.click()
    page.get_by_role("link", name="Phòng Tư pháp A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng Tư pháp A")
    page.get_by_role("link", name="Cán bộ, công chức").click()
    expect(page.get_by_role("table")).to_contain_text("Specialist_A")


def test_keyboard_only_sign_in(page: Page, live_server):
    """The sign-in form works with the keyboard alone (labels, focus order)."""
    build_world()
    page.goto(f"{live_server.url}/accounts/login/")
    page.keyboard.press("Tab")  # skip link
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type("leader_a")
    page.keyboard.press("Tab")
    page.keyboard.type("x-Secret-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")


def test_api_docs_render_without_a_cdn(page: Page, live_server):
    build_world()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("/api/v1/agencies/").first).to_be_visible()
    assert all(url.startswith(live_server.url) for url in requests), requests
