"""The public lookup API: anonymous, the page's fields only, errors in the
project's JSON format, in the OpenAPI schema."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from congso.portal.api.serializers import NOT_FOUND
from congso.portal.forms import INVALID_CODE
from congso.portal.tests.conftest import MASKED, REFUSAL_NOTE, Lookup, secrets_of

pytestmark = pytest.mark.django_db

DOSSIER_KEYS = {
    "code",
    "status",
    "status_label",
    "procedure_name",
    "applicant_masked",
    "receiving_agency_name",
    "current_agency_name",
    "received_at",
    "due_at",
    "first_due_at",
    "finished_at",
    "returned_at",
    "timeliness",
    "timeliness_label",
    "reason",
    "steps",
    "history",
}
STEP_KEYS = {
    "order",
    "name",
    "agency_name",
    "started_at",
    "finished_at",
    "result",
    "result_label",
    "is_current",
}
EVENT_KEYS = {
    "occurred_at",
    "action",
    "description",
    "status",
    "status_label",
    "agency_name",
    "reason",
    "new_due_at",
}


def url(code: str) -> str:
    return reverse("api-public-dossier-detail", args=[code])


def vi(msgid: str) -> str:
    with translation.override("vi"):
        return gettext(msgid)


def test_anonymous_client_gets_exactly_the_public_fields(
    client, lookup: Lookup
) -> None:
    response = client.get(url(lookup.returned.code))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == DOSSIER_KEYS
    assert {key for step in data["steps"] for key in step} == STEP_KEYS
    assert {key for event in data["history"] for key in event} == EVENT_KEYS
    assert data["code"] == lookup.returned.code
    assert (data["status"], data["status_label"]) == ("returned", "Đã trả kết quả")
    assert data["applicant_masked"] == MASKED
    assert data["due_at"] == "2026-03-09T16:00:00+07:00"
    assert data["first_due_at"] == "2026-03-06T17:00:00+07:00"
    assert (data["timeliness"], data["timeliness_label"]) == ("early", "Trước hạn")
    assert [e["action"] for e in data["history"]][-2:] == ["resolve", "return_result"]


def test_refusal_reason_is_in_the_answer(client, lookup: Lookup) -> None:
    data = client.get(url(lookup.refused.code.lower())).json()
    assert data["status"] == "refused"
    assert data["reason"] == REFUSAL_NOTE
    assert data["current_agency_name"] == ""


def test_json_leaks_nothing_private(client, lookup: Lookup) -> None:
    """No full name, personal ID, phone, address, internal note or official."""
    for dossier in (lookup.waiting, lookup.returned, lookup.refused):
        text = json.dumps(client.get(url(dossier.code)).json(), ensure_ascii=False)
        assert [secret for secret in secrets_of(lookup) if secret in text] == []


def test_credentials_are_not_needed_nor_checked(client, lookup: Lookup) -> None:
    """A public endpoint: even a bogus token does not turn it into a 401."""
    response = client.get(
        url(lookup.waiting.code), HTTP_AUTHORIZATION="Token not-a-real-token"
    )
    assert response.status_code == 200


def test_unknown_code_is_a_json_404(client, lookup: Lookup) -> None:
    response = client.get(url("H57.10.01-260302-0777"))
    assert response.status_code == 404
    assert response.json() == {"detail": vi(str(NOT_FOUND)), "code": "not_found"}


@pytest.mark.parametrize("code", ["abc", "H57.10.01 260302", "y" * 61])
def test_malformed_code_is_a_json_400(client, code: str) -> None:
    response = client.get(url(code))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {"code": [vi(str(INVALID_CODE))]}


def test_query_count_is_constant(client, lookup: Lookup) -> None:
    """One query on the read model, whatever the history's length."""
    counts = []
    for dossier in (lookup.refused, lookup.returned):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(dossier.code)).status_code == 200
        counts.append(len(queries))
    assert counts == [1, 1]


def test_endpoint_is_in_the_schema_without_authentication(client) -> None:
    """Listed with its error answers and no security requirement (the other
    operations name tokenAuth and cookieAuth)."""
    schema = client.get("/api/schema/").content.decode()
    start = schema.index("  /api/v1/public/dossiers/{code}/:")
    end = schema.index("\n  /", start + 1) if "\n  /" in schema[start + 1 :] else None
    operation = schema[start:end].split("\ncomponents:")[0]
    assert "operationId: public_dossiers_retrieve" in operation
    assert all(f"'{status}':" in operation for status in (200, 400, 404, 429))
    assert "security:" not in operation
    assert "tokenAuth" in schema
