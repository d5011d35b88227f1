"""The public verification page: upload → simple and detailed report in
Vietnamese, the XML download, refusals, size and rate limits, CSRF.

The Vietnamese texts come from locale/fragments/signatures_validation.po; until
the lead merges it into the project catalogue, run these tests with a merged
scratch catalogue (docs/subsystems/signatures.md, "Verification")."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from lxml import etree

from congso.signatures.pki.testing import ThrowawayPki
from congso.signatures.tests.pdfs import blank_pdf, sign_pdf
from congso.signatures.validation.constants import ETSI_REPORT_NS

pytestmark = pytest.mark.django_db

URL = "/signatures/verify/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def two_step(pki: ThrowawayPki) -> bytes:
    leader = sign_pdf(blank_pdf(), pki.leader, field="LanhDao")
    return sign_pdf(
        leader, pki.agency, field="CoQuan", timestamper=pki.tsa_timestamper()
    )


def upload(client: Client, data: bytes, name: str = "quyet-dinh.pdf", **extra):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, data, "application/pdf")}, **extra
    )


def vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def test_the_page_is_public_and_vietnamese(client):
    assert reverse("signatures:verification-upload") == URL
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xác thực văn bản ký số" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,application/pdf"' in page


def test_a_valid_document_gets_the_simple_and_detailed_report(
    client, anchors, two_step
):
    """Anonymous upload of the leader-then-agency decision: one card per
    signature with the verdict in words (not colour alone), signer, CA, time-stamp,
    level, changes; the detailed checks; the XML link."""
    response = upload(client, two_step)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chữ ký 1: Hợp lệ" in page
    assert "Chữ ký 2: Hợp lệ" in page
    assert "Chữ ký số trong văn bản hợp lệ (2 chữ ký)." in page
    for fact in (
        "Trần Thị Lan",
        "Chủ tịch UBND phường",
        "Công Sở Demo Issuing CA",
        "Công Sở Demo TSA",
        "PAdES-BASELINE-B",
        "PAdES-BASELINE-T",
        "Báo cáo chi tiết",
        "Dữ liệu chẩn đoán",
        "quyet-dinh.pdf",
    ):
        assert fact in page, fact
    assert ">Valid<" not in page
    assert 'aria-hidden="true">✔</span>' in page
    xml_url = reverse(
        "signatures:verification-report-xml", args=[response.context["token"]]
    )
    assert xml_url in page


def test_a_tampered_document_is_reported_invalid(client, anchors, pki):
    signed = sign_pdf(blank_pdf("Giay xac nhan 12"), pki.leader, field="Sig")
    response = upload(client, signed.replace(b"xac nhan 12", b"xac nhan 99"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chữ ký 1: Không hợp lệ" in page
    assert (
        vi(
            "The document was modified after signing: its content no longer matches "
            "the signature."
        )
        in page
    )


def test_the_xml_report_downloads(client, anchors, two_step):
    response = upload(client, two_step)
    xml = client.get(
        reverse("signatures:verification-report-xml", args=[response.context["token"]])
    )
    assert xml.status_code == 200
    assert xml["Content-Type"].startswith("application/xml")
    assert "attachment" in xml["Content-Disposition"]
    root = etree.fromstring(xml.content)
    assert len(root.findall(f"{{{ETSI_REPORT_NS}}}SignatureValidationReport")) == 2
    unknown = reverse("signatures:verification-report-xml", args=["nope"])
    assert client.get(unknown).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"PK\x03\x04 a zip",
            "The file is not a PDF document. Only signed PDF files can be verified here.",
        ),
        (
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
            "The PDF file is damaged or does not follow the PDF standard, so its signatures cannot be read.",
        ),
        ("unsigned", "The PDF file contains no digital signature."),
        (
            "password",
            "The PDF file is protected by a password, so its signatures cannot be checked. Upload the file without a password.",
        ),
    ],
)
def test_files_that_cannot_be_checked_get_a_vietnamese_message(
    client, anchors, data, message
):
    if data == "unsigned":
        data = blank_pdf()
    elif data == "password":
        data = blank_pdf(user_password="mat-khau")
    response = upload(client, data)
    assert response.status_code == 400
    assert vi(message) in response.content.decode()
    assert vi(message) != message  # translated


def test_an_oversized_body_is_refused_before_it_is_read(client):
    response = client.post(
        URL,
        b"--x--",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Tệp lớn hơn" in response.content.decode()


def test_rate_limit(client, settings):
    """Each upload is charged, even a refused one; over the limit: 429 with
    Retry-After and a Vietnamese message."""
    settings.SIGNATURES_VERIFY_RATE_LIMIT = 2
    for _ in range(2):
        assert upload(client, b"not a pdf").status_code == 400
    response = upload(client, b"not a pdf")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Bạn đã kiểm tra quá nhiều tệp" in response.content.decode()


def test_csrf_is_still_enforced():
    response = upload(Client(enforce_csrf_checks=True), b"%PDF-1.7")
    assert response.status_code == 403
