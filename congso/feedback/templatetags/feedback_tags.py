"""Display filters of the feedback pages."""

from __future__ import annotations

from django import template

from congso.core.text import mask_name as _mask_name

register = template.Library()


@register.filter
def mask_name(name: str) -> str:
    """The citizen's name as the public pages show it ("Nguyễn V** A*")."""
    return _mask_name(name or "")
