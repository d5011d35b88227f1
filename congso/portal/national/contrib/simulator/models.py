"""What the national portal simulator received (imported by ``congso.portal.models``)."""

from __future__ import annotations

import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class NationalSimRecord(models.Model):
    """One payload received by the simulator, valid or not (bản ghi nhận được)."""

    received_at = models.DateTimeField(_("received at"), db_index=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=200, blank=True, db_index=True
    )
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    payload = models.JSONField(_("payload"), null=True, blank=True)
    valid = models.BooleanField(_("valid"))
    duplicate = models.BooleanField(_("duplicate"), default=False)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        verbose_name = _("national portal simulator record")
        verbose_name_plural = _("national portal simulator records")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier_code or '?'} {self.received_at:%Y-%m-%d %H:%M:%S}"

    @property
    def payload_pretty(self) -> str:
        """The payload as indented JSON, for the page."""
        return json.dumps(self.payload, ensure_ascii=False, indent=2)

    @property
    def national_status(self) -> object:
        """TrangThaiHoSo of the payload, if it has one."""
        return (
            self.payload.get("TrangThaiHoSo")
            if isinstance(self.payload, dict)
            else None
        )
