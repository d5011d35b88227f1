"""Work panels on an official's home page. Each app registers providers that return
a panel for the signed-in official (or None), so the home page grows with the apps
without the accounts app knowing about dossiers or documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise

from congso.core.registry import Registry


@dataclass(frozen=True)
class PanelItem:
    label: str | Promise
    value: str | int
    url: str = ""
    tone: str = ""  # "", "ok", "warn", "danger" — always shown with text


@dataclass(frozen=True)
class WorkPanel:
    title: str | Promise
    items: list[PanelItem] = field(default_factory=list)
    note: str | Promise = ""
    order: int = 100


PanelProvider = Callable[[HttpRequest], WorkPanel | None]

work_panels: Registry[PanelProvider] = Registry("work panel")


def panels_for(request: HttpRequest) -> list[WorkPanel]:
    """Every registered panel that applies to the request's user, in display order."""
    panels = [p for _, provider in work_panels.items() if (p := provider(request))]
    return sorted(panels, key=lambda p: p.order)
