"""Reads of signature verification: validate the signatures of a PDF against the
trust store (``pdf_validate``) and the compact check stored at reception
(``pdf_signatures_check``). Nothing is written; CRLs and OCSP responses may be
fetched (the demo PKI in-process), so call these outside a transaction."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime

from django.utils import timezone
from pyhanko.pdf_utils.crypt.api import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from congso.signatures.validation.constants import (
    MAX_PDF_BYTES,
    MAX_REVISIONS,
    MAX_SIGNATURES,
)
from congso.signatures.validation.engine import (
    AdesOutcome,
    signature_outcome,
    timing_at,
)
from congso.signatures.validation.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    NoSignatureError,
    NotPdfError,
    PdfTooLargeError,
    TooComplexPdfError,
    VerificationInputError,
)
from congso.signatures.validation.facts import (
    RevisionLayout,
    SignatureFacts,
    document_facts,
    signature_facts,
)
from congso.signatures.validation.judgement import signature_verdict
from congso.signatures.validation.policy import Policy, policy_build
from congso.signatures.validation.report import (
    PolicyFacts,
    SignatureResult,
    ValidationReport,
)
from congso.signatures.validation.summary import SignatureCheck, check_from_report

logger = logging.getLogger(__name__)

REVOCATION_RULE = "CRL or OCSP required for the signer and every CA below the root"
ALGORITHM_RULE = (
    "no MD5/SHA-1; RSA >= 2048 bits (PKCS#1 v1.5 or PSS); ECDSA >= 256 bits"
)


def pdf_read(data: bytes) -> PdfFileReader:
    """Open an uploaded PDF for validation, or refuse it (Vietnamese message):
    too large, not a PDF (by its bytes), damaged, protected by a password. A file
    encrypted with an empty user password (editing restrictions only) is opened."""
    if len(data) > MAX_PDF_BYTES:
        raise PdfTooLargeError(MAX_PDF_BYTES)
    if not data.startswith(b"%PDF-"):
        raise NotPdfError
    try:
        reader = PdfFileReader(io.BytesIO(data))
    except Exception:  # untrusted input: the parser may raise anything
        raise CorruptPdfError from None
    if reader.encrypted:
        try:
            status = reader.decrypt("").status
        except Exception:  # another security handler (certificates)
            raise EncryptedPdfError from None
        if status == AuthStatus.FAILED:
            raise EncryptedPdfError
    return reader


def _signatures(reader: PdfFileReader) -> list[EmbeddedPdfSignature]:
    try:
        signatures = list(reader.embedded_signatures)
        revisions = reader.total_revisions
    except Exception:
        raise CorruptPdfError from None
    if not signatures:
        raise NoSignatureError
    if len(signatures) > MAX_SIGNATURES:
        raise TooComplexPdfError(signatures=len(signatures), limit=MAX_SIGNATURES)
    if revisions > MAX_REVISIONS:
        raise TooComplexPdfError(signatures=revisions, limit=MAX_REVISIONS)
    return signatures


def _facts(
    signatures: list[EmbeddedPdfSignature], reader: PdfFileReader
) -> list[SignatureFacts]:
    try:
        layout = RevisionLayout.read(reader, signatures)
        for signature in signatures:
            signature.compute_integrity_info()  # type: ignore[no-untyped-call]  # unannotated
        return [signature_facts(i, s, layout) for i, s in enumerate(signatures)]
    except Exception:
        logger.info("unreadable signature in an uploaded PDF", exc_info=True)
        raise CorruptPdfError from None


async def _outcomes(
    signatures: list[EmbeddedPdfSignature],
    facts: list[SignatureFacts],
    policy: Policy,
    timing: ValidationTimingInfo,
) -> list[AdesOutcome]:
    # One after the other: the signatures share the reader's stream.
    return [
        await signature_outcome(signature, fact, policy, timing)
        for signature, fact in zip(signatures, facts, strict=True)
    ]


def pdf_validate(
    *,
    data: bytes,
    file_name: str = "",
    moment: datetime | None = None,
    policy: Policy | None = None,
) -> ValidationReport:
    """Validate every signature and document time-stamp of a PDF against the
    trust store. Raises a :class:`VerificationInputError` when the file itself
    cannot be checked; a bad signature is a result, not an error."""
    reader = pdf_read(data)
    signatures = _signatures(reader)
    facts = _facts(signatures, reader)
    moment = moment or timezone.now()
    policy = policy or policy_build()
    outcomes = asyncio.run(_outcomes(signatures, facts, policy, timing_at(moment)))
    results = [
        SignatureResult(
            facts=fact,
            outcome=outcome,
            verdict=signature_verdict(
                fact, outcome, disabled_fingerprints=policy.disabled_fingerprints
            ),
        )
        for fact, outcome in zip(facts, outcomes, strict=True)
    ]
    return ValidationReport(
        file_name=file_name,
        document=document_facts(data, reader),
        validation_time=moment,
        policy=PolicyFacts(
            trusted_roots=policy.trusted_roots,
            revocation=REVOCATION_RULE,
            algorithms=ALGORITHM_RULE,
        ),
        results=results,
    )


def pdf_signatures_check(
    *, data: bytes, moment: datetime | None = None
) -> SignatureCheck:
    """The compact check of a scan's signatures at reception. Never raises: a
    file that cannot be checked is "unreadable", one without signatures
    "unsigned"; reception goes on either way (the official decides)."""
    moment = moment or timezone.now()
    try:
        report = pdf_validate(data=data, moment=moment)
    except NoSignatureError:
        return SignatureCheck.unsigned(moment)
    except VerificationInputError as error:
        return SignatureCheck.unreadable(moment, error.code)
    except Exception:  # never fail reception because of a signature check
        logger.exception("signature check at reception failed")
        return SignatureCheck.unreadable(moment, "error")
    return check_from_report(report)
