"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Run in their own pytest call (``make test``) because the live server needs
``DJANGO_ALLOW_ASYNC_UNSAFE`` (stack §3.5), which must not reach the main suite."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache

from congso.accounts.contrib.vneid_sim.services import (
    portal_client_ensure,
    simulated_identity_ensure,
)
from congso.accounts.demo import CITIZEN_PASSWORD, CITIZENS
from congso.core.tests.system import require_tool

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = require_tool("chromium", "chromium")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }


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
