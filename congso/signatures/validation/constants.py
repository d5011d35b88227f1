"""Choices and labels of signature validation (xác thực chữ ký số), after ETSI EN
319 102-1 (indications and sub-indications) and ETSI EN 319 142-1 (PAdES levels)."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: Largest PDF accepted for verification (the public page, the API, reception).
MAX_PDF_BYTES: Final = 10 * 1024 * 1024
#: Signatures validated per file; diff analysis grows with each one (domain §9).
MAX_SIGNATURES: Final = 20
#: Incremental updates (revisions) in one file; beyond this the file is refused.
MAX_REVISIONS: Final = 60

#: ETSI TS 119 102-2 namespace of the XML validation report.
ETSI_REPORT_NS: Final = "http://uri.etsi.org/19102/v1.2.1#"


class Indication(models.TextChoices):
    """Main indication of ETSI EN 319 102-1 §5.1.3."""

    TOTAL_PASSED = "total_passed", pgettext_lazy("signature indication", "Valid")
    TOTAL_FAILED = "total_failed", pgettext_lazy("signature indication", "Invalid")
    INDETERMINATE = (
        "indeterminate",
        pgettext_lazy("signature indication", "Indeterminate"),
    )

    @property
    def etsi_urn(self) -> str:
        return "urn:etsi:019102:mainindication:" + self.value.replace("_", "-")


class Level(models.TextChoices):
    """Signature level (PAdES baseline, ETSI EN 319 142-1), as found in the file."""

    PADES_B_B = "pades_baseline_b", "PAdES-BASELINE-B"
    PADES_B_T = "pades_baseline_t", "PAdES-BASELINE-T"
    PADES_B_LT = "pades_baseline_lt", "PAdES-BASELINE-LT"
    PADES_B_LTA = "pades_baseline_lta", "PAdES-BASELINE-LTA"
    PKCS7 = "pkcs7", _("PDF signature in PKCS#7 (not PAdES)")
    PKCS7_T = "pkcs7_t", _("PDF signature in PKCS#7 with a time-stamp (not PAdES)")
    DOCUMENT_TIMESTAMP = "document_timestamp", _("Document time-stamp")


class SignatureKind(models.TextChoices):
    SIGNATURE = "signature", _("Digital signature")
    DOCUMENT_TIMESTAMP = "document_timestamp", _("Document time-stamp")


class Process(models.TextChoices):
    """The ETSI EN 319 102-1 validation process that was run."""

    BASIC = "basic", _("Validation of basic signatures (§5.3)")
    WITH_TIME = "with_time", _("Validation of signatures with time (§5.5)")
    LONG_TERM = "long_term", _("Validation with long-term archival data (§5.6)")
    TIMESTAMP = "timestamp", _("Time-stamp validation (§5.4)")

    @property
    def etsi_urn(self) -> str:
        name = {"basic": "Basic", "with_time": "LTVM", "long_term": "LTA"}.get(
            self.value, "Basic"
        )
        return f"urn:etsi:019102:validationprocess:{name}"


class Modification(models.TextChoices):
    """Whether the document changed after the signature (diff analysis)."""

    NONE = "none", _("Not changed since signing")
    PERMITTED = "permitted", _("Changed after signing only in permitted ways")
    NOT_PERMITTED = (
        "not_permitted",
        _("Changed after signing in a way that is not permitted"),
    )
    UNKNOWN = "unknown", _("Could not be determined")


class CheckCode(models.TextChoices):
    """The checks of the detailed report (building blocks of EN 319 102-1 §5.2)."""

    FORMAT = "format", _("Format (PAdES / CMS)")
    IDENTIFICATION = "identification", _("Signing certificate identification")
    X509 = "x509", _("Certificate path to a trusted root (X.509)")
    CRYPTOGRAPHY = "cryptography", _("Cryptographic verification")
    ALGORITHMS = "algorithms", _("Algorithms and key sizes")
    VALIDITY = "validity", _("Certificate validity at signing time")
    REVOCATION = "revocation", _("Revocation status")
    TIMESTAMP = "timestamp", _("Time-stamp")
    MODIFICATION = "modification", _("Changes after signing")


class CheckStatus(models.TextChoices):
    PASSED = "passed", pgettext_lazy("validation check", "Passed")
    FAILED = "failed", pgettext_lazy("validation check", "Failed")
    INDETERMINATE = (
        "indeterminate",
        pgettext_lazy("validation check", "Cannot be determined"),
    )
    WARNING = "warning", pgettext_lazy("validation check", "Warning")
    INFO = "info", pgettext_lazy("validation check", "For information")
    NOT_EVALUATED = "not_evaluated", pgettext_lazy("validation check", "Not evaluated")


class ReceptionCheck(models.TextChoices):
    """Outcome of the check of a scan's signatures at reception (stored on the
    dossier component): the worst signature decides."""

    UNSIGNED = "unsigned", _("No digital signature")
    VALID = "valid", _("Valid digital signature")
    INVALID = "invalid", _("Invalid digital signature")
    INDETERMINATE = "indeterminate", _("Digital signature not verifiable")
    UNREADABLE = "unreadable", _("Signatures could not be checked")


#: Sub-indications of ETSI EN 319 102-1 §5.1.3, explained for citizens.
SUB_INDICATIONS: Final[dict[str, Promise]] = {
    "FORMAT_FAILURE": _(
        "The signature does not have the expected format, or the PDF was changed "
        "after signing in a way that is not permitted."
    ),
    "HASH_FAILURE": _(
        "The document was modified after signing: its content no longer matches "
        "the signature."
    ),
    "SIG_CRYPTO_FAILURE": _(
        "The signature value cannot be verified with the signer's public key."
    ),
    "REVOKED": _("The signing certificate was revoked before the signature was made."),
    "NOT_YET_VALID": _(
        "The signature was made before the signing certificate became valid."
    ),
    "SIG_CONSTRAINTS_FAILURE": _(
        "The signature does not meet the constraints of the validation policy."
    ),
    "CHAIN_CONSTRAINTS_FAILURE": _(
        "The certificate chain does not meet the constraints of the validation policy."
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": _(
        "The certificate chain could not be validated."
    ),
    "CRYPTO_CONSTRAINTS_FAILURE": _(
        "The signature or a certificate uses an algorithm or key size that is no "
        "longer allowed (for example SHA-1 or RSA below 2048 bits)."
    ),
    "EXPIRED": _("The signing certificate expired before the signature was made."),
    "POLICY_PROCESSING_ERROR": _("The signature policy could not be processed."),
    "SIGNATURE_POLICY_NOT_AVAILABLE": _("The signature policy is not available."),
    "TIMESTAMP_ORDER_FAILURE": _("The time-stamps are not in a consistent order."),
    "NO_SIGNING_CERTIFICATE_FOUND": _("The signing certificate cannot be identified."),
    "NO_CERTIFICATE_CHAIN_FOUND": _(
        "The certificate does not chain to a certification authority in the trust "
        "store."
    ),
    "REVOKED_NO_POE": _(
        "The signing certificate has been revoked, and nothing proves that the "
        "signature was made before the revocation."
    ),
    "REVOKED_CA_NO_POE": _(
        "A certificate of the issuing chain has been revoked, and nothing proves "
        "that the signature was made before the revocation."
    ),
    "OUT_OF_BOUNDS_NO_POE": _(
        "The signing certificate has expired or is not yet valid, and nothing "
        "proves that the signature was made within its validity period."
    ),
    "OUT_OF_BOUNDS_NOT_REVOKED": _(
        "The signing certificate has expired (it was not revoked), and nothing "
        "proves that the signature was made while it was valid."
    ),
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": _(
        "The available revocation information is not recent enough."
    ),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": _(
        "The signature uses an algorithm that is no longer considered secure, and "
        "nothing proves it was made while the algorithm was still allowed."
    ),
    "NO_POE": _(
        "Nothing proves that the signature existed at a time when it could be "
        "validated."
    ),
    "TRY_LATER": _(
        "The revocation status of the certificate cannot be obtained now; try again "
        "later."
    ),
    "SIGNED_DATA_NOT_FOUND": _("The signed data cannot be found."),
    "GENERIC": _("The signature could not be validated."),
}


def sub_indication_text(name: str) -> Promise | str:
    """The explanation of an ETSI sub-indication ("" for none)."""
    return SUB_INDICATIONS.get(name, SUB_INDICATIONS["GENERIC"]) if name else ""


#: Short reasons for badges (reception, lists), by ETSI sub-indication.
SHORT_REASONS: Final[dict[str, Promise]] = {
    "HASH_FAILURE": _("the document was modified after signing"),
    "FORMAT_FAILURE": _("the document was changed after signing or is malformed"),
    "SIG_CRYPTO_FAILURE": _("the signature value is wrong"),
    "REVOKED": _("the certificate was revoked"),
    "REVOKED_NO_POE": _("the certificate was revoked"),
    "REVOKED_CA_NO_POE": _("a CA certificate was revoked"),
    "NO_CERTIFICATE_CHAIN_FOUND": _("the certificate is not from a trusted CA"),
    "CHAIN_CONSTRAINTS_FAILURE": _("the certificate is not from a trusted CA"),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": _("the certificate chain is invalid"),
    "OUT_OF_BOUNDS_NO_POE": _("the certificate was expired or not yet valid"),
    "OUT_OF_BOUNDS_NOT_REVOKED": _("the certificate was expired"),
    "EXPIRED": _("the certificate was expired"),
    "NOT_YET_VALID": _("the certificate was not yet valid"),
    "CRYPTO_CONSTRAINTS_FAILURE": _("a weak algorithm or key is used"),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": _("a weak algorithm or key is used"),
    "TRY_LATER": _("the revocation status is unavailable"),
    "NO_SIGNING_CERTIFICATE_FOUND": _("the signing certificate is missing"),
}

#: Why a file's signatures could not be checked, by error code.
PROBLEMS: Final[dict[str, Promise]] = {
    "corrupt_pdf": _("the PDF file is damaged"),
    "encrypted_pdf": _("the PDF file is protected by a password"),
    "too_complex": _("the PDF file has too many signatures or revisions"),
    "too_large": _("the file is too large"),
    "not_pdf": _("the file is not a PDF"),
}


def short_reason(sub_indication: str) -> Promise:
    return SHORT_REASONS.get(sub_indication, _("it cannot be verified"))


def problem_text(code: str) -> Promise:
    return PROBLEMS.get(code, _("a technical error occurred"))
