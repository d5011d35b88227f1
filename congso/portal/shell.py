"""The lookup page around a stored answer, for anonymous visitors: the site layout
rendered once per process and language, then filled per request.

The site layout alone (navigation, language form, footer) cost twice a hello world
to render (``bench/lookup.py``: 0.87 against 0.40 ms in-process), more than the
lookup's whole budget. For an anonymous visitor without messages it is the same
page every time except for five values: the code typed, the dossier's code, the
stored fragment, the CSRF token of the language form and the path it returns to.
The page template is rendered with markers in their place (no cache backend,
nothing shared between processes), split at the markers, and joined with the
request's values, escaped. Signed-in users and pages with messages get the full
template (``views``). With ``DEBUG`` on the shell is rendered on every request, so
that template edits show at once.
"""

from __future__ import annotations

import re
from typing import Final

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from congso.portal.forms import LookupForm

TEMPLATE: Final = "portal/dossier_lookup.html"
_MARK: Final = "CONGSOSHELLMARK"
TYPED: Final = f"{_MARK}TYPED"
CODE: Final = f"{_MARK}CODE"
HTML: Final = f"{_MARK}HTML"
CSRF: Final = f"{_MARK}CSRF"
PATH: Final = f"{_MARK}PATH"
_SPLIT: Final = re.compile(f"({_MARK}[A-Z]+)")


class _MarkedRequest:
    """What the layout reads of the request, as a marker."""

    def get_full_path(self) -> str:
        return PATH


def _render(request: HttpRequest) -> list[str]:
    context = {
        "request": _MarkedRequest(),
        "user": AnonymousUser(),
        "messages": (),
        "csrf_token": CSRF,
        "form": LookupForm(initial={"ma": TYPED}),
        "dossier_code": CODE,
        "dossier_html": HTML,
    }
    # The request only for the context processors' site-wide values; everything
    # read from it is overridden above.
    return _SPLIT.split(render_to_string(TEMPLATE, context, request=request))


_SHELLS: dict[str, list[str]] = {}


def page(request: HttpRequest, *, typed: str, code: str, html: str) -> str:
    """The whole page for this request: the cached layout with the values in.
    ``html`` is the (already safe) fragment; the others are escaped here."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    parts = _SHELLS.get(language)
    if parts is None:
        parts = _render(request)
        if not settings.DEBUG:
            _SHELLS[language] = parts
    values = {
        TYPED: escape(typed),
        CODE: escape(code),
        HTML: html,
        CSRF: escape(get_token(request)),
        PATH: escape(request.get_full_path()),
    }
    return "".join(values.get(part, part) for part in parts)
