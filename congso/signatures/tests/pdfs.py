"""Signed PDFs for the verification tests, made with pyHanko directly (a plain
``SimpleSigner`` with the throw-away PKI's keys), and poppler's ``pdfsig`` as an
independent second opinion. Also used by the dossiers reception tests."""

from __future__ import annotations

import io
from typing import Any

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
