"""Read-only administration of dossiers: every change goes through the services
(the timeline and the audit chain must stay complete)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep


class _ReadOnly(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(_ReadOnly):
    model = ProcessingStep
    fields = ["order", "name", "agency", "role", "started_at", "due_at", "finished_at"]


class EventInline(_ReadOnly):
    model = DossierEvent
    fields = ["occurred_at", "action", "from_status", "to_status", "actor_label"]


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "applicant_name", "status", "due_at", "received_at"]
    list_filter = ["status", "channel"]
    search_fields = ["code", "personal_id", "applicant_folded"]
    list_select_related = ["procedure_version"]
    date_hierarchy = "received_at"
    inlines = [StepInline, EventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
