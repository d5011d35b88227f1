"""Forms of the administration pages: importing a certificate and adding a trust
anchor. They check the file through the same selector the services use, so the
Vietnamese refusal appears on the form; the services check again when saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.core.errors import ApplicationError
from congso.core.text import nfc
from congso.signatures.constants import KeySource
from congso.signatures.inspection import MAX_FILE_BYTES, is_pkcs12
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.selectors import certificate_file_check, trust_anchor_file_check


def _read(upload: Any) -> bytes:
    if upload.size > MAX_FILE_BYTES:
        raise forms.ValidationError(_("The file is too large for a certificate."))
    data: bytes = upload.read()
    return data


class CertificateImportForm(forms.ModelForm):  # type: ignore[type-arg]
    file = forms.FileField(
        label=_("Certificate file"),
        help_text=_(
            "An X.509 certificate (.cer, .crt, .pem; PEM or DER) or a PKCS#12 "
            "bundle (.p12, .pfx) with its private key."
        ),
    )
    password = forms.CharField(
        label=_("PKCS#12 password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
    )

    class Meta:
        model = Certificate
        fields = [
            "kind",
            "owner_user",
            "owner_agency",
            "pkcs11_token_label",
            "pkcs11_key_label",
            "pkcs11_key_id",
            "remote_provider",
            "remote_credential_id",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        for name in self.Meta.fields[3:]:
            cleaned[name] = nfc(str(cleaned.get(name) or "")).strip()
        data = _read(upload)
        pkcs12 = is_pkcs12(data)
        try:
            certificate_file_check(
                data=data, password=(cleaned.get("password") or "") if pkcs12 else None
            )
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from None
        cleaned["data"], cleaned["is_pkcs12"] = data, pkcs12
        if pkcs12:
            cleaned["key_source"] = KeySource.SOFTWARE
        elif cleaned["pkcs11_token_label"]:
            cleaned["key_source"] = KeySource.PKCS11
        elif cleaned["remote_provider"]:
            cleaned["key_source"] = KeySource.REMOTE
        return cleaned


class TrustAnchorAddForm(forms.ModelForm):  # type: ignore[type-arg]
    file = forms.FileField(
        label=_("CA certificate file"), help_text=_("PEM or DER (.cer, .crt, .pem).")
    )

    class Meta:
        model = TrustAnchor
        fields = ["name", "family", "enabled", "crl_urls", "ocsp_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Empty: the certificate's common name.")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        upload = cleaned.get("file")
        if upload is not None:
            cleaned["data"] = _read(upload)
            try:
                trust_anchor_file_check(data=cleaned["data"])
            except ApplicationError as error:
                raise forms.ValidationError(
                    str(error.message), code=error.code
                ) from None
        return cleaned
