"""Administration of the organisation. Every save goes through the services, so
it is validated and audited like any other change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congso.accounts import services
from congso.accounts.models import (
    AdminUnit,
    AdminUnitLineage,
    AgencyLineage,
    AgencyVersion,
    RoleAssignment,
    User,
)
from congso.core.errors import ApplicationError
from congso.core.forms import NFCFormMixin

VERSION_FIELDS = services.VERSION_FIELDS
RELATIONS = ("parent", "admin_unit", "work_schedule")
TEXTS = tuple(f for f in VERSION_FIELDS if f not in {"kind", "level", *RELATIONS})


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(User)
class OfficialAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "password1", "password2"),
            },
        ),
    )

    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[Any], change: bool
    ) -> None:
        services.official_save(user=obj, actor=_actor(request), created=not change)


class AgencyVersionForm(NFCFormMixin, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AgencyVersion
        fields = ["valid_from", *VERSION_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        probe = AgencyVersion(
            **{k: data.get(k) for k in ["valid_from", *VERSION_FIELDS]}
        )
        probe.agency_id = self.instance.agency_id
        for name in TEXTS:
            setattr(probe, name, getattr(probe, name) or "")
        try:
            services.agency_version_validate(probe)
        except ApplicationError as error:
            raise ValidationError(str(error.message)) from error
        return data


class RoleAssignmentForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RoleAssignment
        fields = [
            "user",
            "agency",
            "role",
            "scope",
            "position_title",
            "valid_from",
            "valid_to",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or self.instance.pk:
            return data
        try:
            services.role_assign_check(
                user=data["user"],
                agency=data["agency"],
                role=data["role"],
                valid_from=data["valid_from"],
            )
        except ApplicationError as error:
            raise ValidationError(str(error.message)) from error
        return data


@admin.register(AgencyVersion)
class AgencyVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Adding creates an agency; changing with a later "valid from" starts a new
    version (rename, move…), with the same date it corrects the version in force."""

    list_display = ("name", "kind", "level", "electronic_id", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("name", "electronic_id", "external_code")
    autocomplete_fields = ("admin_unit",)
    form = AgencyVersionForm
    fields = ["valid_from", *VERSION_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["valid_to"] if obj else []

    def save_model(
        self,
        request: HttpRequest,
        obj: AgencyVersion,
        form: ModelForm[Any],
        change: bool,
    ) -> None:
        data = {name: form.cleaned_data.get(name) for name in VERSION_FIELDS}
        if change:
            version = services.agency_version_change(
                agency=obj.agency,
                effective_date=form.cleaned_data["valid_from"],
                changes=data,
                actor=_actor(request),
            )
        else:
            fields: dict[str, Any] = {
                k: v or "" if k in TEXTS else v for k, v in data.items()
            }
            agency = services.agency_create(
                data=services.AgencyData(**fields),
                valid_from=form.cleaned_data["valid_from"],
                actor=_actor(request),
            )
            version = agency.versions.get()
        obj.pk, obj.agency_id = version.pk, version.agency_id

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "user",
        "role",
        "agency",
        "scope",
        "position_title",
        "valid_from",
        "valid_to",
    )
    list_filter = ("role", "scope")
    search_fields = ("user__username", "user__full_name", "position_title")
    autocomplete_fields = ("user",)
    form = RoleAssignmentForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj:
            return ["user", "agency", "role", "scope", "position_title", "valid_from"]
        return []

    def save_model(
        self,
        request: HttpRequest,
        obj: RoleAssignment,
        form: ModelForm[Any],
        change: bool,
    ) -> None:
        if change:
            if obj.valid_to:
                services.role_revoke(
                    assignment=obj, end=obj.valid_to, actor=_actor(request)
                )
            return
        created = services.role_assign(
            user=obj.user,
            agency=obj.agency,
            role=obj.role,
            valid_from=obj.valid_from,
            scope=obj.scope or None,
            position_title=obj.position_title,
            actor=_actor(request),
        )
        obj.pk = created.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Reference data loaded by commands; shown, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AdminUnit)
class AdminUnitAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "source_version",
    )
    list_filter = ("kind",)
    search_fields = ("code", "name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AdminUnit]:
        return super().get_queryset(request).select_related("parent")


@admin.register(AdminUnitLineage)
class AdminUnitLineageAdmin(ReadOnlyAdmin):
    list_display = ("old_unit", "new_unit", "effective_date", "share", "legal_basis")


@admin.register(AgencyLineage)
class AgencyLineageAdmin(ReadOnlyAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_date", "legal_basis")
    list_filter = ("kind",)
