"""PAdES signing with pyHanko (no database): one approval signature per call,
always an incremental update, never a certification (domain §5).

* :func:`pades_sign` signs with a local signer (software key or PKCS#11).
* :func:`pades_prepare` / :func:`pades_finish` split the same work around a
  remote signer (interrupted signing, ``PdfTBSDocument``): prepare writes the
  placeholder and returns the signed attributes whose hash the provider signs;
  finish embeds the returned signature, adds the time-stamp and, for B-LT, the
  DSS.

Levels: B-B is the CMS alone; B-T adds an RFC 3161 signature time-stamp; B-LT
adds the DSS (certificates, OCSP responses and CRLs of the signer and the TSA)
in a following revision."""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from asn1crypto.algos import SignedDigestAlgorithm
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_cms import ExternalSigner, PdfCMSSignedAttributes, Signer
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import ValidationError

from congso.core.errors import ApplicationError
from congso.signatures.signing.constants import PAdESLevel
from congso.signatures.signing.errors import (
    Pkcs11DeviceError,
    RevocationInfoUnavailableError,
    SignatureFieldError,
    SigningFailedError,
    TimestampUnavailableError,
)
from congso.signatures.signing.pdf import (
    FieldBox,
    ImportedPdfBytes,
    field_find,
    pdf_writer,
    text_field_fill,
)
from congso.signatures.signing.signers import (
    certificate_store,
    public_key_signature_size,
    reserve_bytes,
)

logger = logging.getLogger(__name__)
DIGEST = "sha256"
T = TypeVar("T")


@dataclass(frozen=True)
class TextFill:
    """A reserved text field filled in the signature's revision (number, date)."""

    field_name: str
    text: str
    appearance_pdf: bytes


@dataclass(frozen=True)
class SignatureSpec:
    """One signature to add. The field is filled when the document reserves it;
    otherwise it is created at ``box`` (visible) or invisibly (``box`` None)."""

    field_name: str
    level: PAdESLevel
    signing_time: datetime
    box: FieldBox | None = None
    appearance_pdf: bytes | None = None
    reason: str = ""
    location: str = ""
    contact_info: str = ""
    fills: Sequence[TextFill] = field(default_factory=tuple)


def _stamp_style(appearance_pdf: bytes | None) -> StaticStampStyle:
    """The widget drawn from ``appearance_pdf``; without one, an empty widget
    (never pyHanko's default text stamp, whose standard font has no Vietnamese)."""
    if appearance_pdf is None:
        return StaticStampStyle(border_width=0, background=None)
    return StaticStampStyle(
        background=ImportedPdfBytes(appearance_pdf),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),  # type: ignore[no-untyped-call]  # pyHanko
        ),
    )


def _pdf_signer(
    writer: IncrementalPdfFileWriter,
    spec: SignatureSpec,
    signer: Signer,
    *,
    timestamper: TimeStamper | None,
    validation_context: ValidationContext | None,
) -> PdfSigner:
    """A pyHanko ``PdfSigner`` for an approval signature on ``writer``, with the
    reserved text fields filled in the same revision."""
    existing = field_find(writer, spec.field_name)
    if existing is not None and existing.signed:
        raise SignatureFieldError(spec.field_name, signed=True)
    new_field = None
    if existing is None:
        box = spec.box
        new_field = fields.SigFieldSpec(
            spec.field_name,
            on_page=box.page if box else 0,
            box=box.rect if box else None,
        )
    for fill in spec.fills:
        text_field_fill(writer, fill.field_name, fill.text, fill.appearance_pdf)
    long_term = spec.level == PAdESLevel.B_LT
    meta = PdfSignatureMetadata(
        field_name=spec.field_name,
        md_algorithm=DIGEST,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=spec.reason or None,
        location=spec.location or None,
        contact_info=spec.contact_info or None,
        certify=False,  # approval signatures only: a later signature stays legal
        embed_validation_info=long_term,
        validation_context=validation_context if long_term else None,
        signer_key_usage={"non_repudiation"},
    )
    return PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper if spec.level != PAdESLevel.B_B else None,
        stamp_style=_stamp_style(spec.appearance_pdf),
        new_field_spec=new_field,
    )


