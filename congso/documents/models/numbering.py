"""Number series (hệ thống số, NĐ 30 §2): one row per agency, year and series;
every number handed out is logged and never reused."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.documents.constants import SeriesKind


class NumberingSeries(models.Model):
    """A yearly series of numbers: the incoming register's số đến, the agency's
    outgoing numbers, the separate secret series, a normative series. Numbers
    restart at 1 each year because each year has its own row."""

    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="numbering_series",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("series"), max_length=20, choices=SeriesKind.choices)
    next_value = models.PositiveIntegerField(_("next number"), default=1)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="documents_series_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class AllocationStatus(models.TextChoices):
    USED = "used", _("Used")
    RESERVED = "reserved", _("Reserved")
    VOID = "void", _("Voided")


class NumberAllocation(models.Model):
    """One number of a series: used by a document, reserved (giữ số) or voided."""

    series = models.ForeignKey(
        NumberingSeries, on_delete=models.PROTECT, related_name="allocations"
    )
    value = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=AllocationStatus.choices
    )
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    allocated_at = models.DateTimeField(_("allocated at"))

    class Meta:
        verbose_name = _("number allocation")
        verbose_name_plural = _("number allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "value"], name="documents_allocation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} #{self.value}"
