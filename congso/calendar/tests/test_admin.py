"""Admin pages save through the services (validation and audit)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from congso.audit.models import AuditEvent
from congso.calendar.constants import DaySource
from congso.calendar.models import CalendarDay

pytestmark = pytest.mark.django_db

ADD = "/admin/workcalendar/calendarday/add/"


@pytest.fixture
def admin_in(client: Client, django_user_model: Any) -> Client:
    user = django_user_model.objects.create_superuser(username="quantri", password="x")
    client.force_login(user)
    return client


def test_admin_add_goes_through_the_service(admin_in: Client) -> None:
    """Adding a day in the admin writes an admin row and an audit event."""
    response = admin_in.post(
        ADD,
        {
            "date": "01/12/2026",
            "kind": "holiday",
            "name_vi": "Ngày nghỉ của tỉnh",
            "legal_basis": "Quyết định 1/QĐ-UBND",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    row = CalendarDay.objects.get(date=date(2026, 12, 1))
    assert row.source == DaySource.ADMIN
    assert AuditEvent.objects.filter(event_type="calendar.calendar_day.set").exists()


def test_admin_refuses_a_weekday_makeup_day(admin_in: Client) -> None:
    """An invalid override is shown as a form error and stores nothing."""
    response = admin_in.post(
        ADD,
        {"date": "02/12/2026", "kind": "makeup_workday", "name_vi": "Làm bù"},
    )
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date=date(2026, 12, 2)).exists()


def test_admin_cannot_delete_library_rows(admin_in: Client) -> None:
    """Library rows have no delete permission in the admin."""
    row = CalendarDay.objects.get(date=date(2026, 9, 2))
    response = admin_in.post(
        f"/admin/workcalendar/calendarday/{row.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert CalendarDay.objects.filter(pk=row.pk).exists()
