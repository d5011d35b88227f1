"""Administration of certificates and the trust store. Imports, revocations and
trust-store changes go through the services (audited); stored certificates are
read-only and never deleted (revoke or disable instead)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.signatures import services
from congso.signatures.constants import RevocationReason
from congso.signatures.forms import CertificateImportForm, TrustAnchorAddForm
from congso.signatures.models import Certificate, TrustAnchor

CERTIFICATE_FACTS = (
    "kind",
    "owner_user",
    "owner_agency",
    "subject_common_name",
    "subject",
    "issuer_common_name",
    "issuer",
    "serial_number",
    "fingerprint_sha256",
    "not_before",
    "not_after",
    "key_usage",
    "key_algorithm",
    "signature_algorithm",
    "key_source",
    "key_encryption_id",
    "pkcs11_token_label",
    "pkcs11_key_label",
    "pkcs11_key_id",
    "remote_provider",
    "remote_credential_id",
    "trust_anchor",
    "status_checked_at",
    "revoked_at",
    "revocation_reason",
    "created_at",
)


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "subject_common_name",
        "kind",
        "owner_user",
        "owner_agency",
        "key_source",
        "key_algorithm",
        "not_after",
        "status",
    )
    list_filter = ("kind", "key_source", "trust_anchor__family", "revocation_reason")
    search_fields = (
        "subject_common_name",
        "serial_number",
        "fingerprint_sha256",
        "owner_user__username",
        "owner_user__full_name",
    )
    list_select_related = ("owner_user", "owner_agency", "trust_anchor")
    raw_id_fields = ("owner_user", "owner_agency")
    actions = ["revoke", "refresh_status"]

    @admin.display(description=_("status"))
    def status(self, obj: Certificate) -> str:
        return str(obj.status_at(timezone.now()).label)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:  # type: ignore[type-arg]
        if obj is None:
            kwargs["form"] = CertificateImportForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Certificate | None = None
    ) -> tuple[str, ...]:
        return CERTIFICATE_FACTS if obj is not None else ()

    def get_fields(
        self, request: HttpRequest, obj: Certificate | None = None
    ) -> tuple[str, ...]:
        if obj is not None:
            return CERTIFICATE_FACTS
        return (
            *CertificateImportForm.Meta.fields[:3],
            "file",
            "password",
            *CertificateImportForm.Meta.fields[3:],
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Certificate, form: Any, change: bool
    ) -> None:
        if change:
            return
        data = form.cleaned_data
        owner = {"owner_user": data["owner_user"], "owner_agency": data["owner_agency"]}
        if data["is_pkcs12"]:
            saved = services.certificate_import_pkcs12(
                data=data["data"],
                password=data.get("password") or "",
                kind=data["kind"],
                actor=_actor(request),
                **owner,
            )
        else:
            saved = services.certificate_import(
                data=data["data"],
                kind=data["kind"],
                key_ref=_key_ref(data),
                actor=_actor(request),
                **owner,
            )
        obj.pk, obj.subject_common_name = saved.pk, saved.subject_common_name
        obj.serial_number = saved.serial_number

    @admin.action(description=_("Revoke (certificates of the built-in demo CA)"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> None:
        done = 0
        for certificate in queryset:
            try:
                services.certificate_revoke(
                    certificate=certificate,
                    reason=RevocationReason.UNSPECIFIED,
                    actor=_actor(request),
                )
                done += 1
            except ApplicationError as error:
                self.message_user(
                    request, f"{certificate}: {error.message}", messages.ERROR
                )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d certificate revoked.",
                    "%(count)d certificates revoked.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Check status again (chain and revocation)"))
    def refresh_status(
        self, request: HttpRequest, queryset: QuerySet[Certificate]
    ) -> None:
        for certificate in queryset:
            services.certificate_status_refresh(
                certificate=certificate, actor=_actor(request)
            )
        self.message_user(request, _("Status checked."), messages.SUCCESS)


def _key_ref(data: dict[str, Any]) -> services.KeyRef | None:
    if data["pkcs11_token_label"]:
        return services.Pkcs11KeyRef(
            token_label=data["pkcs11_token_label"],
            key_label=data["pkcs11_key_label"],
            key_id=data["pkcs11_key_id"],
        )
    if data["remote_provider"] or data["remote_credential_id"]:
        return services.RemoteKeyRef(
            provider=data["remote_provider"],
            credential_id=data["remote_credential_id"],
        )
    return None


@admin.register(TrustAnchor)
class TrustAnchorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "role", "family", "enabled", "not_after")
    list_filter = ("family", "role", "enabled")
    search_fields = ("name", "subject", "fingerprint_sha256")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:  # type: ignore[type-arg]
        if obj is None:
            kwargs["form"] = TrustAnchorAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(
        self, request: HttpRequest, obj: TrustAnchor | None = None
    ) -> tuple[str, ...]:
        editable = ("name", "family", "enabled", "crl_urls", "ocsp_url")
        if obj is None:
            return ("file", *editable)
        return (
            *editable,
            "role",
            "subject",
            "fingerprint_sha256",
            "not_after",
            "created_at",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: TrustAnchor | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ()
        return ("role", "subject", "fingerprint_sha256", "not_after", "created_at")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: TrustAnchor, form: Any, change: bool
    ) -> None:
        data = form.cleaned_data
        if change:
            services.trust_anchor_update(
                anchor=obj,
                changes={f: data[f] for f in form.changed_data if f in data},
                actor=_actor(request),
            )
            return
        saved = services.trust_anchor_add(
            data=data["data"],
            family=data["family"],
            name=data.get("name") or "",
            enabled=data["enabled"],
            crl_urls=str(data.get("crl_urls") or "").splitlines(),
            ocsp_url=data.get("ocsp_url") or "",
            actor=_actor(request),
        )
        obj.pk, obj.name = saved.pk, saved.name


# Signature images and remote-signing requests (the signing service's admin).
from congso.signatures.signing import admin as _signing_admin  # noqa: E402, F401
