"""Configuration from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

from congso.conf.env import DOCUMENTED, parse_db_url

ROOT = Path(__file__).resolve().parents[3]


def test_env_example_and_reference_list_exactly_the_variables_read():
    """`.env.example` and docs/reference/settings.md match the names the code reads."""
    env_names = {
        line.split("=")[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if line.startswith("# CONGSO_") and "=" in line
    }
    doc = (ROOT / "docs" / "reference" / "settings.md").read_text(encoding="utf-8")
    doc_names = {
        part.split("`")[1] for part in doc.splitlines() if part.startswith("| `")
    }
    assert env_names == set(DOCUMENTED) == doc_names


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import django; django.setup()"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONGSO_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "congso.conf.settings.base", **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_production_refuses_to_start_without_secrets():
    result = _start({"CONGSO_DEBUG": "false"})
    assert result.returncode != 0
    assert "CONGSO_SECRET_KEY" in result.stderr
    assert "CONGSO_DATABASE_URL" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = _start(
        {
            "CONGSO_DEBUG": "false",
            "CONGSO_SECRET_KEY": "django-insecure-" + "a" * 50,
            "CONGSO_DATABASE_URL": "postgres://u@localhost/db",
            "CONGSO_ALLOWED_HOSTS": "x.gov.vn",
        }
    )
    assert result.returncode != 0
    assert "not a real secret" in result.stderr


def test_production_starts_with_real_settings():
    result = _start(
        {
            "CONGSO_DEBUG": "false",
            "CONGSO_SECRET_KEY": "k3J#9xq!Lm2@vB7$wZ4%tY8^rC1&nH6*pD0(sF5)gA3-eU+Qw9=Zr2",
            "CONGSO_DATABASE_URL": "postgres://u:p@db.example:5433/congso",
            "CONGSO_ALLOWED_HOSTS": "dichvucong.hue.gov.vn",
        }
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        (
            "postgres://u:p%40ss@h:5433/congso",
            "django.db.backends.postgresql",
            "congso",
        ),
        (
            "sqlite:////abs/var/x.sqlite3",
            "django.db.backends.sqlite3",
            "/abs/var/x.sqlite3",
        ),
    ],
)
def test_database_urls(url, engine, name):
    parsed = parse_db_url(url)
    assert (parsed["ENGINE"], parsed["NAME"]) == (engine, name)
    if "postgres" in url:
        assert (parsed["PASSWORD"], parsed["PORT"]) == ("p@ss", "5433")
    else:
        assert parsed["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_unknown_database_scheme_is_a_clear_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="Unsupported database URL"):
        parse_db_url("mysql://x/y")


def test_vietnamese_formats():
    """Vietnamese first; 02/09/2025 is 2 September; numbers show as 1.234.567."""
    from django import forms

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert forms.DateField().clean("02/09/2025").isoformat() == "2025-09-02"
        assert forms.DateField().clean("25/12/2025").isoformat() == "2025-12-25"
        assert formats.number_format(1234567, force_grouping=True) == "1.234.567"
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("12/31/2025")
