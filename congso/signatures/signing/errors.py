"""Refusals of the signing service, each with a Vietnamese message for the user.

Messages are translated when raised (``gettext``) because most carry a name or a
limit; the English msgids are in ``locale/fragments/signatures_signing.po``.
Certificate refusals (expired, revoked, untrusted) are those of
:mod:`congso.signatures.errors`, raised by the trust check before signing."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from congso.core.errors import ApplicationError, PermissionDeniedError


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# -- the document --------------------------------------------------------------------


class PdfInvalidError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("The file is not a valid PDF document or it is damaged."),
            code="pdf_invalid",
        )


class PdfEncryptedError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The PDF document is encrypted or protected by a password; remove "
                "the protection before signing."
            ),
            code="pdf_encrypted",
        )


class PdfTooLargeError(ApplicationError):
    def __init__(self, limit_mb: int) -> None:
        super().__init__(
            _("The PDF document is larger than %(size)d MB.") % {"size": limit_mb},
            code="pdf_too_large",
        )


class SignatureFieldError(ApplicationError):
    def __init__(self, name: str, *, signed: bool) -> None:
        message = (
            _("The signature field “%(name)s” has already been signed.")
            if signed
            else _(
                "The document has no signature field “%(name)s” and no position "
                "was given for it."
            )
        )
        super().__init__(message % {"name": name}, code="signature_field")


class DocumentNumberRequiredError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("Give the document's number and symbol before the agency signs it."),
            code="document_number",
        )


# -- the certificate and its key ------------------------------------------------------


class CertificateKindError(ApplicationError):
    def __init__(self, *, personal: bool) -> None:
        super().__init__(
            _("An approval signature needs the official's personal certificate.")
            if personal
            else _("This signature needs the agency's certificate."),
            code="certificate_kind",
        )


class CertificateNotYoursError(PermissionDeniedError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "You may sign only with your own personal certificate, or with your "
                "agency's certificate if you are its document clerk or leader."
            ),
            code="certificate_owner",
        )


class NoSigningKeyError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("Công Sở has no access to the private key of this certificate."),
            code="no_key",
        )


class NoAgencyCertificateError(ApplicationError):
    def __init__(self, agency: str) -> None:
        super().__init__(
            _("%(agency)s has no valid agency certificate that Công Sở can sign with.")
            % {"agency": agency},
            code="no_agency_certificate",
        )


class Pkcs11ModuleError(ApplicationError):
    status_code = 503

    def __init__(self, module: str) -> None:
        super().__init__(
            _(
                "The PKCS#11 library “%(module)s” cannot be loaded; check "
                "CONGSO_PKCS11_MODULE."
            )
            % {"module": module or "—"},
            code="pkcs11_module",
        )


class Pkcs11TokenNotFoundError(ApplicationError):
    status_code = 503

    def __init__(self, label: str) -> None:
        super().__init__(
            _(
                "The signing token or HSM “%(label)s” is not connected or cannot be "
                "found."
            )
            % {"label": label},
            code="pkcs11_token",
        )


class Pkcs11PinError(ApplicationError):
    def __init__(self, *, locked: bool = False) -> None:
        super().__init__(
            _("The token's PIN is locked after too many wrong attempts.")
            if locked
            else _("Wrong PIN for the signing token."),
            code="pkcs11_pin_locked" if locked else "pkcs11_pin",
        )


class Pkcs11KeyNotFoundError(ApplicationError):
    def __init__(self, label: str) -> None:
        super().__init__(
            _("The signing key “%(label)s” is not on the token.") % {"label": label},
            code="pkcs11_key",
        )


class Pkcs11DeviceError(ApplicationError):
    status_code = 503

    def __init__(self, detail: str) -> None:
        super().__init__(
            _("The signing token reported an error: %(detail)s") % {"detail": detail},
            code="pkcs11_device",
        )


# -- services used while signing ------------------------------------------------------


class TimestampUnavailableError(ApplicationError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__(
            _(
                "No time-stamp could be obtained from the time-stamp service; try "
                "again later."
            ),
            code="timestamp",
        )


class RevocationInfoUnavailableError(ApplicationError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__(
            _(
                "The revocation status of the certificate could not be obtained, so "
                "a long-term (B-LT) signature cannot be made; try again later."
            ),
            code="revocation_info",
        )


class SigningFailedError(ApplicationError):
    status_code = 500

    def __init__(self) -> None:
        super().__init__(
            _("The document could not be signed; nothing was changed."),
            code="signing_failed",
        )


# -- remote signing -------------------------------------------------------------------


class RemoteProviderError(ApplicationError):
    status_code = 503

    def __init__(self, provider: str) -> None:
        super().__init__(
            _(
                "The remote signing service “%(provider)s” cannot be reached; try "
                "again later."
            )
            % {"provider": provider},
            code="remote_provider",
        )


def rejected_message(provider: str) -> str:
    """Stored on a request the signer rejected."""
    return _(
        "The signer rejected the signing request in the “%(provider)s” application; "
        "the document was not signed."
    ) % {"provider": provider}


def expired_message(deadline: datetime) -> str:
    """Stored on a request nobody approved before its deadline."""
    return _(
        "The signer did not approve the request before %(deadline)s; it has "
        "expired and the document was not signed. Send a new request."
    ) % {"deadline": _when(deadline)}


def invalid_signature_message() -> str:
    """Stored on a request whose returned signature does not verify."""
    return _(
        "The remote signing service returned a signature that does not match the "
        "certificate; the document was not signed."
    )


# -- images ---------------------------------------------------------------------------


class SignatureImageError(ApplicationError):
    def __init__(self, *, too_large_kb: int | None = None) -> None:
        message = (
            _("The image is larger than %(size)d KB.") % {"size": too_large_kb}
            if too_large_kb is not None
            else _("The image must be a PNG file with a transparent background.")
        )
        super().__init__(message, code="signature_image")