async def _sign(
    pdf_signer: PdfSigner,
    writer: IncrementalPdfFileWriter,
    signing_time: datetime,
    bytes_reserved: int | None,
) -> bytes:
    """``PdfSigner.async_sign_pdf`` with a fixed signing time (the one printed on
    the stamp) and a computed ``/Contents`` size (no dry-run signature)."""
    session = pdf_signer.init_signing_session(writer)
    session.system_time = signing_time
    validation_info = await session.perform_presign_validation(writer)
    if bytes_reserved is None:
        bytes_reserved = await session.estimate_signature_container_size(
            validation_info, tight=False
        )
    tbs = session.prepare_tbs_document(
        validation_info=validation_info, bytes_reserved=bytes_reserved
    )
    prepared, output = tbs.digest_tbs_document(output=io.BytesIO())
    post = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(
            signing_time=signing_time,
            adobe_revinfo_attr=None,
        ),
    )
    await post.post_signature_processing(output)
    output.seek(0)
    signed: bytes = output.read()
    return signed


def pades_sign(
    pdf: bytes,
    spec: SignatureSpec,
    signer: Signer,
    *,
    timestamper: TimeStamper | None = None,
    validation_context: ValidationContext | None = None,
) -> bytes:
    """``pdf`` with one more approval signature. Raises the Vietnamese refusals
    (bad PDF, field already signed, TSA or revocation data unavailable, token
    errors); on any failure nothing is returned, so no caller can store half a
    signature."""
    certificates = [
        signer.signing_cert,
        *(
            c
            for c in signer.cert_registry
            if signer.embed_roots or c.self_signed == "no"
        ),
    ]
    estimate = reserve_bytes(
        certificates,
        public_key_signature_size(signer.signing_cert),
        timestamp=spec.level != PAdESLevel.B_B,
    )
    for attempt in (estimate, None):
        writer = pdf_writer(pdf)
        pdf_signer = _pdf_signer(
            writer,
            spec,
            signer,
            timestamper=timestamper,
            validation_context=validation_context,
        )
        try:
            return _run(_sign(pdf_signer, writer, spec.signing_time, attempt))
        except _TooSmallError:
            logger.info("Signature larger than estimated; re-signing with pyHanko's")
    raise SigningFailedError  # pragma: no cover - pyHanko's estimate always fits


class _TooSmallError(Exception):
    """The CMS did not fit in the reserved ``/Contents``."""


