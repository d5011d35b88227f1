"""Case files (hồ sơ công việc) with their retention (Luật Lưu trữ 2024)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.documents.constants import CaseFileStatus, Retention


class CaseFile(models.Model):
    """A case file: documents on one matter, kept for a retention period.
    Not a one-stop dossier (``Dossier``)."""

    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="case_files",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    notation = models.CharField(_("file code"), max_length=20)
    title = models.CharField(pgettext_lazy("case file", "title"), max_length=500)
    retention = models.CharField(
        _("retention"), max_length=10, choices=Retention.choices
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years kept"), null=True, blank=True
    )
    rights = models.CharField(_("access"), max_length=30, blank=True)
    creator = models.CharField(_("responsible unit or person"), max_length=100)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CaseFileStatus.choices,
        default=CaseFileStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "notation"],
                name="documents_casefile_unique",
            ),
            models.CheckConstraint(
                condition=Q(retention="permanent", retention_years__isnull=True)
                | Q(retention="years", retention_years__gt=0),
                name="documents_casefile_retention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notation} {self.title}"

    @property
    def maintenance(self) -> str:
        """Thời hạn bảo quản as printed: "Vĩnh viễn" or "10 năm"."""
        if self.retention == Retention.PERMANENT:
            return "Vĩnh viễn"
        return f"{self.retention_years} năm"


class CaseFileItem(models.Model):
    """A document filed in a case file, in order."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    incoming = models.ForeignKey(
        "documents.IncomingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_file_items",
    )
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_file_items",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("filed document")
        verbose_name_plural = _("filed documents")
        ordering = ["case_file_id", "order"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(incoming__isnull=False) & Q(outgoing__isnull=True))
                | (Q(incoming__isnull=True) & Q(outgoing__isnull=False)),
                name="documents_item_owner",
            ),
            models.UniqueConstraint(
                fields=["case_file", "incoming"], name="documents_item_in_unique"
            ),
            models.UniqueConstraint(
                fields=["case_file", "outgoing"], name="documents_item_out_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_file} #{self.order}"
