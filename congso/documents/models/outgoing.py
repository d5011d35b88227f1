"""Outgoing documents (văn bản đi): drafting, review, signature, numbering and
issuance, and their delivery to recipients."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.documents.constants import (
    Competence,
    DeliveryChannel,
    DeliveryStatus,
    OutgoingSource,
    OutgoingStatus,
    ReviewDecision,
)
from congso.documents.models.incoming import IncomingDocument, _DocumentHeader


class OutgoingDocument(_DocumentHeader):
    """A document an agency drafts and issues. Its number and symbol are given by
    the document office at issuance, from the agency's series for the year."""

    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
    )
    agency_name = models.CharField(_("issuing agency name"), max_length=255)
    governing_name = models.CharField(
        _("governing agency name"), max_length=255, blank=True
    )
    drafting_unit = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("drafting unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=OutgoingSource.choices,
        default=OutgoingSource.DRAFTED,
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=OutgoingStatus.choices,
        default=OutgoingStatus.DRAFT,
        db_index=True,
    )
    addressee = models.CharField(_("addressed to"), max_length=500, blank=True)
    basis = models.TextField(_("legal basis"), blank=True)
    body = models.TextField(_("content"), blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    competence = models.CharField(
        _("signing authority"),
        max_length=5,
        choices=Competence.choices,
        blank=True,
        default=Competence.OWN,
    )
    competence_of = models.CharField(
        _("on behalf of"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Ủy ban nhân dân, Chủ tịch"),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100)
    external_recipients = models.TextField(_("other recipients"), blank=True)
    internal_recipients = models.ManyToManyField(
        "accounts.Agency",
        verbose_name=_("recipients on the network"),
        blank=True,
        related_name="+",
    )
    copies = models.PositiveSmallIntegerField(_("copies kept"), default=1)
    normative = models.BooleanField(_("legal normative document"), default=False)
    replies_to = models.ManyToManyField(
        IncomingDocument,
        verbose_name=_("in reply to"),
        blank=True,
        related_name="replies",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    series = models.ForeignKey(
        "documents.NumberingSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    issued_date = models.DateField(_("issued on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    recalled_at = models.DateTimeField(_("recalled at"), null=True, blank=True)
    recall_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                name="documents_outgoing_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "issued_date"]),
        ]

    def __str__(self) -> str:
        return self.number_symbol or self.subject[:60]


class ReviewStep(models.Model):
    """One reviewer in a draft's approval chain (trình duyệt), in order; the
    signer is the last step."""

    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="review_steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="document_reviews",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=ReviewDecision.choices,
        default=ReviewDecision.PENDING,
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["outgoing_id", "round", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["outgoing", "round", "order"],
                name="documents_review_unique",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "decision"])]

    def __str__(self) -> str:
        return f"{self.outgoing} #{self.order}"


class Delivery(models.Model):
    """An issued document sent to one recipient, with the recipient's status
    (the sender sees whether it was received, Phụ lục VI Part I)."""

    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    channel = models.CharField(
        pgettext_lazy("delivery", "channel"),
        max_length=20,
        choices=DeliveryChannel.choices,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.SENT,
    )
    incoming = models.OneToOneField(
        IncomingDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivery",
    )
    sent_at = models.DateTimeField(_("sent at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["outgoing", "recipient_agency"],
                name="documents_delivery_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outgoing} → {self.recipient_name}"