_loops = threading.local()


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one of pyHanko's coroutines to completion on this thread's own event
    loop (kept between calls). Why not ``asyncio.run``: besides creating and
    closing a loop each time, it checks its SIGINT handler on the way out with
    ``signal.getsignal``, which formats the ``repr`` of a partial holding the
    finished task — and so of its result. For an asn1crypto object (a CMS, the
    signed attributes, a validation status) that repr re-serialises the whole
    structure: 4–8 ms per call, more than the signature itself."""
    loop: asyncio.AbstractEventLoop | None = getattr(_loops, "loop", None)
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        _loops.loop = loop
    return loop.run_until_complete(coroutine)


def _run(coroutine: Coroutine[Any, Any, bytes]) -> bytes:
    """Run a signing coroutine, turning library errors into refusals."""
    from pkcs11 import exceptions as p11

    try:
        return run_sync(coroutine)
    except ApplicationError:
        raise
    except TimestampRequestError:
        raise TimestampUnavailableError from None
    except p11.PKCS11Error as error:
        raise Pkcs11DeviceError(type(error).__name__) from None
    except SigningError as error:
        if "larger than expected" in str(error):
            raise _TooSmallError from None
        if isinstance(error.__cause__, ValidationError):
            raise RevocationInfoUnavailableError from None
        if isinstance(error.__cause__, TimestampRequestError):
            raise TimestampUnavailableError from None
        logger.exception("pyHanko refused to sign")
        raise SigningFailedError from None


# -- interrupted signing (remote providers) ---------------------------------------------


@dataclass(frozen=True)
class PreparedSignature:
    """The state kept between :func:`pades_prepare` and :func:`pades_finish`."""

    prepared_pdf: bytes
    document_digest: bytes
    reserved_start: int
    reserved_end: int
    signed_attrs: bytes
    signature_mechanism: bytes
    digest_algorithm: str = DIGEST

    @property
    def to_be_signed(self) -> bytes:
        """What the provider signs: the DER of the signed attributes (its hash is
        what goes over the wire)."""
        return self.signed_attrs


def _external_signer(
    certificate: asn1_x509.Certificate,
    chain: Sequence[asn1_x509.Certificate],
    mechanism: SignedDigestAlgorithm | None,
    value: bytes | None = None,
) -> ExternalSigner:
    return ExternalSigner(
        signing_cert=certificate,
        cert_registry=certificate_store(chain),
        signature_value=value
        if value is not None
        else public_key_signature_size(certificate),
        signature_mechanism=mechanism,
        prefer_pss=certificate.public_key.algorithm == "rsa",
        embed_roots=False,
    )


def pades_prepare(
    pdf: bytes,
    spec: SignatureSpec,
    *,
    certificate: asn1_x509.Certificate,
    chain: Sequence[asn1_x509.Certificate],
) -> PreparedSignature:
    """Write the signature placeholder and compute the signed attributes."""

    async def run() -> PreparedSignature:
        signer = _external_signer(certificate, chain, None)
        mechanism = signer.get_signature_mechanism_for_digest(DIGEST)
        writer = pdf_writer(pdf)
        # The time-stamp and the DSS come at finish, after the signature value.
        placeholder = replace(spec, level=PAdESLevel.B_B)
        pdf_signer = _pdf_signer(
            writer, placeholder, signer, timestamper=None, validation_context=None
        )
        session = pdf_signer.init_signing_session(writer)
        session.system_time = spec.signing_time
        reserved = reserve_bytes(
            [certificate, *(c for c in chain if c.self_signed == "no")],
            public_key_signature_size(certificate),
            timestamp=spec.level != PAdESLevel.B_B,
        )
        tbs = session.prepare_tbs_document(
            validation_info=None, bytes_reserved=reserved
        )
        prepared, output = tbs.digest_tbs_document(output=io.BytesIO())
        attrs = await signer.signed_attrs(
            prepared.document_digest,
            DIGEST,
            attr_settings=PdfCMSSignedAttributes(signing_time=spec.signing_time),
            use_pades=True,
        )
        output.seek(0)
        return PreparedSignature(
            prepared_pdf=output.read(),
            document_digest=prepared.document_digest,
            reserved_start=prepared.reserved_region_start,
            reserved_end=prepared.reserved_region_end,
            signed_attrs=attrs.dump(),
            signature_mechanism=mechanism.dump(),
        )

    return _run_prepare(run())


def _run_prepare(
    coroutine: Coroutine[Any, Any, PreparedSignature],
) -> PreparedSignature:
    try:
        return run_sync(coroutine)
    except ApplicationError:
        raise
    except SigningError:
        logger.exception("pyHanko refused to prepare the signature")
        raise SigningFailedError from None


def pades_finish(
    prepared: PreparedSignature,
    signature_value: bytes,
    *,
    certificate: asn1_x509.Certificate,
    chain: Sequence[asn1_x509.Certificate],
    level: PAdESLevel,
    timestamper: TimeStamper | None = None,
    validation_context: ValidationContext | None = None,
) -> bytes:
    """Embed the remote signature value (``PdfTBSDocument.finish_signing``), with
    a signature time-stamp for B-T and the DSS for B-LT. The caller stores the
    result once (``SigningRequest`` is updated conditionally)."""

    async def run() -> bytes:
        mechanism = SignedDigestAlgorithm.load(prepared.signature_mechanism)
        signer = _external_signer(certificate, chain, mechanism, signature_value)
        signed_cms: cms.ContentInfo = await signer.async_sign_prescribed_attributes(
            prepared.digest_algorithm,
            cms.CMSAttributes.load(prepared.signed_attrs),
            timestamper=timestamper if level != PAdESLevel.B_B else None,
        )
        output = io.BytesIO(prepared.prepared_pdf)
        await PdfTBSDocument.async_finish_signing(
            output,
            PreparedByteRangeDigest(
                document_digest=prepared.document_digest,
                reserved_region_start=prepared.reserved_start,
                reserved_region_end=prepared.reserved_end,
            ),
            signed_cms,
        )
        if level != PAdESLevel.B_LT:
            return bytes(output.getvalue())
        if validation_context is None:
            raise RevocationInfoUnavailableError
        reader = PdfFileReader(output)
        last = reader.embedded_signatures[-1]
        result = await _add_dss(last, validation_context)
        return result

    return _run(run())


async def _add_dss(
    embedded: EmbeddedPdfSignature, validation_context: ValidationContext
) -> bytes:
    from pyhanko.sign.validation.dss import async_add_validation_info

    try:
        out = await async_add_validation_info(embedded, validation_context)
    except ValidationError:
        raise RevocationInfoUnavailableError from None
    return bytes(out.getvalue())


__all__ = [
    "PreparedSignature",
    "SignatureSpec",
    "TextFill",
    "pades_finish",
    "pades_prepare",
    "pades_sign",
]
