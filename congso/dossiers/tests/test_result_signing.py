"""The signed dossier result: the leader records the result naming a PDF
attachment; after commit the outbox has it signed by the competent authority's
agency certificate (signatures.signing.services.sign_dossier_result) and stores
the signed copy as a new attachment, once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from congso.core.errors import ApplicationError
from congso.core.outbox import outbox_drain
from congso.dossiers.constants import SIGNED_SUFFIX
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.constants import DossierStatus as S
from congso.dossiers.models import DossierAttachment
from congso.dossiers.services import dossier_transition
from congso.dossiers.services.notes import dossier_attachment_add
from congso.dossiers.services.results import dossier_result_sign
from congso.dossiers.tests.factories import advance, receive, three_steps
from congso.signatures import services as pki_services
from congso.signatures.constants import AnchorFamily, CertificateKind
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD
from congso.signatures.pki.testing import throwaway_pki
from congso.signatures.signing.appearance import stamp_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def signing_pki(one_stop, settings, tmp_path):
    """A throw-away PKI installed as the demo one, trusted, and an agency
    certificate (software key) for the commune that decides the dossiers."""
    pki = throwaway_pki(tmp_path / "pki")
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = pki.pki.urls.base
    settings.SIGNATURES_REVOCATION_FETCH = False
    settings.SIGNATURES_TSA_URL = pki.pki.urls.tsa
    pki_install(pki, one_stop.commune)
    return pki


def pki_install(pki: Any, agency: Any) -> None:
    """Trust the throw-away PKI's root and issuing CA and give ``agency`` its
    agency certificate (software key)."""
    for certificate in (pki.root, pki.issuing):
        pki_services.trust_anchor_add(
            data=certificate.public_bytes(serialization.Encoding.PEM),
            family=AnchorFamily.DEMO,
            actor=None,
        )
    pki_services.certificate_import_pkcs12(
        data=pki.agency.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.AGENCY,
        owner_agency=agency,
        actor=None,
    )


def _approved_with_result(one_stop, version=None):
    version = version or three_steps(one_stop)
    dossier = advance(one_stop, receive(one_stop, version), "approve")
    pdf = stamp_pdf("<p>Giấy chứng nhận (kết quả)</p>", width_pt=595, height_pt=842)
    attachment = dossier_attachment_add(
        dossier=dossier,
        title="Giấy chứng nhận",
        file=SimpleUploadedFile("ket-qua.pdf", pdf, content_type="application/pdf"),
        actor=one_stop.users["leader"],
    )
    return dossier, attachment


def test_result_named_at_resolve_is_signed_after_commit(one_stop, signing_pki):
    dossier, attachment = _approved_with_result(one_stop)
    dossier = dossier_transition(
        dossier=dossier,
        action=A.RESOLVE,
        actor=one_stop.users["leader"],
        data={"result_attachment_id": attachment.pk},
    )
    assert dossier.status == S.RESOLVED
    outbox_drain()
    outbox_drain()  # a second run changes nothing
    signed = DossierAttachment.objects.get(title=f"Giấy chứng nhận{SIGNED_SUFFIX}")
    with signed.file.open("rb") as stream:
        data = stream.read()
    reader = PdfFileReader(io.BytesIO(data))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(
        embedded, signer_validation_context=signing_pki.validation_context()
    )
    assert status.bottom_line
    assert status.timestamp_validity.valid
    assert (
        embedded.signer_cert.subject.native["common_name"] == "UBND phường Thử Nghiệm"
    )
    assert DossierAttachment.objects.filter(dossier=dossier).count() == 2
    # Signing the same result again returns the existing copy.
    assert (
        dossier_result_sign(attachment=attachment, actor=one_stop.users["leader"])
        == signed
    )


def test_only_a_result_ready_dossier(one_stop, signing_pki):
    _dossier, attachment = _approved_with_result(one_stop)
    with pytest.raises(ApplicationError):
        dossier_result_sign(attachment=attachment, actor=one_stop.users["leader"])


def test_the_result_file_is_chosen_on_the_dossier_page(client, one_stop, signing_pki):
    dossier, attachment = _approved_with_result(one_stop)
    client.force_login(one_stop.users["leader"])
    url = reverse("dossiers:dossier-detail", args=[dossier.code])
    page = client.get(url).content.decode()
    assert f'<option value="{attachment.pk}">Giấy chứng nhận</option>' in page
    response = client.post(
        reverse("dossiers:dossier-action", args=[dossier.code]),
        {
            "action": A.RESOLVE,
            "expected_version": dossier.row_version,
            "result_attachment": attachment.pk,
        },
    )
    assert response.status_code == 302
    outbox_drain()
    assert DossierAttachment.objects.filter(
        dossier=dossier, title=f"Giấy chứng nhận{SIGNED_SUFFIX}"
    ).exists()


def test_a_result_file_of_another_dossier_is_refused(client, one_stop, signing_pki):
    dossier, _attachment = _approved_with_result(one_stop)
    _other, foreign = _approved_with_result(one_stop, dossier.procedure_version)
    client.force_login(one_stop.users["leader"])
    response = client.post(
        reverse("dossiers:dossier-action", args=[dossier.code]),
        {
            "action": A.RESOLVE,
            "expected_version": dossier.row_version,
            "result_attachment": foreign.pk,
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert "Kết quả cần ký số phải là tệp PDF" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status != S.RESOLVED


def test_the_api_names_the_result_file(client, one_stop, signing_pki):
    dossier, attachment = _approved_with_result(one_stop)
    client.force_login(one_stop.users["leader"])
    response = client.post(
        reverse("api-dossier-action", args=[dossier.code]),
        {
            "action": A.RESOLVE,
            "expected_version": dossier.row_version,
            "result_attachment": attachment.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["dossier"]["status"] == S.RESOLVED
    outbox_drain()
    assert DossierAttachment.objects.filter(
        dossier=dossier, title=f"Giấy chứng nhận{SIGNED_SUFFIX}"
    ).exists()
