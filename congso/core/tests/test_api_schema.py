"""The committed OpenAPI schema matches the code, and the API base answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


def test_committed_openapi_schema_has_not_drifted(tmp_path):
    """`make schema` regenerates docs/api/openapi.yaml (in English, the language of
    the API reference); run it after API changes."""
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--lang", "en", "--file", str(out))
    committed = (ROOT / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content.lower()
    assert b"cdn" not in docs.content.lower()


@pytest.mark.django_db
def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["detail"]
