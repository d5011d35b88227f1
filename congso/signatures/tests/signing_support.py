"""Helpers of the signing tests: independent checks of signed PDFs.

* **pyHanko**: every signature validated against the throw-away root (revocation
  required and answered in-process), with its modification level and
  time-stamp.
* **poppler's pdfsig** (Debian 12: poppler 22.12 on NSS 3.87): signature
  integrity ("Signature is Valid."), coverage, field names, signer. Its
  certificate verdict is *not* used for trust: poppler 22.12 reads NSS's error
  code after ``CERT_PKIXVerifyCert`` even when the call succeeded, and NSS leaves
  a stale ``SEC_ERROR_EXTENSION_NOT_FOUND`` (-8157) behind, so a chain NSS
  accepts prints "Unknown issue with Certificate or corrupted data" (fixed in
  later poppler, which checks the return value). Trust is checked separately
  with NSS itself: the signer certificate embedded in each signature (dumped
  by ``pdfsig -dump``) is verified by ``vfychain`` for the email-signer usage
  poppler asks for, against an NSS database (``certutil``) that trusts only the
  test root.

Missing tools skip with the apt command (CI: the skip fails the run)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext


def pyhanko_statuses(
    pdf: bytes, context: ValidationContext
) -> list[PdfSignatureStatus]:
    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        validate_pdf_signature(embedded, signer_validation_context=context)
        for embedded in reader.embedded_signatures
    ]


def has_dss(pdf: bytes) -> bool:
    reader = PdfFileReader(io.BytesIO(pdf))
    return "/DSS" in reader.root


def signature_cms(pdf: bytes, index: int = -1) -> cms.SignedData:
    reader = PdfFileReader(io.BytesIO(pdf))
    return reader.embedded_signatures[index].signed_data


# -- database fixtures (import into a test module to use them) ------------------------


@dataclass
class SigningWorld:
    """A ward with its leader, document clerk, both certificates (software keys
    encrypted in the database) and the throw-away PKI behind them."""

    pki: object
    ward: object
    leader: object
    clerk: object
    personal: object
    agency: object


@pytest.fixture(name="world")
def world_fixture(anchors, installed, ward, leader):
    from congso.accounts.constants import Role
    from congso.accounts.tests.factories import official
    from congso.signatures import services
    from congso.signatures.constants import CertificateKind
    from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD

    personal = services.certificate_import_pkcs12(
        data=installed.leader.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=leader,
        actor=None,
    )
    agency = services.certificate_import_pkcs12(
        data=installed.agency.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.AGENCY,
        owner_agency=ward,
        actor=None,
    )
    clerk = official("vanthu", role=Role.DOCUMENT_CLERK, at=ward)
    return SigningWorld(installed, ward, leader, clerk, personal, agency)
