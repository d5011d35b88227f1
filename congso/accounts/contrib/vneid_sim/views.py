"""Pages of the demo provider: its own login page and the wrappers that give
allauth's authorization endpoint the provider's signed-in person (kept under
:data:`SESSION_KEY`, never as the portal's ``request.user``)."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.core import ratelimit
from allauth.core.internal.httpkit import del_query_params
from allauth.idp.oidc import views as oidc_views
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from congso.accounts.contrib.vneid_sim.services import simulated_identity_authenticate
from congso.accounts.models import SimulatedIdentity
from congso.core.forms import NFCFormMixin

SESSION_KEY = "vneid_sim_identity"


class IdentityLoginForm(NFCFormMixin, forms.Form):
    personal_id = forms.RegexField(
        label=gettext_lazy("Personal ID number (12 digits)"),
        regex=r"^[0-9]{12}\Z",
        max_length=12,
        error_messages={
            "invalid": gettext_lazy("The personal ID number has exactly 12 digits.")
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "username"}
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def session_identity(request: HttpRequest) -> SimulatedIdentity | None:
    identity_id = request.session.get(SESSION_KEY)
    if not identity_id:
        return None
    return (
        SimulatedIdentity.objects.select_related("user")
        .filter(pk=identity_id, user__is_active=True)
        .first()
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/vneid-sim/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def identity_login(request: HttpRequest) -> HttpResponse:
    """Cổng định danh điện tử – mô phỏng VNeID: personal ID and password."""
    form = IdentityLoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not ratelimit.consume(request, action="login"):
            form.add_error(None, _("Too many attempts. Try again in a few minutes."))
            status = 429
        elif form.is_valid():
            identity = simulated_identity_authenticate(
                personal_id=form.cleaned_data["personal_id"],
                password=form.cleaned_data["password"],
            )
            if identity is not None:
                request.session.cycle_key()
                request.session[SESSION_KEY] = identity.pk
                return redirect(_next(request) or reverse("vneid_sim:login"))
            form.add_error(None, _("The personal ID number or the password is wrong."))
    return render(
        request,
        "vneid_sim/login.html",
        {"form": form, "next": _next(request), "identity": session_identity(request)},
        status=status,
    )


@csrf_exempt  # allauth's view checks CSRF itself on the consent POST
def authorize(request: HttpRequest) -> HttpResponse:
    """allauth's authorization endpoint, run as the provider's signed-in person."""
    prompts = request.GET.get("prompt", "").split()
    if "login" in prompts:  # the client asks for a fresh sign-in at the provider
        request.session.pop(SESSION_KEY, None)
        rest = " ".join(p for p in prompts if p != "login")
        url = del_query_params(request.get_full_path(), "prompt")
        if rest:
            url = f"{url}&{urlencode({'prompt': rest})}"
        return redirect(f"{reverse('vneid_sim:login')}?{urlencode({'next': url})}")
    identity = session_identity(request)
    if identity is None:
        if request.method != "GET":
            return render(
                request,
                "errors/error.html",
                {
                    "status": 403,
                    "title": _("Access denied"),
                    "detail": _("Your session at the e-identity provider has ended."),
                },
                status=403,
            )
        login = reverse("vneid_sim:login")
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    request.user = identity.user
    response: HttpResponse = oidc_views.authorization(request)
    return response


@require_http_methods(["GET", "POST"])
def logout(request: HttpRequest) -> HttpResponse:
    """End the session at the provider only (the portal session is untouched)."""
    request.session.pop(SESSION_KEY, None)
    target = request.GET.get("post_logout_redirect_uri", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect("vneid_sim:login")
