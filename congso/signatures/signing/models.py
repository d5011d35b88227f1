"""Rows of the signing service: the images shown in visible signatures and the
asynchronous remote-signing requests. Imported by ``congso.signatures.models`` so
they belong to the ``signatures`` app."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.signatures.ownership import owner_matches_kind
from congso.signatures.signing.constants import (
    PAdESLevel,
    SignatureImageKind,
    SignaturePurpose,
    SigningRequestStatus,
)


class SignatureImage(models.Model):
    """An official's handwritten signature (chữ ký, blue) or an agency's seal
    (con dấu, red), a transparent PNG shown in visible signatures (NĐ 30/2020
    Phụ lục I). One current image per owner; a replaced one keeps its row."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=SignatureImageKind.choices
    )
    owner_user = models.ForeignKey(
        User,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signature_images",
    )
    owner_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signature_images",
    )
    png = models.BinaryField(_("image (PNG)"), editable=False)
    width_px = models.PositiveIntegerField(_("width (pixels)"), editable=False)
    height_px = models.PositiveIntegerField(_("height (pixels)"), editable=False)
    width_mm = models.DecimalField(
        _("printed width (mm)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("A seal is shown at its real size (its diameter)."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    generated = models.BooleanField(
        _("generated demo image"), default=False, editable=False
    )
    uploaded_by = models.ForeignKey(
        User,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature image")
        verbose_name_plural = _("signature images")
        ordering = ["kind", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=owner_matches_kind(
                    SignatureImageKind.SIGNATURE, SignatureImageKind.SEAL
                ),
                name="signatures_image_owner_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["owner_user"],
                condition=Q(replaced_at__isnull=True, owner_user__isnull=False),
                name="signatures_image_one_current_per_user",
            ),
            models.UniqueConstraint(
                fields=["owner_agency"],
                condition=Q(replaced_at__isnull=True, owner_agency__isnull=False),
                name="signatures_image_one_current_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class SigningRequest(models.Model):
    """A remote signature (ký số từ xa) waiting for the signer to approve it in
    the provider's mobile application: pending → signed / rejected / expired /
    failed. Holds the prepared document (with its signature placeholder) and
    the signed attributes whose hash the provider signs; the signed document is
    stored once, by a conditional update (idempotent embedding)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    certificate = models.ForeignKey(
        "signatures.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="signing_requests",
    )
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(
        _("purpose"), max_length=30, choices=SignaturePurpose.choices
    )
    level = models.CharField(_("level"), max_length=10, choices=PAdESLevel.choices)
    title = models.CharField(
        _("document"),
        max_length=200,
        help_text=_("Shown to the signer in the approval application."),
    )
    field_name = models.CharField(_("signature field"), max_length=100)
    provider = models.CharField(_("remote-signing provider"), max_length=50)
    credential_id = models.CharField(_("credential id"), max_length=255)
    transaction_id = models.CharField(
        _("transaction id"), max_length=255, blank=True, db_index=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SigningRequestStatus.choices,
        default=SigningRequestStatus.PENDING,
    )
    message = models.TextField(_("message"), blank=True)
    deadline = models.DateTimeField(_("approve before"))
    source_sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    prepared_pdf = models.BinaryField(_("prepared document"), editable=False)
    digest_algorithm = models.CharField(max_length=20, editable=False)
    document_digest = models.BinaryField(editable=False)
    reserved_start = models.PositiveBigIntegerField(editable=False)
    reserved_end = models.PositiveBigIntegerField(editable=False)
    signed_attrs = models.BinaryField(_("signed attributes (DER)"), editable=False)
    signature_mechanism = models.BinaryField(editable=False)
    signed_pdf = models.BinaryField(
        _("signed document"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_polled_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("remote signing request")
        verbose_name_plural = _("remote signing requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"
