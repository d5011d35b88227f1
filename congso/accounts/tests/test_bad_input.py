"""Bad input anywhere gets a clear Vietnamese 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from congso.accounts.tests.factories import World
from congso.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


def test_expired_csrf_token_is_a_vietnamese_403(world: World):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {"login": "leader_a", "password": "x"}, **VI
    )
    assert response.status_code == 403
    assert "hết hạn" in response.content.decode()


def test_wrong_method_on_api_is_json_405_in_vietnamese(client, world: World):
    client.force_login(world.users["leader_a"])
    response = client.post(
        reverse("api-me"), data="{", content_type="application/json", **VI
    )
    assert response.status_code == 405
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert body["detail"] == "Phương thức “POST” không được chấp nhận."


def test_wrong_method_on_pages_is_405(client, world: World):
    client.force_login(world.users["leader_a"])
    assert client.delete(reverse("accounts:agency-list")).status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        {"on": "31/02/2025"},
        {"on": "2025/13/45"},
        {"on": "x" * 5000},
        {"on": "0\u0301"},
    ],
)
def test_garbage_dates_are_400(client, world: World, query):
    client.force_login(world.users["leader_a"])
    assert client.get(reverse("accounts:agency-list"), query, **VI).status_code == 400
    api = client.get(reverse("api-agency-list"), query, **VI)
    assert api.status_code == 400
    assert api.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize("page", ["abc", "-1", "99999999999999999999"])
def test_garbage_page_numbers_fall_back_to_a_real_page(client, world: World, page):
    client.force_login(world.users["leader_a"])
    assert (
        client.get(reverse("accounts:agency-list"), {"page": page}).status_code == 200
    )


def test_unknown_ids_are_404_not_500(client, world: World):
    client.force_login(world.users["admin_p"])
    assert client.get("/org/999999999/").status_code == 404
    assert client.get("/org/99999999999999999999999/").status_code == 404
    assert client.get("/api/v1/agencies/999999999/", **VI).json()["detail"]


def test_invalid_token_is_401_json(client, world: World):
    response = client.get(
        reverse("api-me"), HTTP_AUTHORIZATION="Token not-a-token", **VI
    )
    assert response.status_code == 401
    assert response.json()["detail"]


def test_sign_in_and_failures_are_audited(client, world: World):
    client.post(reverse("account_login"), {"login": "leader_a", "password": "wrong"})
    client.post(
        reverse("account_login"), {"login": "leader_a", "password": "x-Secret-123"}
    )
    types = list(
        AuditEvent.objects.filter(event_type__startswith="accounts.official.sign")
        .order_by("seq")
        .values_list("event_type", "data")
    )
    assert types[0] == ("accounts.official.sign_in_failed", {"username": "leader_a"})
    assert types[1][0] == "accounts.official.signed_in"
