"""The dossiers API: queues, detail, reception and actions, with the project error
format, scope (404), roles (403), anonymous (401) and stale versions (409)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.calendar.worktime import VN_TZ
from congso.dossiers.api.serializers import ReceiptOutput
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier
from congso.dossiers.tests.factories import OneStop, advance, receive, three_steps

pytestmark = pytest.mark.django_db

LIST = "api-dossier-list"


@pytest.fixture
def version(one_stop: OneStop):
    return three_steps(one_stop)


@pytest.fixture
def dossier(one_stop: OneStop, version):
    return receive(one_stop, version)


def test_anonymous_gets_401(client, dossier):
    assert client.get(reverse(LIST)).status_code == 401
    detail = client.get(reverse("api-dossier-detail", args=[dossier.code]))
    assert detail.status_code == 401
    assert "detail" in detail.json()


def test_list_queue_and_search(client, one_stop, dossier):
    client.force_login(one_stop.users["reception"])
    body = client.get(
        reverse(LIST), {"queue": "to_receive", "q": "nguyen van an"}
    ).json()
    assert [row["code"] for row in body["results"]] == [dossier.code]
    assert body["results"][0]["deadline_state"] in {"on_time", "due_soon", "overdue"}
    client.force_login(one_stop.users["specialist"])
    assert client.get(reverse(LIST), {"queue": "to_receive"}).json()["count"] == 0


def test_bad_queue_is_400_in_project_format(client, one_stop):
    client.force_login(one_stop.users["reception"])
    body = client.get(reverse(LIST), {"queue": "nope"})
    assert body.status_code == 400
    assert body.json()["code"] == "invalid"
    assert "queue" in body.json()["errors"]


@pytest.mark.parametrize(("who", "expected"), [("reception", 200), ("land", 404)])
def test_detail_scope(client, one_stop, dossier, who, expected):
    client.force_login(one_stop.users[who])
    response = client.get(reverse("api-dossier-detail", args=[dossier.code]))
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body["dossier"]["code"] == dossier.code
        assert "forward" in body["allowed_actions"]
        assert [s["order"] for s in body["steps"]] == [1, 2, 3]


def _action(client, dossier, action, version, **extra):
    return client.post(
        reverse("api-dossier-action", args=[dossier.code]),
        {"action": action, "expected_version": version, **extra},
        content_type="application/json",
    )


def test_actions_roles_scope_and_stale_version(client, one_stop, dossier):
    u = one_stop.users
    client.force_login(u["land"])
    assert _action(client, dossier, "forward", 0).status_code == 404
    client.force_login(u["specialist"])
    denied = _action(client, dossier, "forward", 0)
    assert denied.status_code == 403
    assert denied.json()["code"] == "role"
    client.force_login(u["reception"])
    ok = _action(client, dossier, "forward", 0)
    assert ok.status_code == 200
    assert ok.json()["dossier"]["status"] == DossierStatus.IN_PROGRESS
    client.force_login(u["specialist"])
    stale = _action(client, dossier, "hand_over", 0)
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    wrong = _action(client, dossier, "return_result", 1)
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "transition_not_allowed"


def _receive_payload(version, **applicant):
    required = version.components.get(order=1)
    return {
        "procedure_version": version.pk,
        "applicant": {
            "name": "Nguyễn Văn An",
            "personal_id": "046090001234",
            **applicant,
        },
        "component_ids": [required.pk],
    }


def test_receive_creates_a_dossier(client, one_stop, version):
    client.force_login(one_stop.users["reception"])
    response = client.post(
        reverse(LIST), _receive_payload(version), content_type="application/json"
    )
    assert response.status_code == 201
    receipt = response.json()
    dossier = Dossier.objects.get()
    assert receipt["code"] == dossier.code
    assert receipt["status"] == DossierStatus.RECEIVED
    assert receipt["due_at"] == dossier.due_at.astimezone(VN_TZ).isoformat()
    assert response["Location"].endswith(f"/api/v1/dossiers/{dossier.code}/")
    assert receipt["receipt_url"].endswith(
        f"/dossiers/{dossier.code}/slips/receipt.pdf"
    )
    assert client.get(response["Location"]).json()["dossier"]["code"] == dossier.code
    assert set(receipt) == set(ReceiptOutput().fields)  # the schema says the same


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"applicant": {"name": "An", "personal_id": "12345"}}, 400, "errors"),
        ({"component_ids": []}, 400, "missing"),
        ({"component_ids": [999999]}, 400, "errors"),
        ({"procedure_version": 999999}, 400, "errors"),
    ],
)
def test_receive_bad_input_stores_nothing(
    client, one_stop, version, payload, status, field
):
    client.force_login(one_stop.users["reception"])
    body = {**_receive_payload(version), **payload}
    response = client.post(reverse(LIST), body, content_type="application/json")
    assert response.status_code == status
    assert field in response.json()
    assert not Dossier.objects.exists()


def test_receive_needs_the_desk_role(client, one_stop, version):
    client.force_login(one_stop.users["specialist"])
    response = client.post(
        reverse(LIST), _receive_payload(version), content_type="application/json"
    )
    assert response.status_code == 403


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(LIST)).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_is_constant(client, one_stop, version):
    client.force_login(one_stop.users["reception"])
    advance(one_stop, receive(one_stop, version), "handle")
    one = _queries(client)
    for _ in range(19):
        receive(one_stop, version)
    assert _queries(client) == one
