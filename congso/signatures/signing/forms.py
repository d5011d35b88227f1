"""Forms of the signing service."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.signatures.signing.images import MAX_UPLOAD_BYTES


class SignatureImageForm(forms.Form):
    """An official's own handwritten signature, scanned as a transparent PNG."""

    image = forms.FileField(
        label=_("Signature image (PNG with a transparent background)"),
        help_text=_("Blue ink, scanned or photographed, background removed."),
    )
    width_mm = forms.DecimalField(
        label=_("Printed width (mm)"),
        min_value=Decimal("15"),
        max_value=Decimal("80"),
        decimal_places=1,
        initial=Decimal("45"),
    )

    def clean_image(self) -> bytes:
        upload = self.cleaned_data["image"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The image is larger than %(size)d KB."),
                params={"size": MAX_UPLOAD_BYTES // 1024},
            )
        return bytes(upload.read())
