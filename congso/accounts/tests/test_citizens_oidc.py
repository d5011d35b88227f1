"""A real OpenID Connect round trip against the demo provider (VNeID mô phỏng),
over HTTP on a live server: the portal's client fetches discovery, the citizen signs
in at the provider and consents, the callback exchanges the code for tokens and reads
userinfo server-to-server, and a verified citizen account exists at the end."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
import requests
from django.core.cache import cache

from congso.accounts.contrib.vneid_sim.services import (
    portal_client_ensure,
    simulated_identity_ensure,
)
from congso.accounts.models import CitizenProfile, SimulatedIdentity, User
from congso.accounts.selectors import citizen_is_verified, user_is_official
from congso.accounts.tests.citizen_factories import citizen

pytestmark = [pytest.mark.django_db(transaction=True)]
PERSONAL_ID = "046078003456"
PASSWORD = "VNeID@2025"


@pytest.fixture
def provider(live_server, settings):
    """Point the portal's OpenID client at the live server's demo provider."""
    cache.clear()
    apps = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    app = {**apps[0], "settings": {**apps[0]["settings"]}}
    app["settings"]["server_url"] = f"{live_server.url}/vneid-sim"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [app],
        }
    }
    portal_client_ensure(base_urls=[live_server.url])
    simulated_identity_ensure(
        personal_id=PERSONAL_ID,
        full_name="Lê Quang Huy",
        password=PASSWORD,
        email="lequanghuy@example.vn",
        phone="0935345678",
        address="45 Nguyễn Huệ, phường Vĩnh Ninh, thành phố Huế",
    )
    return live_server.url


def _csrf(session: requests.Session) -> str:
    return str(session.cookies["csrftoken"])


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return unescape(match.group(1))


def _sign_in_through_vneid(base: str, *, grant: bool = True) -> requests.Response:
    s = requests.Session()
    s.headers["Accept-Language"] = "vi"
    assert s.get(f"{base}/cong-dan/dang-nhap/", timeout=30).status_code == 200
    # The VNeID button: allauth's provider login → the provider's authorize endpoint
    # → its own login page (the citizen is not signed in there yet).
    r = s.post(
        f"{base}/accounts/oidc/vneid/login/",
        data={"csrfmiddlewaretoken": _csrf(s), "next": "/thu-tuc/"},
        headers={"Referer": f"{base}/cong-dan/dang-nhap/"},
        timeout=30,
    )
    assert r.status_code == 200
    assert urlsplit(r.url).path == "/vneid-sim/dang-nhap/"
    assert "mô phỏng VNeID" in r.text
    r = s.post(
        r.url,
        data={
            "csrfmiddlewaretoken": _csrf(s),
            "personal_id": PERSONAL_ID,
            "password": PASSWORD,
            "next": _hidden(r.text, "next"),
        },
        headers={"Referer": r.url},
        timeout=30,
    )
    # Consent page of the provider.
    assert r.status_code == 200, r.text[:500]
    assert urlsplit(r.url).path == "/vneid-sim/identity/o/authorize"
    return s.post(
        f"{base}/vneid-sim/identity/o/authorize",
        data={
            "csrfmiddlewaretoken": _csrf(s),
            "request": _hidden(r.text, "request"),
            "scopes": ["openid", "profile", "email"],
            "action": "grant" if grant else "cancel",
        },
        headers={"Referer": r.url},
        timeout=60,
    )


def test_oidc_round_trip_creates_a_verified_citizen(provider):
    response = _sign_in_through_vneid(provider)
    assert response.status_code == 200, response.text[:800]
    assert urlsplit(response.url).path == "/thu-tuc/"
    profile = CitizenProfile.objects.select_related("user").get(personal_id=PERSONAL_ID)
    assert profile.identity_verified
    assert profile.identity_provider == "oidc"
    assert profile.user.full_name == "Lê Quang Huy"
    assert profile.phone == "0935345678"
    assert profile.address.startswith("45 Nguyễn Huệ")
    assert citizen_is_verified(user=profile.user)
    assert not user_is_official(user=profile.user)
    # The portal account is not the provider's identity row.
    identity = SimulatedIdentity.objects.get(personal_id=PERSONAL_ID)
    assert identity.user_id != profile.user_id
    assert not identity.user.has_usable_password()
    assert "Lê Quang Huy" in response.text  # signed in: the navbar shows the name


def test_second_round_trip_signs_in_the_same_citizen(provider):
    assert _sign_in_through_vneid(provider).status_code == 200
    assert _sign_in_through_vneid(provider).status_code == 200
    assert CitizenProfile.objects.filter(personal_id=PERSONAL_ID).count() == 1
    assert User.objects.filter(citizen_profile__isnull=False).count() == 1


def test_verified_identity_takes_the_id_from_an_unverified_local_account(provider):
    squatter = citizen("squatter@example.vn", personal_id=PERSONAL_ID)
    assert _sign_in_through_vneid(provider).status_code == 200
    squatter.refresh_from_db()
    assert squatter.personal_id == ""
    assert CitizenProfile.objects.get(personal_id=PERSONAL_ID).identity_verified


def test_refusing_consent_creates_no_account(provider):
    response = _sign_in_through_vneid(provider, grant=False)
    assert response.status_code in (200, 400, 403)
    assert not CitizenProfile.objects.exists()


def test_provider_login_refuses_a_wrong_password(provider):
    s = requests.Session()
    r = s.get(f"{provider}/vneid-sim/dang-nhap/", timeout=30)
    r = s.post(
        f"{provider}/vneid-sim/dang-nhap/",
        data={
            "csrfmiddlewaretoken": _csrf(s),
            "personal_id": PERSONAL_ID,
            "password": "wrong",
        },
        headers={"Referer": r.url},
        timeout=30,
    )
    assert r.status_code == 400
    # The provider's identities never sign in to the portal itself.
    r = s.get(f"{provider}/cong-dan/dang-nhap/", timeout=30)
    r = s.post(
        f"{provider}/accounts/login/",
        data={
            "csrfmiddlewaretoken": _csrf(s),
            "login": f"vneid-sim:{PERSONAL_ID}",
            "password": PASSWORD,
        },
        headers={"Referer": r.url},
        timeout=30,
    )
    assert r.status_code == 200  # the form again, not a redirect
    assert "sessionid" not in s.cookies
