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
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} missing: apt-get install --no-install-recommends {package}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    signer: str
    valid: bool
    total: bool
    sub_filter: str
    certificate_line: str


def pdfsig(pdf: bytes, directory: Path) -> list[PdfsigSignature]:
    """pdfsig's view of each signed field (no network: ``-no-ocsp``); empty
    signature fields, which pdfsig lists too, are left out."""
    require_tool("pdfsig", "poppler-utils")
    path = directory / "pdfsig-input.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdfsig", "-nocert", "-no-ocsp", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    blocks = re.split(r"^Signature #\d+:", result.stdout, flags=re.M)[1:]
    signatures = []
    for block in blocks:
        if "Signature Validation:" not in block:
            continue

        def line(label: str, text: str = block) -> str:
            found = re.search(rf"- {re.escape(label)}: (.*)", text)
            return found.group(1).strip() if found else ""

        signatures.append(
            PdfsigSignature(
                field=line("Signature Field Name"),
                signer=line("Signer Certificate Common Name"),
                valid=line("Signature Validation") == "Signature is Valid.",
                total="Total document signed" in block,
                sub_filter=line("Signature Type"),
                certificate_line=line("Certificate Validation"),
            )
        )
    return signatures


def nss_database(directory: Path, root: x509.Certificate) -> Path:
    """An NSS database trusting only ``root`` (for signing certificates)."""
    require_tool("certutil", "libnss3-tools")
    database = directory / "nssdb"
    database.mkdir(exist_ok=True)
    pem = directory / "root.pem"
    pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{database}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-n",
            "root",
            "-t",
            "CT,C,C",
            "-i",
            str(pem),
            "-d",
            f"sql:{database}",
        ],
        check=True,
        capture_output=True,
    )
    return database


def nss_trusts_signers(pdf: bytes, directory: Path, database: Path) -> list[bool]:
    """For each signature: does NSS (``vfychain``, email-signer usage, the usage
    poppler checks) chain its embedded signer certificate to the database's root,
    using the other certificates embedded in the same CMS?"""
    require_tool("vfychain", "libnss3-tools")
    verdicts = []
    reader = PdfFileReader(io.BytesIO(pdf))
    for index, embedded in enumerate(reader.embedded_signatures):
        signed_data = embedded.signed_data
        certificates = [c.chosen for c in signed_data["certificates"]]
        signer = embedded.signer_cert
        files = []
        for number, certificate in enumerate(
            [signer, *[c for c in certificates if c.dump() != signer.dump()]]
        ):
            path = directory / f"sig{index}-cert{number}.der"
            path.write_bytes(certificate.dump())
            files.append(str(path))
        result = subprocess.run(
            ["vfychain", "-d", f"sql:{database}", "-pp", "-u", "4", *files],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        verdicts.append("Chain is good!" in result.stdout + result.stderr)
    return verdicts


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
