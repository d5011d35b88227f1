"""The upload form of the public verification page: shape only (size, PDF by its
bytes); reading the file is the selector's job."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congso.signatures.validation.constants import MAX_PDF_BYTES
from congso.signatures.validation.errors import NotPdfError, PdfTooLargeError


class VerificationForm(forms.Form):
    file = forms.FileField(
        label=_("Signed PDF file"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,application/pdf"}
        ),
        error_messages={"required": _("Choose the signed PDF file to verify.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "At most %(size)s. The file is checked and not kept."
        ) % {"size": filesizeformat(MAX_PDF_BYTES)}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_PDF_BYTES:
            raise forms.ValidationError(
                str(PdfTooLargeError(MAX_PDF_BYTES).message), code="too_large"
            )
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(str(NotPdfError().message), code="not_pdf")
        return upload
