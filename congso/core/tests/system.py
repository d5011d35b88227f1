"""System programs and services some tests need (poppler, NSS tools, SoftHSM2,
Chromium, brokers). ``make test`` installs them (``scripts/system-deps.sh``); when one
is missing anyway, CI (``CI`` set) fails the test and a developer's run skips it with
the command that installs it."""

from __future__ import annotations

import os
import shutil

import pytest


def require(present: bool, message: str) -> None:
    """Fail under CI, else skip, when ``present`` is false."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str, package: str) -> str:
    """The path of the program ``name`` from the Debian package ``package``."""
    path = shutil.which(name)
    require(
        path is not None,
        f"{name} is missing: apt-get install --no-install-recommends {package}",
    )
    assert path is not None  # require() did not return otherwise
    return path
