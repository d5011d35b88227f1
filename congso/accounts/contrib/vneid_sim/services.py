"""Writes of the demo provider: its identities and the portal's client record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from allauth.idp.oidc.models import Client
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from congso.accounts.models import SimulatedIdentity, User

#: Usernames of the provider-side users; never portal accounts.
USERNAME_PREFIX = "vneid-sim:"


@transaction.atomic
def simulated_identity_ensure(
    *,
    personal_id: str,
    full_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    address: str = "",
    birth_date: date | None = None,
) -> SimulatedIdentity:
    """Create or refresh one demo person (idempotent on the personal ID)."""
    identity = SimulatedIdentity.objects.filter(personal_id=personal_id).first()
    if identity is None:
        user = User(username=f"{USERNAME_PREFIX}{personal_id}", full_name=full_name)
        user.set_unusable_password()  # never signs in to the portal
        user.save()
        identity = SimulatedIdentity(user=user, personal_id=personal_id)
    identity.full_name = full_name
    identity.email = email
    identity.phone = phone
    identity.address = address
    identity.birth_date = birth_date
    if not identity.password or not check_password(password, identity.password):
        identity.password = make_password(password)
    identity.full_clean(exclude=["user"])
    identity.save()
    return identity


def simulated_identity_authenticate(
    *, personal_id: str, password: str
) -> SimulatedIdentity | None:
    identity = (
        SimulatedIdentity.objects.select_related("user")
        .filter(personal_id=personal_id, user__is_active=True)
        .first()
    )
    if identity is None:
        make_password(password)  # same work whether or not the ID exists
        return None
    return identity if check_password(password, identity.password) else None


def portal_redirect_uris(base_urls: Iterable[str]) -> list[str]:
    path = f"/accounts/oidc/{settings.CITIZEN_OIDC_PROVIDER_ID}/login/callback/"
    return [f"{base.rstrip('/')}{path}" for base in dict.fromkeys(base_urls)]


@transaction.atomic
def portal_client_ensure(*, base_urls: Iterable[str]) -> Client:
    """The portal's registration at the demo provider, matching
    ``CONGSO_CITIZEN_OIDC_CLIENT_ID``/``_SECRET`` (idempotent; adds redirect URIs)."""
    client = Client.objects.filter(id=settings.CITIZEN_OIDC_CLIENT_ID).first()
    if client is None:
        client = Client(id=settings.CITIZEN_OIDC_CLIENT_ID)
    client.name = "Cổng dịch vụ công Công Sở"
    client.type = Client.Type.CONFIDENTIAL
    client.secret = make_password(settings.CITIZEN_OIDC_CLIENT_SECRET)
    client.set_scopes(["openid", "profile", "email"])
    client.set_default_scopes(["openid", "profile", "email"])
    client.grant_types = Client.GrantType.AUTHORIZATION_CODE
    client.response_types = "code"
    uris = list(
        dict.fromkeys([*client.get_redirect_uris(), *portal_redirect_uris(base_urls)])
    )
    client.set_redirect_uris(uris)
    client.skip_consent = False
    client.save()
    return client
