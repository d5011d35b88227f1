"""django-axes glue: allauth posts ``login`` but authenticates with ``username``,
so the locked-out username is read from whichever is present (case-insensitive)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    value = ""
    if credentials:
        value = credentials.get("username") or credentials.get("login") or ""
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username") or ""
    return str(value).strip().lower()
