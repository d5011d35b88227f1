"""Digital signatures on scans handed in at the desk are checked at reception and
shown at once on the dossier page; a bad or unreadable signature never blocks the
reception (the official decides) and never causes an error page."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from congso.dossiers.models import Dossier, DossierComponent
from congso.dossiers.tests.factories import OneStop, three_steps
from congso.signatures import services
from congso.signatures.constants import AnchorFamily
from congso.signatures.pki.testing import ThrowawayPki, throwaway_pki
from congso.signatures.tests.pdfs import blank_pdf, sign_pdf

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
BROKEN_PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayPki:
    return throwaway_pki(tmp_path_factory.mktemp("reception-pki"))


@pytest.fixture
def trusted(pki: ThrowawayPki, settings) -> ThrowawayPki:
    """The throw-away PKI as the installed demo PKI, its CAs in the trust store."""
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = pki.pki.urls.base
    settings.SIGNATURES_REVOCATION_FETCH = False
    for certificate in (pki.root, pki.issuing):
        services.trust_anchor_add(
            data=certificate.public_bytes(Encoding.PEM),
            family=AnchorFamily.DEMO,
            actor=None,
        )
    return pki


@pytest.fixture
def version(one_stop: OneStop):
    return three_steps(one_stop)


def receive_with_scan(client, one_stop: OneStop, version, scan: bytes, name: str):
    required = version.components.get(order=1)
    client.force_login(one_stop.users["reception"])
    return client.post(
        reverse("dossiers:dossier-receive"),
        {
            "receiving_agency": one_stop.centre.pk,
            "procedure_version": version.pk,
            "channel": "in_person",
            "applicant_kind": "person",
            "applicant_name": "Lê Thị Hoa",
            "personal_id": "046090001234",
            "phone": "0912345678",
            f"component_{required.pk}": "on",
            f"file_{required.pk}": SimpleUploadedFile(name, scan, "application/pdf"),
        },
    )


def badge(message: str, **values: str) -> str:
    with translation.override("vi"):
        return gettext(message) % values


def test_a_validly_signed_scan_shows_the_signer(client, one_stop, version, trusted):
    """The applicant hands in a document signed by the ward leader: the component
    stores the check and the dossier page says "valid digital signature of …"."""
    signed = sign_pdf(blank_pdf(), trusted.leader, field="LanhDao")
    response = receive_with_scan(client, one_stop, version, signed, "giay-to.pdf")
    assert response.status_code == 302
    scan = DossierComponent.objects.get()
    assert scan.signature_status == "valid"
    assert scan.signature_checked_at is not None
    [entry] = scan.signature_summary["signatures"]
    assert entry["signer"] == "Trần Thị Lan"
    assert entry["indication"] == "total_passed"
    page = client.get(response["Location"]).content.decode()
    expected = badge("Valid digital signature of %(names)s", names="Trần Thị Lan")
    assert expected in page
    assert expected.startswith("Có chữ ký số hợp lệ của")


def test_a_tampered_scan_is_received_with_a_warning(client, one_stop, version, trusted):
    signed = sign_pdf(blank_pdf("Giay to so 3"), trusted.leader, field="LanhDao")
    tampered = signed.replace(b"Giay to so 3", b"Giay to so 8")
    response = receive_with_scan(client, one_stop, version, tampered, "giay-to.pdf")
    assert response.status_code == 302
    assert Dossier.objects.count() == 1
    scan = DossierComponent.objects.get()
    assert scan.signature_status == "invalid"
    assert scan.signature_summary["signatures"][0]["sub_indication"] == "HASH_FAILURE"
    page = client.get(response["Location"]).content.decode()
    with translation.override("vi"):
        reason = gettext("the document was modified after signing")
    expected = badge(
        "Invalid digital signature of %(names)s: %(reason)s",
        names="Trần Thị Lan",
        reason=reason,
    )
    assert expected in page
    assert "không hợp lệ" in expected


@pytest.mark.parametrize(
    ("scan", "name", "status"),
    [
        (BROKEN_PDF, "hong.pdf", "unreadable"),
        ("unsigned", "scan.pdf", "unsigned"),
        ("password", "mat-khau.pdf", "unreadable"),
        (JPEG, "anh.jpg", ""),
    ],
)
def test_other_scans_never_block_reception(
    client, one_stop, version, trusted, scan, name, status
):
    """Damaged, password-protected or unsigned PDFs and images: received; only
    PDFs are checked."""
    if scan == "unsigned":
        scan = blank_pdf()
    elif scan == "password":
        scan = blank_pdf(user_password="1234")
    response = receive_with_scan(client, one_stop, version, scan, name)
    assert response.status_code == 302
    component = DossierComponent.objects.get()
    assert component.signature_status == status
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    if status == "unreadable":
        assert (
            badge(
                "Signatures could not be checked: %(reason)s",
                reason=str(component.signature_badge.text).split(": ", 1)[1],
            )
            in detail.content.decode()
        )


def test_the_badge_does_not_add_queries(
    client, one_stop, version, trusted, django_assert_max_num_queries
):
    """The badge reads the stored summary only."""
    signed = sign_pdf(blank_pdf(), trusted.leader, field="LanhDao")
    location = receive_with_scan(client, one_stop, version, signed, "a.pdf")["Location"]
    DossierComponent.objects.update(signature_status="", signature_summary={})
    with django_assert_max_num_queries(200) as plain:
        client.get(location)
    DossierComponent.objects.update(
        signature_status="valid",
        signature_summary={"signatures": [{"signer": "Trần Thị Lan"}]},
    )
    with django_assert_max_num_queries(len(plain.captured_queries)):
        page = client.get(location).content.decode()
    assert "Trần Thị Lan" in page
