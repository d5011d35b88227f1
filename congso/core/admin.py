"""Read-only outbox page for system administrators, with a retry action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_retry

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[OutboxMessage]
else:  # ModelAdmin is not subscriptable at run time (no django-stubs-ext patch)
    _ModelAdmin = admin.ModelAdmin


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_ModelAdmin):
    list_display = [
        "created_at",
        "topic",
        "status",
        "attempts",
        "available_at",
        "done_at",
        "short_error",
    ]
    list_filter = ["status", "topic"]
    search_fields = ["=id", "topic", "dedup_key"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["retry_dead"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: OutboxMessage | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: OutboxMessage | None = None
    ) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("core.change_outboxmessage")

    @admin.display(description=_("last error"))
    def short_error(self, obj: OutboxMessage) -> str:
        lines = obj.last_error.strip().splitlines()
        return lines[-1][:120] if lines else ""

    @admin.action(
        description=_("Retry the selected dead messages"), permissions=["retry"]
    )
    def retry_dead(
        self, request: HttpRequest, queryset: QuerySet[OutboxMessage]
    ) -> None:
        count = outbox_retry(message_ids=queryset.values_list("id", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d dead message will be delivered again.",
                "%(count)d dead messages will be delivered again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
