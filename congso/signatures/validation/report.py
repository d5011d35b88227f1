"""The validation report of one PDF: the diagnostic data (facts), pyHanko's AdES
outcome and the verdict, per signature. The simple and detailed reports are two
views of it; :mod:`.etsi` writes it as ETSI TS 119 102-2 XML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from congso.signatures.validation.constants import Indication, SignatureKind
from congso.signatures.validation.engine import AdesOutcome
from congso.signatures.validation.facts import DocumentFacts, SignatureFacts
from congso.signatures.validation.judgement import SignatureVerdict

#: Worst first: the document's overall indication is its worst signature's.
SEVERITY = {
    Indication.TOTAL_FAILED: 0,
    Indication.INDETERMINATE: 1,
    Indication.TOTAL_PASSED: 2,
}


@dataclass(frozen=True)
class SignatureResult:
    facts: SignatureFacts
    outcome: AdesOutcome
    verdict: SignatureVerdict

    @property
    def number(self) -> int:
        return self.facts.index + 1

    @property
    def is_timestamp(self) -> bool:
        return self.facts.kind == SignatureKind.DOCUMENT_TIMESTAMP


@dataclass(frozen=True)
class PolicyFacts:
    """What the report says about the policy applied."""

    trusted_roots: list[str]
    revocation: str
    algorithms: str


@dataclass(frozen=True)
class ValidationReport:
    file_name: str
    document: DocumentFacts
    validation_time: datetime
    policy: PolicyFacts
    results: list[SignatureResult]

    @property
    def indication(self) -> Indication:
        return min(
            (r.verdict.indication for r in self.results),
            key=SEVERITY.__getitem__,
            default=Indication.INDETERMINATE,
        )

    @property
    def signatures(self) -> list[SignatureResult]:
        """Signatures proper, without document time-stamps."""
        return [r for r in self.results if not r.is_timestamp]
