"""Runs pyHanko's AdES validation (ETSI EN 319 102-1) on every signature of a PDF.

The process follows what the signature carries, as the standard intends:

| Signature | Process |
|---|---|
| document time-stamp | time-stamp validation (§5.4) |
| a signature time-stamp and document time-stamps after it (B-LTA) | validation with long-term data (§5.6) |
| a signature time-stamp (B-T, B-LT) | validation of signatures with time (§5.5) |
| no signature time-stamp (B-B, even if a later document time-stamp covers it) | validation of basic signatures (§5.3) |

pyHanko's long-term process needs document time-stamps as proof of existence
(without them it answers NO_POE even for a sound B-T signature), and both its
with-time and long-term processes need a *signature* time-stamp (without one they
answer SIG_CONSTRAINTS_FAILURE, although PAdES lets a later document time-stamp
play that role); hence the table. A B-B signature covered only by a later
document time-stamp is therefore judged at the current time: an expired or
revoked certificate makes it INDETERMINATE even when the document time-stamp
predates the expiry or revocation.

An :class:`AdesOutcome` is pyHanko's answer and the integrity facts it computed
(coverage, modifications); :mod:`.judgement` turns it into the verdict."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pyhanko.sign.ades.report import AdESStatus
from pyhanko.sign.diff_analysis import DiffResult
from pyhanko.sign.validation.ades import (
    AdESBasicValidationResult,
    AdESLTAValidationResult,
    AdESWithTimeValidationResult,
    ades_basic_validation,
    ades_lta_validation,
    ades_timestamp_validation,
    ades_with_time_validation,
    derive_validation_object_binary_data,
    derive_validation_object_identifier,
)
from pyhanko.sign.validation.generic_cms import (
    extract_tst_data_iter,
    message_imprint_checker,
)
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from congso.signatures.validation.certificates import (
    CertificateFacts,
    certificate_facts,
)
from congso.signatures.validation.constants import Process, SignatureKind
from congso.signatures.validation.facts import SignatureFacts
from congso.signatures.validation.policy import Policy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevocationFacts:
    revoked_at: datetime
    reason: str
    ca_revoked: bool


@dataclass(frozen=True)
class ValidationObject:
    """A certificate, CRL, OCSP response or time-stamp used by the validation
    (ETSI TS 119 102-2 ``ValidationObject``)."""

    identifier: str
    object_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class TimestampOutcome:
    status: str  # AdESStatus name: PASSED, FAILED, INDETERMINATE
    sub_indication: str
    trusted: bool


@dataclass(frozen=True)
class AdesOutcome:
    """What pyHanko's AdES process answered for one signature."""

    process: Process
    status: str
    sub_indication: str
    failure_message: str
    validation_time: datetime
    best_signature_time: datetime | None
    intact: bool | None
    crypto_valid: bool | None
    path: list[CertificateFacts]
    revocation: RevocationFacts | None
    timestamp: TimestampOutcome | None
    coverage: str
    modification_level: str
    modification_detail: str
    docmdp_ok: bool | None
    validation_objects: list[ValidationObject]
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.status == AdESStatus.PASSED.name


def timing_at(moment: datetime) -> ValidationTimingInfo:
    return ValidationTimingInfo(
        validation_time=moment,
        best_signature_time=moment,
        point_in_time_validation=False,
    )


def _process(facts: SignatureFacts) -> Process:
    if facts.kind == SignatureKind.DOCUMENT_TIMESTAMP:
        return Process.TIMESTAMP
    if facts.signature_timestamp is None:
        return Process.BASIC
    if facts.later_document_timestamps:
        return Process.LONG_TERM
    return Process.WITH_TIME


async def _run(
    process: Process,
    signature: EmbeddedPdfSignature,
    policy: Policy,
    timing: ValidationTimingInfo,
) -> AdESBasicValidationResult[Any]:
    spec = policy.spec.signature_validation_spec
    if process == Process.TIMESTAMP:
        return await ades_timestamp_validation(
            signature.signed_data,
            spec,
            signature.compute_digest,
            timing_info=timing,
        )
    if process == Process.LONG_TERM:
        return await ades_lta_validation(signature, policy.spec, timing_info=timing)
    if process == Process.WITH_TIME:
        return await ades_with_time_validation(
            signature.signed_data,
            spec,
            timing_info=timing,
            raw_digest=signature.compute_digest(),
            extra_status_kwargs=signature.summarise_integrity_info(),
            status_cls=PdfSignatureStatus,
        )
    # pyHanko's basic process cannot take the PDF status fields (it rebuilds a
    # plain CMS status with them and fails); integrity facts are kept apart.
    return await ades_basic_validation(
        signature.signed_data,
        spec,
        timing_info=timing,
        raw_digest=signature.compute_digest(),
    )


