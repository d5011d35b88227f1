"""Diagnostic data (dữ liệu chẩn đoán): the raw facts of a signed PDF, read before
any judgement (domain §9). Nothing here depends on the trust store or on a policy,
so a validation can be re-run under another policy from the same facts.

Certificates and time-stamp tokens are read in :mod:`.certificates`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import (
    NonexistentAttributeError,
    find_unique_cms_attribute,
)
from pyhanko.sign.validation.generic_cms import (
    extract_self_reported_ts,
    extract_tst_data_iter,
)
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

from congso.core.text import nfc
from congso.signatures.validation.certificates import (
    CertificateFacts,
    TimestampFacts,
    certificate_facts,
    timestamp_facts,
)
from congso.signatures.validation.constants import SignatureKind


@dataclass(frozen=True)
class SignatureFacts:
    """One signature field of the PDF (a signature or a document time-stamp)."""

    index: int
    field_name: str
    kind: SignatureKind
    sub_filter: str
    signer: CertificateFacts | None
    embedded_certificates: list[CertificateFacts]
    claimed_signing_time: datetime | None
    signature_timestamp: TimestampFacts | None
    content_timestamp: TimestampFacts | None
    digest_algorithm: str
    signature_mechanism: str
    signed_revision: int
    byte_range: list[int]
    reason: str
    location: str
    contact_info: str
    certifying: bool
    docmdp_permission: str
    later_document_timestamps: int
    dss_after_signature: bool
    document_timestamp_after_dss: bool
    dss_revocation_data: bool
    message_digest: bytes = field(repr=False)
    signature_value: bytes = field(repr=False)
    signed_attributes_digest: bytes = field(repr=False)
    document_digest: bytes = field(repr=False)

    @property
    def is_pades(self) -> bool:
        return self.sub_filter == "ETSI.CAdES.detached"

    @property
    def signer_name(self) -> str:
        return self.signer.common_name if self.signer else ""


@dataclass(frozen=True)
class DocumentFacts:
    """The file as a whole."""

    sha256: str
    size: int
    revisions: int
    encrypted: bool
    dss_certificates: int
    dss_crls: int
    dss_ocsps: int


def _first_timestamp(signer_info: Any, *, signed: bool) -> TimestampFacts | None:
    try:
        token = next(extract_tst_data_iter(signer_info, signed=signed), None)
    except (ValueError, KeyError, TypeError):
        return None
    return timestamp_facts(token) if token is not None else None


# -- signatures -----------------------------------------------------------------------


def _pdf_text(dictionary: Any, key: str) -> str:
    try:
        return nfc(str(dictionary[key]))
    except KeyError:
        return ""


def _mechanism(signer_info: Any) -> str:
    algorithm = signer_info["signature_algorithm"]
    try:
        return str(algorithm.signature_algo)
    except ValueError:
        return str(algorithm["algorithm"].native)


def _signed_attributes_digest(signer_info: Any, md_algorithm: str) -> bytes:
    """Digest of the DER ``SignedAttributes`` (what the signer's key signed), with
    the signature's digest algorithm: the DTBSR of ETSI TS 119 102-2."""
    attributes = signer_info["signed_attrs"]
    if not attributes:
        return b""
    try:
        return hashlib.new(md_algorithm, attributes.untag().dump()).digest()
    except ValueError:
        return b""


@dataclass(frozen=True)
class RevisionLayout:
    """Where document time-stamps and the DSS sit among the revisions."""

    document_timestamp_revisions: list[int]
    dss_revision: int | None  # the last one that changed the DSS
    dss_introduced: int | None
    dss_revocation_data: bool

    @classmethod
    def read(
        cls, reader: PdfFileReader, signatures: list[EmbeddedPdfSignature]
    ) -> RevisionLayout:
        stamps = [
            s.signed_revision
            for s in signatures
            if s.sig_object_type == "/DocTimeStamp"
        ]
        dss_revision = dss_introduced = None
        revocation = False
        root: Any = reader.root
        if "/DSS" in root:
            dss = root["/DSS"]
            revocation = _count(dss, "/OCSPs") + _count(dss, "/CRLs") > 0
            reference = root.raw_get("/DSS")
            if not isinstance(reference, generic.IndirectObject):
                reference = reader.trailer.raw_get("/Root")
            dss_revision = reader.xrefs.get_last_change(reference.reference)
            dss_introduced = reader.xrefs.get_introducing_revision(reference.reference)
        return cls(stamps, dss_revision, dss_introduced, revocation)


def signature_facts(
    index: int, signature: EmbeddedPdfSignature, layout: RevisionLayout
) -> SignatureFacts:
    """Facts of one embedded signature (call ``compute_integrity_info`` first)."""
    signer_info: Any = signature.signer_info
    sig_object: Any = signature.sig_object
    kind = (
        SignatureKind.DOCUMENT_TIMESTAMP
        if signature.sig_object_type == "/DocTimeStamp"
        else SignatureKind.SIGNATURE
    )
    try:
        signer = certificate_facts(signature.signer_cert)
    except (ValueError, KeyError, TypeError, IndexError):
        signer = None
    certificates = [
        certificate_facts(c.chosen)
        for c in signature.signed_data["certificates"] or ()
        if c.name == "certificate"
    ]
    try:
        message_digest = bytes(
            find_unique_cms_attribute(
                signer_info["signed_attrs"], "message_digest"
            ).native
        )
    except (NonexistentAttributeError, ValueError, KeyError):
        message_digest = b""
    if kind == SignatureKind.DOCUMENT_TIMESTAMP:
        stamp: TimestampFacts | None = timestamp_facts(signature.signed_data)
        claimed = None
    else:
        stamp = _first_timestamp(signer_info, signed=False)
        claimed = (
            extract_self_reported_ts(signer_info) or signature.self_reported_timestamp
        )
    docmdp = signature.docmdp_level
    revision = signature.signed_revision
    return SignatureFacts(
        index=index,
        field_name=nfc(str(signature.field_name)),
        kind=kind,
        sub_filter=_pdf_text(sig_object, "/SubFilter").lstrip("/"),
        signer=signer,
        embedded_certificates=certificates,
        claimed_signing_time=claimed,
        signature_timestamp=stamp,
        content_timestamp=_first_timestamp(signer_info, signed=True)
        if kind == SignatureKind.SIGNATURE
        else None,
        digest_algorithm=signature.md_algorithm,
        signature_mechanism=_mechanism(signer_info),
        signed_revision=revision,
        byte_range=[int(x) for x in signature.byte_range],
        reason=_pdf_text(sig_object, "/Reason"),
        location=_pdf_text(sig_object, "/Location"),
        contact_info=_pdf_text(sig_object, "/ContactInfo"),
        certifying=docmdp is not None,
        docmdp_permission=docmdp.name.lower() if docmdp is not None else "",
        later_document_timestamps=sum(
            1 for r in layout.document_timestamp_revisions if r > revision
        ),
        dss_after_signature=layout.dss_revision is not None
        and layout.dss_revision > revision,
        dss_revocation_data=layout.dss_revocation_data,
        document_timestamp_after_dss=layout.dss_introduced is not None
        and any(
            r > revision and r >= layout.dss_introduced
            for r in layout.document_timestamp_revisions
        ),
        message_digest=message_digest,
        signature_value=bytes(signer_info["signature"].native),
        signed_attributes_digest=_signed_attributes_digest(
            signer_info, signature.md_algorithm
        ),
        document_digest=signature.compute_digest(),
    )


def _count(dictionary: Any, key: str) -> int:
    """Length of an array entry of a PDF dictionary (0 when absent)."""
    try:
        return len(dictionary[key]) if key in dictionary else 0
    except (TypeError, KeyError):
        return 0


def document_facts(data: bytes, reader: PdfFileReader) -> DocumentFacts:
    root: Any = reader.root
    try:
        dss: Any = root["/DSS"]  # dereferenced (``get`` is not)
    except KeyError:
        dss = {}
    return DocumentFacts(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        revisions=reader.total_revisions,
        encrypted=reader.encrypted,
        dss_certificates=_count(dss, "/Certs"),
        dss_crls=_count(dss, "/CRLs"),
        dss_ocsps=_count(dss, "/OCSPs"),
    )
