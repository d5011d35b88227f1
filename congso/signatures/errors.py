"""Refusals of the signatures app, each with a Vietnamese message for the user.

Messages are translated when raised (``gettext``) because most carry a date, a
size or a name; the English msgids are in locale/fragments/signatures_pki.po."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from congso.core.errors import ApplicationError, ConflictError


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


class CertificateFileError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The file is not a valid X.509 certificate (PEM or DER) or "
                "PKCS#12 bundle."
            ),
            code="certificate_file",
        )


class Pkcs12PasswordError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(_("Wrong password for the PKCS#12 file."), code="password")


class Pkcs12ContentError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("The PKCS#12 file does not contain a private key with its certificate."),
            code="pkcs12_content",
        )


class CertificateExpiredError(ApplicationError):
    def __init__(self, not_after: datetime) -> None:
        super().__init__(
            _("The certificate expired on %(date)s.") % {"date": _when(not_after)},
            code="expired",
        )


class CertificateNotYetValidError(ApplicationError):
    def __init__(self, not_before: datetime) -> None:
        super().__init__(
            _("The certificate is not valid before %(date)s.")
            % {"date": _when(not_before)},
            code="not_yet_valid",
        )


class CertificateUntrustedError(ApplicationError):
    def __init__(self, issuer: str) -> None:
        super().__init__(
            _(
                "The certificate does not chain to a trusted certification "
                "authority in the trust store (issuer: %(issuer)s)."
            )
            % {"issuer": issuer},
            code="untrusted",
        )


class CertificateRevokedError(ApplicationError):
    def __init__(self, revoked_at: datetime | None) -> None:
        message = (
            _("The certificate was revoked on %(date)s.") % {"date": _when(revoked_at)}
            if revoked_at is not None
            else _("The certificate has been revoked.")
        )
        super().__init__(message, code="revoked", extra={"revoked_at": revoked_at})


class KeyMismatchError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("The private key does not match the certificate."), code="key_mismatch"
        )


class WeakKeyError(ApplicationError):
    def __init__(self, *, algorithm: str, bits: int) -> None:
        if algorithm == "RSA":
            message = _(
                "The RSA key has %(bits)s bits; at least 2048 bits are required."
            ) % {"bits": bits}
        else:
            message = _(
                "The elliptic-curve key has %(bits)s bits; at least 256 bits are "
                "required."
            ) % {"bits": bits}
        super().__init__(message, code="weak_key")


class WeakHashError(ApplicationError):
    def __init__(self, algorithm: str) -> None:
        super().__init__(
            _(
                "The certificate is signed with %(algorithm)s, which is no longer "
                "allowed; SHA-256 or stronger is required."
            )
            % {"algorithm": algorithm},
            code="weak_hash",
        )


class UnsupportedKeyError(ApplicationError):
    def __init__(self, algorithm: str) -> None:
        super().__init__(
            _(
                "Unsupported key type %(algorithm)s: only RSA and ECDSA keys are "
                "accepted."
            )
            % {"algorithm": algorithm},
            code="unsupported_key",
        )


class NotForSigningError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("The certificate is not meant for digital signatures (key usage)."),
            code="not_for_signing",
        )


class DuplicateCertificateError(ConflictError):
    def __init__(self) -> None:
        super().__init__(
            _("This certificate has already been imported."), code="duplicate"
        )


class OwnerError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "A personal certificate belongs to an official, an agency "
                "certificate to an agency."
            ),
            code="owner",
        )


class KeyReferenceError(ApplicationError):
    def __init__(self, *, pkcs11: bool) -> None:
        super().__init__(
            _("A PKCS#11 key needs the token label and the key label or id.")
            if pkcs11
            else _("A remote-signing key needs the provider and the credential id."),
            code="key_reference",
        )


class RevocationNotOursError(ApplicationError):
    def __init__(self, issuer: str) -> None:
        super().__init__(
            _(
                "Only the issuing certification authority (%(issuer)s) can revoke "
                "this certificate."
            )
            % {"issuer": issuer},
            code="not_our_ca",
        )


class AlreadyRevokedError(ConflictError):
    def __init__(self) -> None:
        super().__init__(
            _("The certificate has already been revoked."), code="already_revoked"
        )


class NoSoftwareKeyError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("This certificate has no private key stored in Công Sở."),
            code="no_software_key",
        )


class KeyDecryptionError(ApplicationError):
    status_code = 500

    def __init__(self) -> None:
        super().__init__(
            _(
                "The stored private key cannot be decrypted; check "
                "CONGSO_SIGNATURES_KEY_SECRETS."
            ),
            code="key_decryption",
        )


class AnchorNotCaError(ApplicationError):
    def __init__(self) -> None:
        super().__init__(
            _("A trust anchor must be a certification authority (CA) certificate."),
            code="anchor_not_ca",
        )


class DuplicateAnchorError(ConflictError):
    def __init__(self) -> None:
        super().__init__(
            _("This CA certificate is already in the trust store."),
            code="duplicate_anchor",
        )
