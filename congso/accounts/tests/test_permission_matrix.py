"""The permission matrix, proved from the wrong side: other agency, other role,
anonymous. Hidden objects answer 404 (existence does not leak), visible objects
the official may not act on answer 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.accounts.tests.factories import World

USERS = [
    "leader_a",
    "head_a",
    "specialist_a",
    "reception_a",
    "clerk_a",
    "admin_p",
    "leader_b",
    "norole",
    None,
]

# target → {user: expected status} for the HTML pages and the API.
VIEW_OFFICE_A = {
    "leader_a": 200,
    "head_a": 200,
    "specialist_a": 200,
    "reception_a": 404,
    "clerk_a": 200,
    "admin_p": 200,
    "leader_b": 404,
    "norole": 404,
}
OFFICIALS_OFFICE_A = {
    "leader_a": 200,
    "head_a": 200,
    "specialist_a": 403,
    "reception_a": 404,
    "clerk_a": 403,
    "admin_p": 200,
    "leader_b": 404,
    "norole": 404,
}
AUDIT_DISTRICT_A = {
    "leader_a": 200,
    "head_a": 404,
    "specialist_a": 404,
    "reception_a": 404,
    "clerk_a": 403,
    "admin_p": 200,
    "leader_b": 404,
    "norole": 404,
}
VIEW_COMMUNE_A = {
    "leader_a": 404,
    "head_a": 404,
    "specialist_a": 404,
    "reception_a": 404,
    "clerk_a": 404,
    "admin_p": 200,
    "leader_b": 404,
    "norole": 404,
}
VIEW_DESK_A = {
    "leader_a": 200,
    "head_a": 404,
    "specialist_a": 404,
    "reception_a": 200,
    "clerk_a": 200,
    "admin_p": 200,
    "leader_b": 404,
    "norole": 404,
}

CASES = [
    ("accounts:agency-detail", "office_a", VIEW_OFFICE_A),
    ("accounts:agency-officials", "office_a", OFFICIALS_OFFICE_A),
    ("accounts:agency-audit", "district_a", AUDIT_DISTRICT_A),
    ("accounts:agency-detail", "commune_a", VIEW_COMMUNE_A),
    ("accounts:agency-detail", "desk_a", VIEW_DESK_A),
]
API_CASES = [
    ("api-agency-detail", "office_a", VIEW_OFFICE_A),
    ("api-agency-officials", "office_a", OFFICIALS_OFFICE_A),
    ("api-agency-detail", "commune_a", VIEW_COMMUNE_A),
]


def _login(client, world: World, who: str | None) -> None:
    if who is not None:
        client.force_login(world.users[who])


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("url_name", "target", "expected"), CASES)
def test_page_permissions(client, world: World, who, url_name, target, expected):
    """Each official sees pages only within their scope; anonymous users are sent
    to the sign-in page."""
    _login(client, world, who)
    response = client.get(reverse(url_name, args=[getattr(world, target).pk]))
    if who is None:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == expected[who], who


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("url_name", "target", "expected"), API_CASES)
def test_api_permissions(client, world: World, who, url_name, target, expected):
    """The API applies the same scope; anonymous callers get 401 with a JSON body."""
    _login(client, world, who)
    response = client.get(reverse(url_name, args=[getattr(world, target).pk]))
    if who is None:
        assert response.status_code == 401
    else:
        assert response.status_code == expected[who], who
    assert "detail" in response.json() or response.status_code == 200


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("leader_a", {"district_a", "office_a", "centre_a", "desk_a"}),
        ("specialist_a", {"office_a"}),
        ("reception_a", {"centre_a", "desk_a"}),
        ("leader_b", {"district_b", "office_b"}),
        (
            "admin_p",
            {
                "province",
                "district_a",
                "office_a",
                "centre_a",
                "desk_a",
                "commune_a",
                "district_b",
                "office_b",
            },
        ),
        ("norole", set()),
    ],
)
def test_agency_lists_are_scoped(client, world: World, who, visible):
    """The organisation list (page and API) shows exactly the agencies in scope."""
    client.force_login(world.users[who])
    expected_ids = {getattr(world, name).pk for name in visible}
    api_ids = {row["id"] for row in client.get(reverse("api-agency-list")).json()}
    assert api_ids == expected_ids
    page = client.get(reverse("accounts:agency-list")).content.decode()
    for name in ["district_b", "commune_a", "office_a"]:
        shown = (
            reverse("accounts:agency-detail", args=[getattr(world, name).pk]) in page
        )
        assert shown == (name in visible)


def test_scope_follows_the_tree_on_the_day(client, world: World):
    """Moving an office to another district moves its officials' visibility with it
    from the effective date, and the past view keeps the old tree."""
    from datetime import date, timedelta

    from django.utils import timezone

    from congso.accounts import selectors, services

    today = timezone.localdate()
    services.agency_version_change(
        agency=world.office_a,
        effective_date=today,
        changes={"parent": world.district_b},
        actor=None,
    )
    leader_b = world.users["leader_b"]
    assert selectors.agency_get_visible(
        user=leader_b, agency_id=world.office_a.pk, on=today
    )
    yesterday = today - timedelta(days=1)
    assert (
        selectors.agency_get_visible(
            user=leader_b, agency_id=world.office_a.pk, on=yesterday
        )
        is None
    )
    assert date(2020, 1, 1) <= yesterday
