"""Read-only admin pages: notifications (with a retry action) and demo messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congso.notifications.constants import NotificationStatus
from congso.notifications.models import DemoMessage, Notification
from congso.notifications.services import notification_retry

if TYPE_CHECKING:
    _NotificationAdmin = admin.ModelAdmin[Notification]
    _DemoMessageAdmin = admin.ModelAdmin[DemoMessage]
else:  # ModelAdmin is not subscriptable at run time
    _NotificationAdmin = _DemoMessageAdmin = admin.ModelAdmin


@admin.register(Notification)
class NotificationAdmin(_NotificationAdmin):
    list_display = [
        "created_at",
        "event",
        "channel",
        "address",
        "status",
        "attempts",
        "object_id",
        "sent_at",
    ]
    list_filter = ["status", "channel", "event"]
    search_fields = ["=object_id", "address", "=provider_message_id"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["retry_failed"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Notification | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Notification | None = None
    ) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("core.change_outboxmessage")

    @admin.action(
        description=_("Send the selected failed notifications again"),
        permissions=["retry"],
    )
    def retry_failed(
        self, request: HttpRequest, queryset: QuerySet[Notification]
    ) -> None:
        ids = queryset.filter(
            status__in=[NotificationStatus.FAILED, NotificationStatus.DEAD]
        ).values_list("id", flat=True)
        count = 0
        for notification_id in ids:
            notification_retry(notification_id=notification_id)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d notification will be sent again.",
                "%(count)d notifications will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DemoMessage)
class DemoMessageAdmin(_DemoMessageAdmin):
    list_display = ["created_at", "channel", "sender", "address", "segments", "body"]
    list_filter = ["channel"]
    search_fields = ["address", "body"]
    ordering = ["-created_at", "-id"]
    readonly_fields = [f.name for f in DemoMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: DemoMessage | None = None
    ) -> bool:
        return False
