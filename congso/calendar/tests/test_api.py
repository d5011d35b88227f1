"""Calendar API: authentication, listing, due dates, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DAYS = "/api/v1/calendar/days/"
DUE = "/api/v1/calendar/due-date/"


@pytest.fixture
def client_in(client: Client, django_user_model: Any) -> Client:
    user = django_user_model.objects.create_user(username="canbo", password="x")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url", [f"{DAYS}?year=2026", f"{DUE}?start=2026-01-05&value=1&unit=working_days"]
)
def test_anonymous_is_refused(client: Client, url: str) -> None:
    """Only authenticated users may read the calendar API."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_days_of_2026(client_in: Client) -> None:
    """The list has the weekdays off and the make-up Saturdays of the year."""
    response = client_in.get(DAYS, {"year": 2026}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    days = {row["date"]: row for row in response.json()}
    assert days["2026-01-02"]["kind"] == "swap_off"
    assert days["2026-01-02"]["legal_basis"].startswith("Công văn 12729/VPCP-KGVX")
    assert days["2026-01-10"]["is_working_day"] is True
    assert days["2026-08-22"]["kind"] == "makeup_workday"
    assert days["2026-02-16"]["is_working_day"] is False
    assert "2026-02-14" not in days  # a Saturday off is not listed
    assert set(days["2026-09-02"]) == {
        "date",
        "kind",
        "name_vi",
        "legal_basis",
        "source",
        "is_working_day",
    }


def test_due_date(client_in: Client) -> None:
    """31/12/2025 + 3 working days is due 7/1/2026 at the end of office hours."""
    response = client_in.get(
        DUE, {"start": "2025-12-31T10:00:00+07:00", "value": 3, "unit": "working_days"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due_at"] == "2026-01-07T17:00:00+07:00"
    assert body["received_at"] == "2025-12-31T10:00:00+07:00"
    assert (body["value"], body["unit"]) == (3, "working_days")


def test_due_date_accepts_vietnamese_date_order(client_in: Client) -> None:
    """dd/mm/yyyy HH:MM without an offset is read in Vietnam time."""
    response = client_in.get(
        DUE, {"start": "07/03/2025 16:30", "value": 1, "unit": "working_days"}
    )
    assert response.status_code == 200
    assert response.json()["due_at"] == "2025-03-11T17:00:00+07:00"


@pytest.mark.parametrize(
    "params",
    [
        {"start": "31/02/2025", "value": 1, "unit": "working_days"},
        {"start": "not a date", "value": 1, "unit": "working_days"},
        {"start": "2025-03-03T10:00", "value": -1, "unit": "working_days"},
        {"start": "2025-03-03T10:00", "value": "x", "unit": "working_days"},
        {"start": "2025-03-03T10:00", "value": 1, "unit": "fortnights"},
        {"start": "2025-03-03T10:00", "value": 1},
        {"start": "1990-03-03T10:00", "value": 1, "unit": "working_days"},
        {"start": "2035-12-30T10:00", "value": 100, "unit": "working_days"},
    ],
)
def test_due_date_bad_input_is_400(client_in: Client, params: dict[str, Any]) -> None:
    """Bad input gets a 400 JSON error with a detail message, never a 500."""
    response = client_in.get(DUE, params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert "code" in body


@pytest.mark.parametrize("query", [{}, {"year": "abc"}, {"year": 1800}, {"year": 2050}])
def test_days_bad_year_is_400(client_in: Client, query: dict[str, Any]) -> None:
    """A missing, malformed or uncovered year is a 400."""
    response = client_in.get(DAYS, query, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert response.json()["detail"]
