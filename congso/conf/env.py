"""Typed readers for ``CONGSO_*`` environment variables.

Every reader records the variable's name and help text in :data:`DOCUMENTED`, so a test
can check that ``.env.example`` and ``docs/reference/settings.md`` list exactly the
variables the code reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

DOCUMENTED: dict[str, str] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, help_text: str) -> str | None:
    DOCUMENTED[name] = help_text
    return os.environ.get(name)


def env_str(name: str, default: str, *, help_text: str) -> str:
    """A string variable; ``default`` when unset."""
    value = _raw(name, help_text)
    return default if value is None else value


def env_bool(name: str, default: bool, *, help_text: str) -> bool:
    """A boolean variable: 1/true/yes/on or 0/false/no/off (case-insensitive)."""
    value = _raw(name, help_text)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name: str, default: int, *, help_text: str) -> int:
    """An integer variable."""
    value = _raw(name, help_text)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be an integer, got {value!r}"
        ) from None


def env_list(name: str, default: list[str], *, help_text: str) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    value = _raw(name, help_text)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass(frozen=True)
class _Engine:
    backend: str
    default_port: str


_ENGINES = {
    "postgres": _Engine("django.db.backends.postgresql", "5432"),
    "postgresql": _Engine("django.db.backends.postgresql", "5432"),
    "sqlite": _Engine("django.db.backends.sqlite3", ""),
}

SQLITE_OPTIONS: dict[str, Any] = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def parse_db_url(url: str) -> dict[str, Any]:
    """Turn ``postgres://user:pw@host:5432/name`` or ``sqlite:///abs/path`` into a
    Django ``DATABASES`` entry. Hand-written because django-environ was rejected in
    the stack (one small, tested function is enough)."""
    parts = urlsplit(url)
    engine = _ENGINES.get(parts.scheme)
    if engine is None:
        raise ImproperlyConfigured(f"Unsupported database URL scheme {parts.scheme!r}")
    if engine.backend.endswith("sqlite3"):
        path = unquote(parts.path)
        if path.startswith("//"):  # sqlite:////abs/path
            path = path[1:]
        return {"ENGINE": engine.backend, "NAME": path, "OPTIONS": dict(SQLITE_OPTIONS)}
    options = dict(parse_qsl(parts.query))
    return {
        "ENGINE": engine.backend,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or engine.default_port),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def env_db_url(name: str, default: str, *, help_text: str) -> dict[str, Any]:
    """A database URL turned into a Django ``DATABASES`` entry."""
    return parse_db_url(env_str(name, default, help_text=help_text))


def secret_key_from_file(path: Path) -> str:
    """Dev only: generate a random key once into ``var/`` and reuse it."""
    from django.core.management.utils import get_random_secret_key

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(get_random_secret_key(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def rsa_private_key_from_file(path: Path) -> str:
    """Dev and demo: generate an RSA key (PEM) once into ``var/`` and reuse it (the
    signing key of the demo OpenID provider)."""
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_text(encoding="utf-8")
