"""The signing demo: images for every demo certificate owner and a decision of
UBND phường Phong Điền signed by its chair then issued by the document clerk,
valid for pyHanko and pdfsig; a second run changes nothing; the command is what
``demo_load`` calls."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import ValidationContext

from congso.accounts.demo import DemoLoader
from congso.signatures.demo import pki_demo_setup
from congso.signatures.models import Certificate
from congso.signatures.pki.endpoints import PkiEndpoints
from congso.signatures.pki.fetchers import LocalPkiFetcherBackend
from congso.signatures.pki.hierarchy import PkiHierarchy
from congso.signatures.pki.testing import asn1
from congso.signatures.signing.demo import DEMO_FILE, signatures_demo_sign
from congso.signatures.signing.models import SignatureImage
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check

pytestmark = pytest.mark.django_db


def test_demo_signing_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SIGNATURES_PKI_DIR = tmp_path / "pki"
    settings.PKI_BASE_URL = "http://127.0.0.1:8000"
    settings.SIGNATURES_TSA_URL = "http://127.0.0.1:8000/pki/tsa"
    settings.SIGNATURES_REVOCATION_FETCH = False
    DemoLoader().run()
    pki_demo_setup()

    first = signatures_demo_sign()
    owners = Certificate.objects.exclude(key_source="none")
    assert first.images_added == owners.count()
    assert first.decision_created
    assert first.decision == tmp_path / "signatures" / "demo" / DEMO_FILE
    data = first.decision.read_bytes()

    pki = PkiHierarchy.open(settings.SIGNATURES_PKI_DIR)
    context = ValidationContext(
        trust_roots=[asn1(pki.root.certificate)],
        other_certs=[asn1(pki.issuing.certificate)],
        allow_fetching=True,
        revocation_mode="require",
        fetcher_backend=LocalPkiFetcherBackend(
            {pki.urls.prefix: PkiEndpoints(pki)}, allow_network=False
        ),
    )
    leader, agency = check.pyhanko_statuses(data, context)
    assert leader.bottom_line
    assert agency.bottom_line
    assert check.has_dss(data)
    assert [s.signer for s in poppler.pdfsig(data, tmp_path)] == [
        "Trần Thị Lan",
        "UBND phường Phong Điền",
    ]
    reader = PdfFileReader(io.BytesIO(data))
    fields = {
        f.get_object()["/T"]: f.get_object()
        for f in reader.root["/AcroForm"]["/Fields"]
    }
    assert fields["document_number"]["/V"] == "01/QĐ-UBND"

    images = SignatureImage.objects.count()
    call_command("signatures_demo_sign", verbosity=0)
    assert SignatureImage.objects.count() == images
    assert first.decision.read_bytes() == data
