"""View decorators of the citizen portal."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from congso.accounts.selectors import citizen_is_verified, citizen_profile_get

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def citizen_login_url(next_url: str) -> str:
    return f"{reverse('citizens:login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def citizens_only_response(request: HttpRequest) -> HttpResponse:
    """403 in Vietnamese: an official (or any non-citizen account) on a citizen page."""
    return render(
        request,
        "errors/error.html",
        {
            "status": 403,
            "title": _("Access denied"),
            "detail": _(
                "This page is for citizens. Sign out and sign in with a citizen "
                "account."
            ),
        },
        status=403,
    )


def citizen_required(view: ViewFunc) -> ViewFunc:
    """Let only a citizen with a verified contact in; the view gets
    ``request.citizen`` (the :class:`~congso.accounts.models.CitizenProfile`).

    - anonymous → the citizen login page, with ``next``;
    - an official (no citizen profile) → 403;
    - a citizen without a verified e-mail, phone or e-identity → the profile page,
      with a message saying what to do."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect(citizen_login_url(request.get_full_path()))
        profile = citizen_profile_get(user=request.user)
        if profile is None:
            return citizens_only_response(request)
        if not citizen_is_verified(user=request.user):
            messages.warning(
                request,
                _("Verify your e-mail address or your phone number before continuing."),
            )
            return redirect(
                f"{reverse('citizens:profile')}?"
                f"{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"
            )
        request.citizen = profile  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
