"""Refusals of signature verification, each with a Vietnamese message: the file
itself cannot be checked. A signature that fails is not an error but a result."""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from congso.core.errors import ApplicationError


class VerificationInputError(ApplicationError):
    """The uploaded file cannot be verified (shown instead of a report)."""


class NotPdfError(VerificationInputError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The file is not a PDF document. Only signed PDF files can be "
                "verified here."
            ),
            code="not_pdf",
        )


class PdfTooLargeError(VerificationInputError):
    status_code = 413

    def __init__(self, limit: int) -> None:
        super().__init__(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)},
            code="too_large",
        )


class CorruptPdfError(VerificationInputError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The PDF file is damaged or does not follow the PDF standard, so its "
                "signatures cannot be read."
            ),
            code="corrupt_pdf",
        )


class EncryptedPdfError(VerificationInputError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The PDF file is protected by a password, so its signatures cannot "
                "be checked. Upload the file without a password."
            ),
            code="encrypted_pdf",
        )


class NoSignatureError(VerificationInputError):
    def __init__(self) -> None:
        super().__init__(
            _("The PDF file contains no digital signature."), code="no_signature"
        )


class TooComplexPdfError(VerificationInputError):
    def __init__(self, *, signatures: int, limit: int) -> None:
        super().__init__(
            _(
                "The PDF file has too many signatures or revisions to be checked "
                "here (%(count)s; at most %(limit)s)."
            )
            % {"count": signatures, "limit": limit},
            code="too_complex",
        )
