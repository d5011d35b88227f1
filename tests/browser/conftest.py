"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Run in their own pytest call (``make test``) because the live server needs
``DJANGO_ALLOW_ASYNC_UNSAFE`` (stack §3.5), which must not reach the main suite."""

from __future__ import annotations

import os

import pytest

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
