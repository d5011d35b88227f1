"""The judgement (kết luận): facts and pyHanko's AdES outcome → the indication,
the sub-indication, the level and whether the document changed after signing;
the checks of the detailed report are in :mod:`.checks`. Pure: no database, no
clock.

pyHanko's AdES processes judge the CMS signature; three rules are added here:

1. **Changes after signing.** The AdES result ignores the PDF's incremental
   updates. A signature that does not cover its whole revision, or after which
   the file was changed in a way its DocMDP permissions or pyHanko's diff policy
   do not allow, is TOTAL_FAILED / FORMAT_FAILURE (as EU DSS does for DocMDP).
2. **Validity at signing time.** pyHanko's with-time process accepts a signature
   whose time-stamp is *after* the certificate expired; the standard does not:
   INDETERMINATE / OUT_OF_BOUNDS_NO_POE.
3. **Disabled anchors.** A path through a CA disabled in the trust store (the file
   may embed it) is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from congso.signatures.validation.checks import COVERED, Check, checks_for
from congso.signatures.validation.constants import (
    CheckStatus,
    Indication,
    Level,
    Modification,
    SignatureKind,
    sub_indication_text,
)
from congso.signatures.validation.engine import AdesOutcome
from congso.signatures.validation.facts import SignatureFacts

PERMITTED_LEVELS = frozenset({"none", "lta_updates", "form_filling", "annotations"})
#: Bootstrap tone and symbol: the verdict is never told by colour alone.
VERDICT_TONES = {
    Indication.TOTAL_PASSED: ("success", "✔"),
    Indication.TOTAL_FAILED: ("danger", "✖"),
    Indication.INDETERMINATE: ("warning", "?"),
}


@dataclass(frozen=True)
class SignatureVerdict:
    indication: Indication
    sub_indication: str
    level: Level
    modification: Modification
    checks: list[Check]
    warnings: list[str]

    @property
    def reason(self) -> str:
        return str(sub_indication_text(self.sub_indication))

    @property
    def tone(self) -> str:
        return VERDICT_TONES[self.indication][0]

    @property
    def symbol(self) -> str:
        return VERDICT_TONES[self.indication][1]

    @property
    def checks_by_code(self) -> dict[str, Check]:
        return {str(c.code): c for c in self.checks}


# -- level and modification -----------------------------------------------------------


def level_of(facts: SignatureFacts) -> Level:
    if facts.kind == SignatureKind.DOCUMENT_TIMESTAMP:
        return Level.DOCUMENT_TIMESTAMP
    timed = facts.signature_timestamp is not None or facts.later_document_timestamps > 0
    if not facts.is_pades:
        return Level.PKCS7_T if timed else Level.PKCS7
    if not timed:
        return Level.PADES_B_B
    if facts.dss_after_signature and facts.dss_revocation_data:
        if facts.document_timestamp_after_dss:
            return Level.PADES_B_LTA
        return Level.PADES_B_LT
    return Level.PADES_B_T


def modification_of(outcome: AdesOutcome) -> Modification:
    if outcome.intact is False:
        return Modification.NOT_PERMITTED
    if outcome.coverage == "entire_file":
        return Modification.NONE
    if outcome.coverage not in COVERED:
        return Modification.NOT_PERMITTED if outcome.coverage else Modification.UNKNOWN
    if outcome.docmdp_ok is False or outcome.modification_level == "other":
        return Modification.NOT_PERMITTED
    if outcome.modification_level in PERMITTED_LEVELS:
        return Modification.PERMITTED
    return Modification.UNKNOWN


# -- the indication -------------------------------------------------------------------


def _indication(
    facts: SignatureFacts,
    outcome: AdesOutcome,
    modification: Modification,
    disabled: frozenset[str],
) -> tuple[Indication, str]:
    indication = {
        "PASSED": Indication.TOTAL_PASSED,
        "FAILED": Indication.TOTAL_FAILED,
    }.get(outcome.status, Indication.INDETERMINATE)
    sub = outcome.sub_indication
    if indication == Indication.TOTAL_FAILED:
        return indication, sub
    if modification == Modification.NOT_PERMITTED:
        return Indication.TOTAL_FAILED, "FORMAT_FAILURE"
    if indication != Indication.TOTAL_PASSED:
        return indication, sub
    if any(c.fingerprint_sha256 in disabled for c in outcome.path):
        return Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND"
    signer, proof = facts.signer, outcome.best_signature_time
    if signer is not None and proof is not None:
        if proof < signer.not_before:
            return Indication.TOTAL_FAILED, "NOT_YET_VALID"
        if proof > signer.not_after:
            return Indication.INDETERMINATE, "OUT_OF_BOUNDS_NO_POE"
    return indication, ""


def signature_verdict(
    facts: SignatureFacts,
    outcome: AdesOutcome,
    *,
    disabled_fingerprints: frozenset[str] = frozenset(),
) -> SignatureVerdict:
    """The verdict on one signature (translated texts in the active language)."""
    modification = modification_of(outcome)
    indication, sub = _indication(facts, outcome, modification, disabled_fingerprints)
    checks = checks_for(
        facts,
        outcome,
        sub=sub,
        indication=indication,
        modification=modification,
        disabled=disabled_fingerprints,
    )
    warnings = [c.detail for c in checks if c.status == CheckStatus.WARNING]
    if outcome.error:
        warnings.append(
            _("The validation library could not process this signature (%(error)s).")
            % {"error": outcome.error}
        )
    return SignatureVerdict(
        indication=indication,
        sub_indication=sub,
        level=level_of(facts),
        modification=modification,
        checks=checks,
        warnings=warnings,
    )
