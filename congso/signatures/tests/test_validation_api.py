"""``POST /api/v1/signatures/verify/``: the report as JSON, the project's error
format for refusals, the shared rate limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.signatures.pki.testing import ThrowawayPki
from congso.signatures.tests.pdfs import blank_pdf, sign_pdf

pytestmark = pytest.mark.django_db

URL = "/api/v1/signatures/verify/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def post(client, data: bytes, **extra):
    return client.post(
        URL,
        {"file": SimpleUploadedFile("van-ban.pdf", data, "application/pdf")},
        **extra,
    )


def test_the_report_as_json(client, anchors, pki: ThrowawayPki):
    """Anonymous: verdict per signature, the checks, the diagnostic data apart,
    and a link to the ETSI XML that works."""
    assert reverse("api-signatures-verify") == URL
    leader = sign_pdf(blank_pdf(), pki.leader, field="LanhDao")
    signed = sign_pdf(
        leader, pki.agency, field="CoQuan", timestamper=pki.tsa_timestamper()
    )
    response = post(client, signed)
    assert response.status_code == 200
    body = response.json()
    assert body["indication"] == "total_passed"
    assert body["file_name"] == "van-ban.pdf"
    assert [s["indication"] for s in body["signatures"]] == ["total_passed"] * 2
    first, second = body["signatures"]
    assert first["signer"]["common_name"] == "Trần Thị Lan"
    assert first["signer"]["issuer_common_name"] == "Công Sở Demo Issuing CA"
    assert first["level"] == "pades_baseline_b"
    assert first["modification"] == "permitted"
    assert second["timestamp"]["tsa_name"] == "Công Sở Demo TSA"
    assert [c["code"] for c in first["checks"]] == [
        "format",
        "identification",
        "cryptography",
        "algorithms",
        "x509",
        "validity",
        "revocation",
        "timestamp",
        "modification",
    ]
    assert first["diagnostics"]["ades_status"] == "PASSED"
    assert first["diagnostics"]["process"] == "basic"
    assert first["diagnostics"]["signature_field"] == "LanhDao"
    assert len(first["diagnostics"]["path"]) == 3
    xml = client.get(body["etsi_report_url"])
    assert xml.status_code == 200
    assert b"SignatureValidationReport" in xml.content


def test_a_revoked_signer_is_indeterminate(client, anchors, pki: ThrowawayPki):
    from datetime import UTC, datetime, timedelta

    from congso.signatures.pki.names import distinguished_name
    from congso.signatures.pki.profiles import Profile

    signer, _ = pki.pki.issue(
        slug="verify-api-revoked",
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="Thu Hồi API"),
    )
    signed = sign_pdf(blank_pdf(), signer, field="Sig")
    pki.pki.issuing.revoke(
        serial_number=signer.certificate.serial_number,
        revoked_at=datetime.now(UTC) - timedelta(minutes=1),
    )
    [signature] = post(client, signed).json()["signatures"]
    assert signature["indication"] == "indeterminate"
    assert signature["sub_indication"] == "REVOKED_NO_POE"
    assert signature["diagnostics"]["revocation"]["reason"] == "unspecified"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n", "not_pdf"),
        (b"%PDF-1.4\ngarbage", "corrupt_pdf"),
        ("unsigned", "no_signature"),
        ("password", "encrypted_pdf"),
    ],
)
def test_refusals_use_the_error_format(client, anchors, data, code):
    if data == "unsigned":
        data = blank_pdf()
    elif data == "password":
        data = blank_pdf(user_password="123456")
    response = post(client, data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]


def test_missing_file_is_a_validation_error(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_size_and_rate_limits(client, settings):
    response = client.post(
        URL,
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(11 * 1024 * 1024 + 70 * 1024),
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    settings.SIGNATURES_VERIFY_RATE_LIMIT = 1
    assert post(client, b"nope").status_code == 400
    throttled = post(client, b"nope")
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "throttled"
