"""The checks of the detailed report (building blocks of ETSI EN 319 102-1 §5.2),
one :class:`Check` each: status and a translated detail. Pure: no database, no
clock; texts in the active language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from congso.signatures.validation.constants import (
    CheckCode,
    CheckStatus,
    Indication,
    Modification,
    SignatureKind,
    sub_indication_text,
)
from congso.signatures.validation.engine import AdesOutcome
from congso.signatures.validation.facts import SignatureFacts
from congso.signatures.validation.policy import MIN_EC_BITS, MIN_RSA_BITS, WEAK_HASHES

COVERED = frozenset({"entire_file", "entire_revision"})
CHAIN = frozenset(
    {
        "NO_CERTIFICATE_CHAIN_FOUND",
        "CHAIN_CONSTRAINTS_FAILURE",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
    }
)
REVOCATION = frozenset({"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"})
REVOCATION_UNKNOWN = frozenset({"TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE"})
VALIDITY = frozenset(
    {"OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED", "NOT_YET_VALID"}
)
ALGORITHMS = frozenset(
    {"CRYPTO_CONSTRAINTS_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"}
)
#: Bootstrap tone and symbol: a status is never told by colour alone.
CHECK_TONES = {
    CheckStatus.PASSED: ("success", "✔"),
    CheckStatus.FAILED: ("danger", "✖"),
    CheckStatus.INDETERMINATE: ("warning", "?"),
    CheckStatus.WARNING: ("warning", "!"),
    CheckStatus.INFO: ("secondary", "i"),
    CheckStatus.NOT_EVALUATED: ("secondary", "–"),
}


@dataclass(frozen=True)
class Check:
    code: CheckCode
    status: CheckStatus
    detail: str

    @property
    def label(self) -> str:
        return str(CheckCode(self.code).label)

    @property
    def status_label(self) -> str:
        return str(CheckStatus(self.status).label)

    @property
    def tone(self) -> str:
        return CHECK_TONES[CheckStatus(self.status)][0]

    @property
    def symbol(self) -> str:
        return CHECK_TONES[CheckStatus(self.status)][1]


def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def hash_label(name: str) -> str:
    """``sha256`` → ``SHA-256``, ``sha3_256`` → ``SHA3-256``."""
    upper = name.upper()
    if upper.startswith("SHA3_"):
        return upper.replace("_", "-")
    if upper.startswith("SHA") and upper[3:].isdigit():
        return f"SHA-{upper[3:]}"
    return upper


# -- checks ---------------------------------------------------------------------------


def _failed(indication: Indication) -> CheckStatus:
    """A check that caused the verdict fails with it, or cannot conclude."""
    if indication == Indication.TOTAL_FAILED:
        return CheckStatus.FAILED
    return CheckStatus.INDETERMINATE


def _format(facts: SignatureFacts, outcome: AdesOutcome, sub: str) -> Check:
    code = CheckCode.FORMAT
    if outcome.coverage and outcome.coverage not in COVERED:
        return Check(
            code,
            CheckStatus.FAILED,
            _("The signature does not cover its whole revision of the file."),
        )
    if outcome.sub_indication in {"FORMAT_FAILURE", "SIG_CONSTRAINTS_FAILURE"}:
        return Check(code, CheckStatus.FAILED, str(sub_indication_text(sub)))
    if facts.kind == SignatureKind.DOCUMENT_TIMESTAMP or facts.is_pades:
        return Check(code, CheckStatus.PASSED, facts.sub_filter)
    return Check(
        code,
        CheckStatus.WARNING,
        _(
            "%(format)s: a PDF signature in PKCS#7, accepted, but not a PAdES "
            "signature (ETSI.CAdES.detached)."
        )
        % {"format": facts.sub_filter or "?"},
    )


def _identification(facts: SignatureFacts, sub: str) -> Check:
    code = CheckCode.IDENTIFICATION
    if facts.signer is None or sub == "NO_SIGNING_CERTIFICATE_FOUND":
        return Check(
            code,
            CheckStatus.INDETERMINATE,
            str(sub_indication_text("NO_SIGNING_CERTIFICATE_FOUND")),
        )
    return Check(
        code,
        CheckStatus.PASSED,
        _("%(name)s, serial number %(serial)s")
        % {"name": facts.signer.common_name, "serial": facts.signer.serial_number},
    )


def _cryptography(outcome: AdesOutcome) -> Check:
    code = CheckCode.CRYPTOGRAPHY
    if outcome.intact is False:
        return Check(
            code,
            CheckStatus.FAILED,
            _(
                "The digest of the signed content does not match the digest in the "
                "signature: the content was changed after signing."
            ),
        )
    if outcome.crypto_valid is False:
        return Check(
            code, CheckStatus.FAILED, str(sub_indication_text("SIG_CRYPTO_FAILURE"))
        )
    if outcome.intact and outcome.crypto_valid:
        return Check(
            code,
            CheckStatus.PASSED,
            _("The content matches the signature and the signature value verifies."),
        )
    return Check(code, CheckStatus.NOT_EVALUATED, "")


def _algorithms(facts: SignatureFacts, sub: str) -> Check:
    code = CheckCode.ALGORITHMS
    problems = []
    if facts.digest_algorithm in WEAK_HASHES or "sha1" in facts.signature_mechanism:
        problems.append(
            _("%(hash)s is no longer allowed; SHA-256 or stronger is required.")
            % {"hash": hash_label(facts.digest_algorithm)}
        )
    signer = facts.signer
    if (
        signer is not None
        and signer.key_algorithm == "RSA"
        and signer.key_size < MIN_RSA_BITS
    ):
        problems.append(
            _("The RSA key has %(bits)s bits; at least %(min)s bits are required.")
            % {"bits": signer.key_size, "min": MIN_RSA_BITS}
        )
    if (
        signer is not None
        and signer.key_algorithm.startswith("EC")
        and signer.key_size < MIN_EC_BITS
    ):
        problems.append(
            _(
                "The elliptic-curve key has %(bits)s bits; at least %(min)s bits are required."
            )
            % {"bits": signer.key_size, "min": MIN_EC_BITS}
        )
    if problems or sub in ALGORITHMS:
        return Check(
            code,
            CheckStatus.FAILED,
            " ".join(problems) or str(sub_indication_text(sub)),
        )
    key = signer.key_label if signer else ""
    mechanism = {
        "rsassa_pkcs1v15": "RSA PKCS#1 v1.5",
        "rsassa_pss": "RSASSA-PSS",
        "ecdsa": "ECDSA",
    }.get(facts.signature_mechanism, facts.signature_mechanism)
    return Check(
        code,
        CheckStatus.PASSED,
        ", ".join(p for p in (hash_label(facts.digest_algorithm), mechanism, key) if p),
    )


def _x509(outcome: AdesOutcome, sub: str, disabled: frozenset[str]) -> Check:
    code = CheckCode.X509
    blocked = [c for c in outcome.path if c.fingerprint_sha256 in disabled]
    if blocked:
        return Check(
            code,
            CheckStatus.INDETERMINATE,
            _("The chain passes through %(ca)s, which is disabled in the trust store.")
            % {"ca": blocked[0].common_name},
        )
    if sub in CHAIN:
        return Check(code, CheckStatus.INDETERMINATE, str(sub_indication_text(sub)))
    if outcome.path:
        names = " → ".join(c.common_name or c.subject for c in outcome.path)
        return Check(code, CheckStatus.PASSED, names)
    return Check(code, CheckStatus.NOT_EVALUATED, "")


def _validity(
    facts: SignatureFacts, outcome: AdesOutcome, sub: str, indication: Indication
) -> Check:
    code = CheckCode.VALIDITY
    signer = facts.signer
    if signer is None:
        return Check(code, CheckStatus.NOT_EVALUATED, "")
    period = _("valid from %(start)s to %(end)s") % {
        "start": when(signer.not_before),
        "end": when(signer.not_after),
    }
    if sub in VALIDITY:
        return Check(
            code,
            _failed(indication),
            f"{sub_indication_text(sub)} ({period})",
        )
    proof = outcome.best_signature_time
    if proof is not None:
        return Check(
            code,
            CheckStatus.PASSED,
            _("Valid at the time proven by the time-stamp, %(time)s (%(period)s).")
            % {"time": when(proof), "period": period},
        )
    if signer.not_before <= outcome.validation_time <= signer.not_after:
        return Check(
            code,
            CheckStatus.PASSED,
            _(
                "Valid now (%(period)s); without a time-stamp the signing time is "
                "only what the signer's computer claimed."
            )
            % {"period": period},
        )
    return Check(code, CheckStatus.INDETERMINATE, period)


def _revocation(outcome: AdesOutcome, sub: str, indication: Indication) -> Check:
    code = CheckCode.REVOCATION
    if outcome.revocation is not None:
        revoked = outcome.revocation
        values = {"date": when(revoked.revoked_at), "reason": revoked.reason}
        if indication == Indication.TOTAL_PASSED:
            text = _(
                "The signing certificate was revoked on %(date)s, after the time "
                "proven by the time-stamp: the signature remains valid."
            )
            return Check(code, CheckStatus.WARNING, text % values)
        text = (
            _("A certificate of the issuing chain was revoked on %(date)s.")
            if revoked.ca_revoked
            else _(
                "The signing certificate was revoked on %(date)s (reason: %(reason)s)."
            )
        )
        status = _failed(indication) if sub in REVOCATION else CheckStatus.WARNING
        return Check(code, status, text % values)
    if sub in REVOCATION:
        return Check(code, _failed(indication), str(sub_indication_text(sub)))
    if sub in REVOCATION_UNKNOWN:
        return Check(code, CheckStatus.INDETERMINATE, str(sub_indication_text(sub)))
    if outcome.path:
        return Check(
            code,
            CheckStatus.PASSED,
            _("Not revoked (checked with the certification authority's CRL or OCSP)."),
        )
    return Check(code, CheckStatus.NOT_EVALUATED, "")


def _timestamp(facts: SignatureFacts, outcome: AdesOutcome) -> Check:
    code = CheckCode.TIMESTAMP
    stamp = facts.signature_timestamp
    if stamp is None:
        return Check(
            code,
            CheckStatus.INFO,
            _(
                "No time-stamp: the signing time is only what the signer's computer "
                "claimed."
            ),
        )
    described = _("%(time)s, issued by %(tsa)s") % {
        "time": when(stamp.time),
        "tsa": stamp.tsa_name or "?",
    }
    if facts.kind == SignatureKind.DOCUMENT_TIMESTAMP:
        passed = outcome.passed
        sub = outcome.sub_indication
    else:
        result = outcome.timestamp
        passed = result is not None and result.status == "PASSED"
        sub = result.sub_indication if result is not None else "GENERIC"
    if passed:
        return Check(code, CheckStatus.PASSED, described)
    return Check(
        code,
        CheckStatus.FAILED,
        f"{described}: {sub_indication_text(sub)}",
    )


def _modification(modification: Modification, outcome: AdesOutcome) -> Check:
    code = CheckCode.MODIFICATION
    status = {
        Modification.NONE: CheckStatus.PASSED,
        Modification.PERMITTED: CheckStatus.PASSED,
        Modification.NOT_PERMITTED: CheckStatus.FAILED,
        Modification.UNKNOWN: CheckStatus.INDETERMINATE,
    }[modification]
    detail = str(modification.label)
    kinds = {
        "lta_updates": _("validation data and document time-stamps"),
        "form_filling": _("later signatures or form filling"),
        "annotations": _("later signatures, form filling or annotations"),
    }
    if modification == Modification.PERMITTED and outcome.modification_level in kinds:
        detail = f"{detail}: {kinds[outcome.modification_level]}"
    return Check(code, status, detail)


def checks_for(
    facts: SignatureFacts,
    outcome: AdesOutcome,
    *,
    sub: str,
    indication: Indication,
    modification: Modification,
    disabled: frozenset[str],
) -> list[Check]:
    """The nine checks, in the order of the detailed report."""
    return [
        _format(facts, outcome, sub),
        _identification(facts, sub),
        _cryptography(outcome),
        _algorithms(facts, sub),
        _x509(outcome, sub, disabled),
        _validity(facts, outcome, sub, indication),
        _revocation(outcome, sub, indication),
        _timestamp(facts, outcome),
        _modification(modification, outcome),
    ]
