"""Signed PDFs for the verification tests, made with pyHanko directly (a plain
``SimpleSigner`` with the throw-away PKI's keys), and poppler's ``pdfsig`` as an
independent second opinion. Also used by the dossiers reception tests."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from congso.signatures.pki.hierarchy import Identity
from congso.signatures.pki.testing import asn1


def blank_pdf(
    text: str = "Quyet dinh so 1", *, user_password: str | None = None
) -> bytes:
    """A one-page PDF with an uncompressed text stream (so tests can tamper with
    it); encrypted when ``user_password`` is given ("" = owner password only)."""
    writer = PdfFileWriter()
    content = generic.StreamObject(
        stream_data=f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    )
    writer.insert_page(
        PageObject(contents=writer.add_object(content), media_box=(0, 0, 595, 842))
    )
    if user_password is not None:
        writer.encrypt("owner-secret", user_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signer_for(identity: Identity, *, pss: bool = False) -> signers.SimpleSigner:
    key = keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=asn1(identity.certificate),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1(c) for c in identity.chain]
        ),
        prefer_pss=pss,
    )


def sign_pdf(
    data: bytes,
    identity: Identity,
    *,
    field: str,
    timestamper: Any = None,
    validation_context: Any = None,
    lta: bool = False,
    certify: bool = False,
    new_box: tuple[int, int, int, int] | None = None,
    md_algorithm: str | None = None,
    pss: bool = False,
    pkcs7: bool = False,
    encrypted: bool = False,
) -> bytes:
    """Add an approval signature (or a certification) with pyHanko."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if encrypted:
        writer.encrypt("")
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED
        if pkcs7
        else fields.SigSeedSubFilter.PADES,
        md_algorithm=md_algorithm,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        embed_validation_info=validation_context is not None,
        validation_context=validation_context,
        use_pades_lta=lta,
    )
    signer = signers.PdfSigner(
        meta,
        signer=signer_for(identity, pss=pss),
        timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(field, box=new_box) if new_box else None,
    )
    return bytes(signer.sign_pdf(writer).getvalue())


# -- poppler's pdfsig ----------------------------------------------------------------


@dataclass(frozen=True)
class PdfsigSignature:
    field: str
    validation: str
    certificate: str
    total: bool


def pdfsig_tools() -> None:
    """Skip (outside CI) when poppler-utils or NSS tools are missing."""
    missing = [t for t in ("pdfsig", "certutil") if shutil.which(t) is None]
    if missing:
        pytest.skip(
            "needs poppler-utils and libnss3-tools: sudo apt-get install "
            "--no-install-recommends poppler-utils libnss3-tools"
        )


def nss_database(directory: Path, *roots: Any) -> Path:
    """An NSS database trusting ``roots`` (cryptography certificates)."""
    pdfsig_tools()
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    for number, root in enumerate(roots):
        pem = directory / f"root{number}.pem"
        pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
        subprocess.run(
            [
                *("certutil", "-A", "-d", f"sql:{directory}"),
                *("-n", f"root{number}", "-t", "CT,C,C", "-i", str(pem)),
            ],
            check=True,
            capture_output=True,
        )
    return directory


def pdfsig(data: bytes, directory: Path, nss: Path) -> list[PdfsigSignature]:
    """pdfsig's view of each signature (OCSP off: the demo URLs do not resolve).

    poppler 22.12 reports a trusted certificate as "Unknown issue …" (it reads a
    stale NSS error after a successful check), so callers compare against the
    messages that do mean something: not trusted, expired, digest mismatch."""
    pdfsig_tools()
    path = directory / "checked.pdf"
    path.write_bytes(data)
    completed = subprocess.run(
        ["pdfsig", "-nssdir", str(nss), "-no-ocsp", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    results = []
    for block in re.split(r"^Signature #\d+:$", completed.stdout, flags=re.M)[1:]:
        values = dict(re.findall(r"^[ \t]+- ([^:\n]+): (.*)$", block, flags=re.M))
        results.append(
            PdfsigSignature(
                field=values.get("Signature Field Name", ""),
                validation=values.get("Signature Validation", ""),
                certificate=values.get("Certificate Validation", ""),
                total="Total document signed" in block
                and "Not total document signed" not in block,
            )
        )
    return results
