"""Web shell: sign-in with lockout, the home page per role, bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.accounts.tests.factories import World

pytestmark = pytest.mark.django_db


def test_login_then_home_shows_positions(client, world: World):
    response = client.post(
        reverse("account_login"),
        {"login": "leader_a", "password": "x-Secret-123"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 302
    home = client.get(reverse("accounts:home"))
    assert home.status_code == 200
    assert "UBND huyện A" in home.content.decode()


def test_home_shows_background_jobs_only_to_administrators(client, world: World):
    client.force_login(world.users["admin_p"])
    assert (
        reverse("admin:core_outboxmessage_changelist")
        in client.get("/").content.decode()
    )
    client.force_login(world.users["specialist_a"])
    assert (
        reverse("admin:core_outboxmessage_changelist")
        not in client.get("/").content.decode()
    )


def test_repeated_failures_lock_the_account_with_429(client, world: World, settings):
    """After the configured number of failures the account is locked for that address
    (HTTP 429, Vietnamese page), even with the right password."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("account_login"), {"login": "leader_a", "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": "leader_a", "password": "x-Secret-123"}
    )
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    # Another official from the same address is not locked out.
    other = client.post(
        reverse("account_login"), {"login": "leader_b", "password": "x-Secret-123"}
    )
    assert other.status_code == 302


def test_bad_date_in_query_is_a_vietnamese_400(client, world: World):
    client.force_login(world.users["leader_a"])
    response = client.get(reverse("accounts:agency-list"), {"on": "13/31/2025"})
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()
    api = client.get(
        reverse("api-agency-list"), {"on": "2025-02-30"}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert api.status_code == 400
    assert "on" in api.json()["errors"]


def test_dates_typed_day_first(client, world: World):
    """02/09/2025 means 2 September 2025."""
    client.force_login(world.users["leader_a"])
    response = client.get(reverse("accounts:agency-list"), {"on": "02/09/2025"})
    assert response.status_code == 200
    assert response.context["on"].month == 9


def test_agency_list_exports_to_excel(client, world: World):
    client.force_login(world.users["leader_a"])
    response = client.get(reverse("accounts:agency-list"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(
        load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert {r[0] for r in rows[1:]} == {
        "UBND huyện A",
        "Phòng Tư pháp A",
        "Trung tâm HCC A",
        "Bộ phận một cửa A",
    }


def test_logout_by_get_is_refused(client, world: World):
    client.force_login(world.users["leader_a"])
    client.get(reverse("account_logout"))
    assert client.get(reverse("accounts:home")).status_code == 200


def test_home_lists_days_off_of_the_next_60_days(client, world: World, time_machine):
    """On 20/12/2025 the home page announces the 2026 New Year swap."""
    from datetime import datetime

    from congso.calendar.worktime import VN_TZ

    time_machine.move_to(datetime(2025, 12, 20, 9, 0, tzinfo=VN_TZ))
    client.force_login(world.users["specialist_a"])
    page = client.get(reverse("accounts:home")).content.decode()
    assert "02/01/2026" in page
    assert "10/01/2026" in page
