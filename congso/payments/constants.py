"""Choices of the payments app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Payment failed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class PaymentAction(models.TextChoices):
    PAY = "pay", _("Pay")
    FAIL = "fail", _("Fail")
    CANCEL = "cancel", _("Cancel")
    EXPIRE = "expire", _("Expire")


class PaymentChannel(models.IntegerChoices):
    """Where the fee was paid: the portal field ``DuocThanhToanTrucTuyen``."""

    NATIONAL_PLATFORM = 1, _("National public-service portal payment platform")
    PROVINCIAL_GATEWAY = 2, _("Ministry's or province's payment gateway")


class PaymentEventKind(models.TextChoices):
    RETURN = "return", _("Browser return")
    NOTIFICATION = "notification", _("Gateway notification")
    QUERY = "query", _("Reconciliation query")


class PaymentOutcome(models.TextChoices):
    """What one gateway message did to the order."""

    PAID = "paid", _("Marked paid")
    FAILED = "failed", _("Marked failed")
    CANCELLED = "cancelled", _("Marked cancelled")
    EXPIRED = "expired", _("Marked expired")
    ALREADY_SETTLED = "already_settled", _("Already settled; nothing changed")
    NO_CHANGE = "no_change", _("Still awaiting payment")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amount does not match; refused")
    BAD_SIGNATURE = "bad_signature", _("Invalid signature; refused")
    NOT_FOUND = "not_found", _("Unknown order")