async def _signature_timestamp(
    signature: EmbeddedPdfSignature, policy: Policy, timing: ValidationTimingInfo
) -> TimestampOutcome | None:
    """The signature time-stamp checked on its own (§5.4), for the report."""
    token = next(extract_tst_data_iter(signature.signer_info, signed=False), None)
    if token is None:
        return None
    result = await ades_timestamp_validation(
        token,
        policy.spec.signature_validation_spec,
        message_imprint_checker(signature.signer_info),
        timing_info=timing,
    )
    status = result.api_status
    return TimestampOutcome(
        status=result.ades_subindic.status.name,
        sub_indication=_sub(result),
        trusted=bool(status is not None and status.validation_path is not None),
    )


def _sub(result: AdESBasicValidationResult[Any]) -> str:
    indication = result.ades_subindic
    return (
        "" if indication.status == AdESStatus.PASSED else str(indication.standard_name)
    )


def _path(status: Any) -> list[CertificateFacts]:
    path = getattr(status, "validation_path", None)
    if path is None:
        return []
    certificates = [certificate_facts(c) for c in path.iter_certs(include_root=True)]
    return list(reversed(certificates))


def _revocation(status: Any) -> RevocationFacts | None:
    details = getattr(status, "revocation_details", None)
    if details is None:
        return None
    return RevocationFacts(
        revoked_at=details.revocation_date,
        reason=str(details.revocation_reason.native or "unspecified"),
        ca_revoked=bool(details.ca_revoked),
    )


def _objects(result: AdESBasicValidationResult[Any]) -> list[ValidationObject]:
    objects = []
    for item in result.validation_objects:
        identifier = derive_validation_object_identifier(item)
        data = derive_validation_object_binary_data(item)
        if identifier and data:
            objects.append(
                ValidationObject(
                    identifier,
                    item.object_type.urn(),  # type: ignore[no-untyped-call]  # unannotated
                    bytes(data),
                )
            )
    return objects


def _integrity(signature: EmbeddedPdfSignature) -> tuple[str, str, str, bool | None]:
    """Coverage, modification level, detail and DocMDP conformity."""
    coverage = signature.coverage.name.lower() if signature.coverage else ""
    diff = signature.diff_result
    if isinstance(diff, DiffResult):
        level, detail = diff.modification_level.name.lower(), ""
    elif diff is not None:
        level, detail = "other", str(diff)
    else:
        level, detail = "", ""
    docmdp_ok = signature.summarise_integrity_info().get("docmdp_ok")
    return coverage, level, detail, docmdp_ok


async def signature_outcome(
    signature: EmbeddedPdfSignature,
    facts: SignatureFacts,
    policy: Policy,
    timing: ValidationTimingInfo,
) -> AdesOutcome:
    """Validate one signature; an unexpected error of the library becomes an
    INDETERMINATE outcome, never an exception."""
    process = _process(facts)
    coverage, level, detail, docmdp_ok = _integrity(signature)
    try:
        result = await _run(process, signature, policy, timing)
        stamp = (
            await _signature_timestamp(signature, policy, timing)
            if process != Process.TIMESTAMP
            else None
        )
    except Exception as error:  # untrusted input: pyHanko may raise anything
        logger.warning(
            "signature %s could not be validated", facts.index, exc_info=True
        )
        return AdesOutcome(
            process=process,
            status=AdESStatus.INDETERMINATE.name,
            sub_indication="GENERIC",
            failure_message="",
            validation_time=timing.validation_time,
            best_signature_time=None,
            intact=None,
            crypto_valid=None,
            path=[],
            revocation=None,
            timestamp=None,
            coverage=coverage,
            modification_level=level,
            modification_detail=detail,
            docmdp_ok=docmdp_ok,
            validation_objects=[],
            error=type(error).__name__,
        )
    status: Any = result.api_status
    best = (
        result.best_signature_time
        if isinstance(result, AdESWithTimeValidationResult | AdESLTAValidationResult)
        else None
    )
    return AdesOutcome(
        process=process,
        status=result.ades_subindic.status.name,
        sub_indication=_sub(result),
        failure_message=str(result.failure_msg or "") if not _passed(result) else "",
        validation_time=timing.validation_time,
        best_signature_time=best,
        intact=getattr(status, "intact", None),
        crypto_valid=getattr(status, "valid", None),
        path=_path(status),
        revocation=_revocation(status),
        timestamp=stamp,
        coverage=coverage,
        modification_level=level,
        modification_detail=detail,
        docmdp_ok=docmdp_ok,
        validation_objects=_objects(result),
    )


def _passed(result: AdESBasicValidationResult[Any]) -> bool:
    return bool(result.ades_subindic.status == AdESStatus.PASSED)
