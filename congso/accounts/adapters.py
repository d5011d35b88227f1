"""allauth adapter. Officials' accounts are created by administrators and sign in by
username; sign-up is open to **citizens only** and always creates a
:class:`~congso.accounts.models.CitizenProfile` with the account."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from congso.accounts.citizens.services import CitizenData, citizen_profile_create
from congso.accounts.models import User
from congso.accounts.selectors import citizen_profile_get


def citizen_home_url() -> str:
    """Where a citizen lands: their dossiers (``portal:my-dossiers``) when that page
    exists, else the procedure catalogue."""
    for name in ("portal:my-dossiers", "portal:procedure-list"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/thu-tuc/"


class CongSoAccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def save_user(
        self, request: HttpRequest, user: User, form: Any, commit: bool = True
    ) -> User:
        """A local sign-up: the user and their citizen profile in one transaction.
        (A sign-up through OpenID Connect gets its profile from the claims, in
        ``citizens.adapters``.)"""
        data = form.cleaned_data
        if not commit or "full_name" not in data:
            saved: User = super().save_user(request, user, form, commit=commit)
            return saved
        with transaction.atomic():
            saved = super().save_user(request, user, form, commit=True)
            citizen_profile_create(
                user=saved,
                data=CitizenData(
                    full_name=data["full_name"],
                    phone=data.get("phone") or "",
                    personal_id=data.get("personal_id") or "",
                ),
            )
        return saved

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        if citizen_profile_get(user=request.user) is not None:
            return citizen_home_url()
        url: str = super().get_login_redirect_url(request)
        return url

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("citizens:profile")


#: The former name (officials only, before citizen accounts).
OfficialAccountAdapter = CongSoAccountAdapter
