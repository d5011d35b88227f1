"""``IDP_OIDC_ADAPTER`` of the demo provider: issuer under ``/vneid-sim``, claims from
the simulated identity, and only simulated identities as subjects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from allauth.idp.oidc.adapter import DefaultOIDCAdapter
from allauth.idp.oidc.models import Client
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import SimulatedIdentity

WELL_KNOWN = "/.well-known/openid-configuration"


def issuer_path() -> str:
    """``/vneid-sim``: where the provider is mounted (its discovery URL minus the
    well-known suffix)."""
    return reverse("idp:oidc:configuration").removesuffix(WELL_KNOWN)


class VNeIDSimAdapter(DefaultOIDCAdapter):  # type: ignore[misc]
    scope_display = {
        "openid": _("Your identifier at the e-identity provider"),
        "email": _("Your e-mail address"),
        "profile": _(
            "Your full name, personal ID number, date of birth, phone number and "
            "address"
        ),
    }

    def get_issuer(self) -> str:
        return str(self.request.build_absolute_uri(issuer_path()))

    def get_claims(
        self,
        purpose: Literal["id_token", "userinfo"],
        user: AbstractBaseUser,
        client: Client,
        scopes: Iterable[str],
        email: str | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        scopes = list(scopes)
        claims: dict[str, Any] = {"sub": self.get_user_sub(client, user)}
        identity = SimulatedIdentity.objects.filter(user_id=user.pk).first()
        if identity is None:
            return claims
        if "email" in scopes and identity.email:
            claims.update({"email": identity.email, "email_verified": True})
        if "profile" in scopes:
            claims.update(
                {
                    "name": identity.full_name,
                    settings.CITIZEN_OIDC_PERSONAL_ID_CLAIM: identity.personal_id,
                }
            )
            if identity.birth_date:
                claims["birthdate"] = identity.birth_date.isoformat()
            if identity.phone:
                claims.update(
                    {"phone_number": identity.phone, "phone_number_verified": True}
                )
            if identity.address:
                claims["address"] = {"formatted": identity.address}
        return claims

    def get_user_by_sub(self, client: Client, sub: str) -> AbstractBaseUser | None:
        user: AbstractBaseUser | None = super().get_user_by_sub(client, sub)
        if (
            user is None
            or not SimulatedIdentity.objects.filter(user_id=user.pk).exists()
        ):
            return None
        return user
