"""The receipt's QR code leads to the public lookup page of its dossier."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.dossiers import slips
from congso.portal.tests.conftest import MASKED, Lookup

pytestmark = pytest.mark.django_db

PUBLIC = "https://dichvucong.hue.gov.vn"


@pytest.fixture
def printed(monkeypatch) -> list[str]:
    """The lookup URLs the receipt view hands to the slip builder."""
    urls: list[str] = []
    build = slips.receipt_slip

    def spy(dossier, *, lookup_url: str, **kwargs):
        urls.append(lookup_url)
        return build(dossier, lookup_url=lookup_url, **kwargs)

    monkeypatch.setattr(slips, "receipt_slip", spy)
    return urls


def receipt(client, lookup: Lookup):
    client.force_login(lookup.one_stop.users["reception"])
    path = reverse("dossiers:dossier-slip", args=[lookup.waiting.code, "receipt"])
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.logout()


def test_qr_points_to_the_public_base_url(client, settings, lookup, printed) -> None:
    """With CONGSO_PUBLIC_BASE_URL set, the QR code is the portal address + the
    lookup path, whatever address the official printed from."""
    settings.PUBLIC_BASE_URL = PUBLIC
    receipt(client, lookup)
    assert printed == [f"{PUBLIC}/tra-cuu/{lookup.waiting.code}/"]


def test_qr_falls_back_to_the_request_address(client, settings, lookup, printed):
    """Without it, the address of the request; an anonymous visitor following
    the link lands on the dossier's public page."""
    settings.PUBLIC_BASE_URL = ""
    receipt(client, lookup)
    assert printed == [f"http://testserver/tra-cuu/{lookup.waiting.code}/"]
    response = client.get(printed[0].removeprefix("http://testserver"))
    assert response.status_code == 200
    assert MASKED in response.content.decode()


def test_lookup_url_needs_a_base_or_a_request(settings) -> None:
    settings.PUBLIC_BASE_URL = ""
    with pytest.raises(ValueError, match="CONGSO_PUBLIC_BASE_URL"):
        slips.lookup_url("H57.10.01-260302-0001")
