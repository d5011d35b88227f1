"""Errors of document intake (tiếp nhận văn bản đến): files that cannot be read
and e-mails that cannot be parsed. All are :class:`ApplicationError` with an
English msgid and a Vietnamese translation (``locale/fragments/intake.po``)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congso.core.errors import ApplicationError


class IntakeError(ApplicationError):
    """Base of the intake errors; ``code`` names the case."""

    default_code = "intake_invalid"
    default_message: str | Promise = _("The incoming document could not be read.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code or self.default_code, extra=extra)


class UnsupportedFileError(IntakeError):
    """Not a PDF or an image that can be recognised (by its bytes, not its name)."""

    default_code = "unsupported_type"
    default_message = _(
        "The file is not a PDF or a scanned image (PNG, JPEG or TIFF), so its "
        "text cannot be recognised."
    )


class UnreadableFileError(IntakeError):
    """Corrupt, truncated or empty."""

    default_code = "corrupt"
    default_message = _("The file is damaged or incomplete and cannot be read.")


class EncryptedFileError(IntakeError):
    """A password-protected PDF: OCR would have to remove the protection."""

    default_code = "encrypted"
    default_message = _(
        "The PDF is protected by a password or encrypted. Ask the sender for an "
        "unprotected copy."
    )


class FileTooLargeError(IntakeError):
    """Over the configured size or page limit."""

    default_code = "too_large"
    default_message = _("The file is too large to be processed.")


class OcrEngineMissingError(IntakeError):
    """The OCR program or its Vietnamese language data is not installed on the
    server. ``extra["package"]`` names the Debian package to install."""

    status_code = 503
    default_code = "ocr_engine_missing"
    default_message = _("Text recognition (OCR) is not available on this server.")


class OcrFailedError(IntakeError):
    """The engine ran but failed (a crash or a time-out on a page)."""

    status_code = 502
    default_code = "ocr_failed"
    default_message = _("Text recognition (OCR) failed on this file.")


class MalformedEmailError(IntakeError):
    """An e-mail that is not a message at all, or has no sender."""

    default_code = "malformed_email"
    default_message = _("The e-mail is malformed and cannot be read.")
