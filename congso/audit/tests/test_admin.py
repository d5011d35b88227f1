import pytest
from django.urls import reverse


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    admin = django_user_model.objects.create_superuser(username="quantri", password="x")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_admin_lists_and_shows_events_read_only(admin_client_logged_in, record):
    """The list and detail pages work; add, change and delete are not offered."""
    event = record(actor=None, object_type="calendar.year", object_id="2026")
    client = admin_client_logged_in
    changelist = reverse("admin:audit_auditevent_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "2026"}).status_code == 200
    assert client.get(changelist, {"event_type": event.event_type}).status_code == 200
    detail = reverse("admin:audit_auditevent_change", args=[event.pk])
    response = client.get(detail)
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
