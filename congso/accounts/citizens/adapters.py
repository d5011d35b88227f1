"""allauth socialaccount adapter: sign-in through the national e-identity (VNeID or a
provincial SSO, OpenID Connect) creates or updates a **citizen** account from the
provider's claims, marked ``identity_verified``. Officials never sign in this way."""

from __future__ import annotations

from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from congso.accounts.citizens.services import citizen_identity_sync
from congso.accounts.models import User
from congso.accounts.selectors import user_is_official
from congso.core.errors import ApplicationError


def claims_of(sociallogin: SocialLogin) -> dict[str, Any]:
    """The userinfo claims (preferred) or the ID token's."""
    extra = sociallogin.account.extra_data or {}
    data = extra.get("userinfo") or extra.get("id_token") or extra
    return dict(data) if isinstance(data, dict) else {}


def _refuse(request: HttpRequest, detail: str, status: int = 403) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {"status": status, "title": _("Sign-in refused"), "detail": detail},
        status=status,
    )


class CitizenSocialAccountAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(
        self, request: HttpRequest, sociallogin: SocialLogin
    ) -> bool:
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Refuse officials (signed in, or owning the connected account); keep a
        returning citizen's profile in step with the e-identity."""
        if user_is_official(user=request.user):
            raise ImmediateHttpResponse(
                _refuse(
                    request,
                    _(
                        "Officials sign in with their username. Sign out first to "
                        "sign in as a citizen."
                    ),
                )
            )
        if not sociallogin.is_existing:
            return
        user = sociallogin.user
        if user_is_official(user=user):
            raise ImmediateHttpResponse(
                _refuse(request, _("This account cannot sign in as a citizen."))
            )
        try:
            citizen_identity_sync(user=user, claims=claims_of(sociallogin))
        except ApplicationError as exc:
            raise ImmediateHttpResponse(
                _refuse(request, str(exc.message), exc.status_code)
            ) from exc

    def populate_user(
        self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]
    ) -> User:
        user: User = super().populate_user(request, sociallogin, data)
        name = str(claims_of(sociallogin).get("name") or data.get("name") or "")
        user.full_name = name.strip()[:150]
        user.first_name = ""
        user.last_name = ""
        return user

    def save_user(
        self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None
    ) -> User:
        """The new citizen and their verified profile, in one transaction."""
        try:
            with transaction.atomic():
                user: User = super().save_user(request, sociallogin, form=form)
                citizen_identity_sync(user=user, claims=claims_of(sociallogin))
        except ApplicationError as exc:
            raise ImmediateHttpResponse(
                _refuse(request, str(exc.message), exc.status_code)
            ) from exc
        return user
