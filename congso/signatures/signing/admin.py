"""Administration of signature images and remote-signing requests. Images are
added through the service (checked, re-encoded, audited) and never edited; a new
upload replaces the current one. Requests are read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.core.errors import ApplicationError
from congso.signatures.signing.images import CheckedImage, image_check
from congso.signatures.signing.models import SignatureImage, SigningRequest
from congso.signatures.signing.services import signature_image_set


class SignatureImageAddForm(forms.ModelForm):  # type: ignore[type-arg]
    """Upload an official's signature or an agency's seal (transparent PNG)."""

    upload = forms.FileField(label=_("Image (PNG with a transparent background)"))

    class Meta:
        model = SignatureImage
        fields = ("owner_user", "owner_agency", "width_mm")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("owner_user")) == bool(data.get("owner_agency")):
            raise ValidationError(_("Choose either an official or an agency."))
        upload = data.get("upload")
        if upload is not None:
            try:
                data["checked"] = image_check(bytes(upload.read()))
            except ApplicationError as error:
                self.add_error("upload", str(error.message))
        return data

    def _post_clean(self) -> None:  # the row is built by the service
        pass


@admin.register(SignatureImage)
class SignatureImageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "kind",
        "owner_user",
        "owner_agency",
        "width_mm",
        "generated",
        "created_at",
        "replaced_at",
    )
    list_filter = ("kind", "generated")
    readonly_fields = (
        "kind",
        "owner_user",
        "owner_agency",
        "width_mm",
        "width_px",
        "height_px",
        "sha256",
        "generated",
        "uploaded_by",
        "created_at",
        "replaced_at",
    )
    form = SignatureImageAddForm

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["fields"] = ("owner_user", "owner_agency", "width_mm", "upload")
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: SignatureImage, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        checked: CheckedImage = data["checked"]
        owner_user: User | None = data.get("owner_user")
        owner_agency: Agency | None = data.get("owner_agency")
        created = signature_image_set(
            image=checked,
            owner_user=owner_user,
            owner_agency=owner_agency,
            width_mm=data.get("width_mm"),
            actor=request.user if isinstance(request.user, User) else None,
        )
        obj.pk = created.pk


@admin.register(SigningRequest)
class SigningRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "title",
        "requested_by",
        "provider",
        "status",
        "deadline",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "provider")
    fields = (
        "title",
        "certificate",
        "requested_by",
        "purpose",
        "level",
        "field_name",
        "provider",
        "credential_id",
        "transaction_id",
        "status",
        "message",
        "deadline",
        "source_sha256",
        "created_at",
        "submitted_at",
        "last_polled_at",
        "finished_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
