"""Read-only admin lists of payment orders, their gateway events and receipts.
Orders change only through the services (the gateway's messages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from congso.payments.models import PaymentEvent, PaymentOrder, Receipt


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PaymentEventInline(_ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = PaymentEvent
    extra = 0
    fields = readonly_fields = (
        "created_at",
        "kind",
        "signature_valid",
        "outcome",
        "response_code",
    )


@admin.register(PaymentOrder)
class PaymentOrderAdmin(_ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "txn_ref",
        "object_type",
        "object_id",
        "amount",
        "status",
        "channel",
        "paid_at",
        "created_at",
    ]
    list_filter = ["status", "channel", "provider"]
    search_fields = ["txn_ref", "object_id", "payer_name", "gateway_transaction_no"]
    date_hierarchy = "created_at"
    inlines = [PaymentEventInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(_ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "txn_ref", "kind", "signature_valid", "outcome"]
    list_filter = ["kind", "outcome", "signature_valid"]
    search_fields = ["txn_ref"]


@admin.register(Receipt)
class ReceiptAdmin(_ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["number", "order", "amount", "issued_at"]
    search_fields = ["number", "order__txn_ref", "order__object_id"]
