"""The registry of national portal providers. ``CONGSO_PORTAL_NATIONAL_PROVIDER``
names the one in use (default ``simulator``); the built-in ``simulator`` and
``http`` are registered on first use. Tests may add their own provider."""

from __future__ import annotations

from django.conf import settings

from congso.core.registry import Registry
from congso.portal.national.providers.base import NationalPortal

national_portals: Registry[NationalPortal] = Registry("national portal provider")


def _register_builtins() -> None:
    from congso.portal.national.contrib.http.provider import HttpPortal
    from congso.portal.national.contrib.simulator.provider import SimulatorPortal

    for provider in (SimulatorPortal(), HttpPortal()):
        if provider.name not in national_portals:
            national_portals.add(provider.name, provider)


def national_portal_get(name: str | None = None) -> NationalPortal:
    """The provider ``name``, by default the one the settings select."""
    _register_builtins()
    return national_portals.get(name or settings.PORTAL_NATIONAL_PROVIDER)
