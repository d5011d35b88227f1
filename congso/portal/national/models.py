"""Rows of the national portal sync; imported by ``congso.portal.models`` so they
belong to the ``portal`` app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.portal.national.constants import SyncStatus


class NationalSyncLog(models.Model):
    """One version of a dossier sent to the national portal (nhật ký đồng bộ hồ sơ
    lên Cổng DVC quốc gia). At most one row per (dossier, row version): a version
    already sent, or refused for its content, is never sent again. Attempts that
    failed for the portal being unavailable are counted in ``attempts`` of the row
    written once it succeeds; until then they live in the outbox message."""

    dossier_code = models.CharField(_("dossier code"), max_length=60, db_index=True)
    row_version = models.PositiveIntegerField(_("dossier version"))
    status = models.CharField(_("status"), max_length=20, choices=SyncStatus.choices)
    provider = models.CharField(_("provider"), max_length=30)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    http_status = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True
    )
    response = models.TextField(_("portal's answer"), blank=True)
    record = models.JSONField(_("record sent"), default=dict)
    outbox_message_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("national portal sync")
        verbose_name_plural = _("national portal syncs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier_code", "row_version"],
                name="portal_nationalsynclog_once_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_code} v{self.row_version} {self.status}"
