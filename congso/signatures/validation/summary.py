"""The compact signature check kept with a document handed in at reception, and
the badge that shows it ("Có chữ ký số hợp lệ của …" / "Chữ ký số không hợp lệ:
…"). The stored summary holds codes and names only, so the badge is translated
when shown. ``dossiers`` stores it; it is computed by
:func:`congso.signatures.validation.selectors.pdf_signatures_check`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from congso.signatures.validation.constants import (
    Indication,
    ReceptionCheck,
    problem_text,
    short_reason,
)

if TYPE_CHECKING:
    from congso.signatures.validation.report import ValidationReport


@dataclass(frozen=True)
class SignatureCheck:
    """Outcome for the whole file plus one small entry per signature."""

    status: ReceptionCheck
    checked_at: datetime
    signatures: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""

    @classmethod
    def unsigned(cls, moment: datetime) -> SignatureCheck:
        return cls(ReceptionCheck.UNSIGNED, moment)

    @classmethod
    def unreadable(cls, moment: datetime, problem: str) -> SignatureCheck:
        return cls(ReceptionCheck.UNREADABLE, moment, problem=problem)

    def summary(self) -> dict[str, Any]:
        """JSON for ``DossierComponent.signature_summary``."""
        return {"signatures": self.signatures, "problem": self.problem}


def check_from_report(report: ValidationReport) -> SignatureCheck:
    entries = [
        {
            "signer": r.facts.signer_name,
            "organisation": r.facts.signer.organisation if r.facts.signer else "",
            "indication": r.verdict.indication.value,
            "sub_indication": r.verdict.sub_indication,
            "modification": r.verdict.modification.value,
            "level": r.verdict.level.value,
            "signing_time": _iso(r.facts.claimed_signing_time),
            "timestamp": _iso(
                r.facts.signature_timestamp.time
                if r.facts.signature_timestamp
                else None
            ),
        }
        for r in report.signatures
    ]
    indications = {e["indication"] for e in entries}
    if not entries:
        status = ReceptionCheck.UNSIGNED
    elif Indication.TOTAL_FAILED in indications:
        status = ReceptionCheck.INVALID
    elif Indication.INDETERMINATE in indications:
        status = ReceptionCheck.INDETERMINATE
    else:
        status = ReceptionCheck.VALID
    return SignatureCheck(status, report.validation_time, entries)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass(frozen=True)
class Badge:
    """What a page shows: a Bootstrap tone, a symbol (never colour alone) and a
    sentence."""

    tone: str
    symbol: str
    text: str


def _names(entries: list[dict[str, Any]]) -> str:
    names = [str(e.get("signer") or "") for e in entries]
    return ", ".join(dict.fromkeys(n for n in names if n)) or "?"


def signature_badge(status: str, summary: dict[str, Any] | None) -> Badge | None:
    """The badge of a stored check; ``None`` when nothing was checked."""
    summary = summary or {}
    entries: list[dict[str, Any]] = list(summary.get("signatures") or [])
    if status == ReceptionCheck.VALID:
        return Badge(
            "success",
            "✔",
            _("Valid digital signature of %(names)s") % {"names": _names(entries)},
        )
    if status in (ReceptionCheck.INVALID, ReceptionCheck.INDETERMINATE):
        wanted = (
            Indication.TOTAL_FAILED
            if status == ReceptionCheck.INVALID
            else Indication.INDETERMINATE
        )
        bad = [e for e in entries if e.get("indication") == wanted] or entries
        reason = short_reason(str(bad[0].get("sub_indication") or "")) if bad else ""
        message = (
            _("Invalid digital signature of %(names)s: %(reason)s")
            if status == ReceptionCheck.INVALID
            else _("Digital signature of %(names)s cannot be verified: %(reason)s")
        )
        return Badge(
            "danger" if status == ReceptionCheck.INVALID else "warning",
            "✖" if status == ReceptionCheck.INVALID else "?",
            message % {"names": _names(bad), "reason": reason},
        )
    if status == ReceptionCheck.UNREADABLE:
        return Badge(
            "secondary",
            "!",
            _("Signatures could not be checked: %(reason)s")
            % {"reason": problem_text(str(summary.get("problem") or ""))},
        )
    if status == ReceptionCheck.UNSIGNED:
        return Badge("light", "–", _("No digital signature"))
    return None
