"""Citizen pages: sign-in, sign-up, profile and phone verification (thin: forms
validate, services act)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.views import LoginView, SignupView
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from congso.accounts.citizens.forms import CitizenProfileForm, PhoneCodeForm
from congso.accounts.citizens.services import (
    citizen_profile_update,
    phone_code_send,
    phone_code_verify,
)
from congso.accounts.decorators import citizen_login_url, citizens_only_response
from congso.accounts.models import CitizenProfile, User
from congso.accounts.selectors import (
    citizen_has_verified_email,
    citizen_profile_get,
    phone_verification_get_pending,
)
from congso.core.errors import ApplicationError


def oidc_login_context() -> dict[str, Any]:
    """The OpenID button: its URL (allauth's provider login) and label."""
    if not settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]:
        return {"oidc_url": ""}
    try:
        url = reverse(
            "openid_connect_login",
            kwargs={"provider_id": settings.CITIZEN_OIDC_PROVIDER_ID},
        )
    except NoReverseMatch:
        url = ""
    return {
        "oidc_url": url,
        "oidc_label": settings.CITIZEN_OIDC_LABEL
        or _("Sign in with VNeID (simulated)"),
        "oidc_simulated": settings.CITIZEN_OIDC_SIMULATOR,
    }


class CitizenLoginView(LoginView):  # type: ignore[misc]
    """E-mail and password, or the national e-identity (OpenID Connect). Lockout
    (django-axes) and allauth's login rate limit apply as on the officials' page."""

    template_name = "citizens/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(oidc_login_context())
        return context


class CitizenSignupView(SignupView):  # type: ignore[misc]
    template_name = "citizens/signup.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context.update(oidc_login_context())
        return context


citizen_login = CitizenLoginView.as_view()
citizen_signup = CitizenSignupView.as_view()


def citizen_account_required(
    view: Callable[[HttpRequest, CitizenProfile], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A signed-in citizen (verified or not): anonymous → login; official → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(citizen_login_url(request.get_full_path()))
        profile = citizen_profile_get(user=request.user)
        if profile is None:
            return citizens_only_response(request)
        return view(request, profile)

    return wrapper


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _user(profile: CitizenProfile) -> User:
    return profile.user


@require_http_methods(["GET", "POST"])
@citizen_account_required
def profile_edit(request: HttpRequest, profile: CitizenProfile) -> HttpResponse:
    """The citizen's own account (tài khoản): name, personal ID, phone, address."""
    user = _user(profile)
    initial = {
        "full_name": user.full_name,
        "kind": profile.kind,
        "personal_id": profile.personal_id,
        "organisation_code": profile.organisation_code,
        "phone": profile.phone,
        "address": profile.address,
    }
    form = CitizenProfileForm(
        request.POST or None,
        initial=initial,
        user_id=user.pk,
        identity_verified=profile.identity_verified,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                citizen_profile_update(
                    profile=profile, data=form.data_for_service(), actor=user
                )
            except ApplicationError as exc:
                for field, errors in exc.extra.get("errors", {}).items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
                if not exc.extra.get("errors"):
                    form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Your account was saved."))
                return redirect(_safe_next(request) or reverse("citizens:profile"))
        status = 400
    emails = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    return render(
        request,
        "citizens/profile.html",
        {
            "form": form,
            "profile": profile,
            "emails": emails,
            "email_verified": citizen_has_verified_email(user=user),
            "next": _safe_next(request),
        },
        status=status,
    )


@require_POST
@citizen_account_required
def email_resend(request: HttpRequest, profile: CitizenProfile) -> HttpResponse:
    """Send the e-mail confirmation link again (allauth; one mail every 3 minutes)."""
    address = (
        EmailAddress.objects.filter(user=profile.user, verified=False)
        .order_by("-primary")
        .first()
    )
    if address is not None:
        address.send_confirmation(request)
        messages.info(
            request,
            _("A confirmation link was sent to %(email)s.") % {"email": address.email},
        )
    return redirect("citizens:profile")


@require_http_methods(["GET", "POST"])
@citizen_account_required
def phone_verify(request: HttpRequest, profile: CitizenProfile) -> HttpResponse:
    """Send a 6-digit code by SMS and check it (rate-limited per account and
    address; the code expires and allows a few wrong attempts)."""
    form = PhoneCodeForm(request.POST if "code" in request.POST else None)
    status = 200
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        limit = "citizen_phone_code" if action == "send" else "citizen_phone_verify"
        if not ratelimit.consume(request, action=limit, user=request.user):
            status = 429
            error = _("Too many attempts. Try again in a few minutes.")
        elif action == "send":
            try:
                phone_code_send(profile=profile)
            except ApplicationError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(
                    request,
                    _("A code was sent by SMS to %(phone)s.")
                    % {"phone": profile.phone},
                )
            return redirect("citizens:phone-verify")
        elif form.is_valid():
            try:
                phone_code_verify(profile=profile, code=form.cleaned_data["code"])
            except ApplicationError as exc:
                form.add_error("code", str(exc.message))
                status = exc.status_code
            else:
                messages.success(request, _("Your phone number is verified."))
                return redirect("citizens:profile")
        else:
            status = 400
    return render(
        request,
        "citizens/phone_verify.html",
        {
            "form": form,
            "error": error,
            "profile": profile,
            "pending": phone_verification_get_pending(user=profile.user),
            "demo_sms": settings.NOTIFICATIONS_SMS_PROVIDER == "demo_sms",
        },
        status=status,
    )
