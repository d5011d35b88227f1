"""Payment orders, the gateway messages about them, and e-receipts."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.payments.constants import (
    PaymentChannel,
    PaymentEventKind,
    PaymentOutcome,
    PaymentStatus,
)


def _access_key() -> str:
    return secrets.token_urlsafe(32)


class PaymentOrder(models.Model):
    """An amount due (khoản phải nộp) for something in an upper app, named by
    ``(object_type, object_id)`` strings such as ``("dossiers.dossier", code)``;
    ``txn_ref`` is the reference sent to the gateway (mã giao dịch của đơn vị)."""

    txn_ref = models.CharField(_("order reference"), max_length=32, unique=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=100)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    description = models.CharField(_("description"), max_length=255)
    payer_name = models.CharField(_("payer"), max_length=255, blank=True)
    payee = models.CharField(_("collecting unit"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
    )
    provider = models.CharField(_("gateway"), max_length=50, blank=True)
    channel = models.PositiveSmallIntegerField(
        _("payment channel"), choices=PaymentChannel.choices, null=True, blank=True
    )
    gateway_transaction_no = models.CharField(
        _("gateway transaction number"), max_length=64, blank=True
    )
    bank_code = models.CharField(_("bank"), max_length=32, blank=True)
    access_key = models.CharField(max_length=64, default=_access_key, editable=False)
    started_at = models.DateTimeField(_("sent to the gateway at"), null=True)
    expires_at = models.DateTimeField(_("expires at"), null=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    row_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["status", "started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payments_order_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["object_type", "object_id"],
                condition=Q(status="pending"),
                name="payments_order_one_pending_per_object",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.txn_ref} {self.amount} {self.status}"


class PaymentEvent(models.Model):
    """One message from or to the gateway (append-only): the browser return, the
    server-to-server notification or a reconciliation query, with its raw
    parameters, whether its signature held, and what it did."""

    order = models.ForeignKey(
        PaymentOrder,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    txn_ref = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=16, choices=PaymentEventKind.choices)
    params = models.JSONField(default=dict)
    signature_valid = models.BooleanField()
    outcome = models.CharField(max_length=20, choices=PaymentOutcome.choices)
    response_code = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.txn_ref} {self.kind} {self.outcome}"


class ReceiptSequence(models.Model):
    """The last receipt number of a year: a counter row bumped under a lock keeps
    numbers gap-free (never ``max()+1``)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year} #{self.last_value}"


class Receipt(models.Model):
    """Electronic receipt (biên lai điện tử) of a paid order, issued once."""

    order = models.OneToOneField(
        PaymentOrder, on_delete=models.PROTECT, related_name="receipt"
    )
    number = models.CharField(_("receipt number"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    amount_in_words = models.CharField(_("amount in words"), max_length=500)
    issued_at = models.DateTimeField(_("issued at"))
    pdf = models.FileField(upload_to="payments/receipts/%Y/")

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="payments_receipt_year_sequence"
            )
        ]

    def __str__(self) -> str:
        return self.number
