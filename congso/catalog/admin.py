"""Administration of the procedure catalogue. Drafts are edited here; publishing
goes through the service (admin action), and published versions are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congso.accounts.models import User
from congso.catalog import services
from congso.catalog.models import (
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureReason,
    ProcedureStep,
    ProcedureVersion,
)
from congso.core.errors import ApplicationError
from congso.core.forms import NFCFormMixin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _editable(obj: Any) -> bool:
    version = obj if isinstance(obj, ProcedureVersion) else None
    return version is None or not version.is_published


class VersionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProcedureVersion
    fields = ("valid_from", "valid_to", "status", "name", "time_limit", "time_unit")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("local_code", "national_code", "created_at")
    search_fields = ("local_code", "national_code", "versions__name_folded")
    inlines = [VersionInline]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Procedure | None = None
    ) -> tuple[str, ...]:
        return ("national_code", "local_code") if obj else ()

    def save_model(
        self, request: HttpRequest, obj: Procedure, form: Any, change: bool
    ) -> None:
        if not change:
            saved = services.procedure_create(
                national_code=obj.national_code,
                local_code=obj.local_code,
                actor=_actor(request),
            )
            obj.pk, obj.created_at = saved.pk, saved.created_at


class _PartInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)


class ComponentInline(_PartInline):
    model = ProcedureComponent


class StepInline(_PartInline):
    model = ProcedureStep
    autocomplete_fields = ()
    raw_id_fields = ("agency",)


class FeeInline(_PartInline):
    model = ProcedureFee


class ReasonInline(_PartInline):
    model = ProcedureReason


class VersionForm(NFCFormMixin, ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProcedureVersion
        fields = [
            "procedure",
            "valid_from",
            "valid_to",
            "name",
            "sector",
            "field",
            "level",
            "competent_agency",
            "time_limit",
            "time_unit",
            "cutoff_time",
            "result_type",
            "result_name",
            "online_mode",
            "legacy_level",
            "legal_basis",
            "note",
        ]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = VersionForm
    list_display = (
        "name",
        "procedure",
        "level",
        "valid_from",
        "valid_to",
        "status",
        "time_limit",
        "time_unit",
    )
    list_filter = ("status", "level", "sector", "time_unit")
    search_fields = ("name_folded", "procedure__local_code", "procedure__national_code")
    raw_id_fields = ("procedure", "competent_agency")
    readonly_fields = ("status", "published_at")
    inlines = [ComponentInline, StepInline, FeeInline, ReasonInline]
    actions = ["publish"]

    def has_change_permission(
        self, request: HttpRequest, obj: ProcedureVersion | None = None
    ) -> bool:
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: ProcedureVersion | None = None
    ) -> bool:
        return _editable(obj) and super().has_delete_permission(request, obj)

    def save_model(
        self,
        request: HttpRequest,
        obj: ProcedureVersion,
        form: ModelForm[ProcedureVersion],
        change: bool,
    ) -> None:
        try:
            services.procedure_version_save_draft(version=obj, actor=_actor(request))
        except ApplicationError as error:  # pragma: no cover - forms check first
            self.message_user(request, str(error.message), messages.ERROR)

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        version = form.instance
        if (
            version.pk is None
            or ProcedureVersion.objects.get(pk=version.pk).is_published
        ):
            return  # refused in save_model (e.g. published meanwhile): keep the parts
        super().save_related(request, form, formsets, change)

    @admin.action(description=_("Publish the selected versions"))
    def publish(
        self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]
    ) -> None:
        done = 0
        for version in queryset.order_by("procedure_id", "valid_from"):
            try:
                services.procedure_version_publish(
                    version=version, actor=_actor(request)
                )
                done += 1
            except ApplicationError as error:
                self.message_user(
                    request, f"{version}: {error.message}", messages.ERROR
                )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d version published.",
                    "%(count)d versions published.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
