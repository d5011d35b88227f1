"""The demo outbox page: staff and system administrators only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from congso.accounts.constants import AgencyLevel, Role
from congso.accounts.tests.factories import agency, official
from congso.notifications.models import DemoMessage

pytestmark = pytest.mark.django_db
URL = "/notifications/demo-outbox/"


def _message(n: int, channel: str = "sms") -> DemoMessage:
    return DemoMessage.objects.create(
        channel=channel,
        provider=f"demo_{channel}",
        sender="UBND-HUE",
        address="+84905123678",
        body=f"Ho so H57-{n:04d} da duoc tiep nhan.",
        idempotency_key=f"k{n}",
    )


def test_url_name():
    assert reverse("notifications:demo-outbox") == URL


def test_anonymous_is_sent_to_login(client: Client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_other_officials_are_refused(client: Client):
    desk = agency("UBND phường Phong Điền", level=AgencyLevel.COMMUNE)
    client.force_login(official("clerk", role=Role.RECEPTION_OFFICER, at=desk))
    _message(1)
    response = client.get(URL)
    assert response.status_code == 403
    assert b"H57-0001" not in response.content


def test_staff_see_messages_newest_first(client: Client):
    user = official("operator")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    _message(1)
    _message(2, channel="zalo")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("H57-0002") < html.index("H57-0001")
    assert "+84905123678" in html
    assert "UBND-HUE" in html


def test_system_administrators_see_the_page(client: Client):
    province = agency("UBND tỉnh P", level=AgencyLevel.PROVINCE)
    client.force_login(official("admin", role=Role.SYSTEM_ADMIN, at=province))
    response = client.get(URL)
    assert response.status_code == 200
    assert "notifications/demo_outbox.html" in [t.name for t in response.templates]


def test_page_query_count_does_not_grow(client: Client, django_assert_max_num_queries):
    user = official("operator")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    _message(1)
    with django_assert_max_num_queries(12) as one:
        client.get(URL)
    for n in range(2, 22):
        _message(n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(URL)


def test_admin_lists_notifications_and_demo_messages(client: Client):
    """The read-only admin pages open for a superuser."""
    user = official("root")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    _message(1)
    for name in ("notification", "demomessage"):
        response = client.get(reverse(f"admin:notifications_{name}_changelist"))
        assert response.status_code == 200
