"""Read-only admin page of the audit trail: no add, change or delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from congso.audit.models import AuditEvent

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[AuditEvent]
else:  # ModelAdmin is not subscriptable at run time (no django-stubs-ext patch)
    _ModelAdmin = admin.ModelAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(_ModelAdmin):
    list_display = [
        "seq",
        "occurred_at",
        "event_type",
        "actor_label",
        "agency_label",
        "object_type",
        "object_id",
        "source_address",
    ]
    list_filter = ["event_type", "occurred_at"]
    search_fields = ["actor_label", "=object_id"]
    ordering = ["-seq"]
    show_full_result_count = False
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: AuditEvent | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: AuditEvent | None = None
    ) -> bool:
        return False
