"""Models of the audit trail (nhật ký): an append-only, hash-chained event log."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.audit.chain import HASHED_FIELDS, entry_hash, entry_payload


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit event, or to insert one by hand."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses the bulk write paths; only ``audit_record`` appends."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events are appended one by one by audit_record")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be updated")


class AuditEvent(models.Model):
    """One entry (mục nhật ký) of the audit trail, linked to the previous by its hash.

    Actor and agency are snapshots (ids and labels at the time), not foreign keys, so
    an entry never changes when the official or the organisation tree does."""

    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=255, blank=True)
    agency_id = models.BigIntegerField(_("agency id"), null=True, blank=True)
    agency_label = models.CharField(_("agency"), max_length=255, blank=True)
    event_type = models.CharField(_("event type"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    source_address = models.CharField(_("source address"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-seq",)
        indexes = [
            models.Index(fields=["agency_id", "-seq"], name="audit_event_agency_idx"),
            models.Index(
                fields=["object_type", "object_id", "-seq"],
                name="audit_event_object_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seq__gte=1), name="audit_event_seq_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only, and only a row whose hash matches its fields."""
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be updated")
        if self.hash != self.compute_hash():
            raise AppendOnlyError("the audit event's hash does not match its fields")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")

    def compute_hash(self) -> str:
        """The hash this entry should carry, from its fields and ``prev_hash``."""
        values = {name: getattr(self, name) for name in HASHED_FIELDS}
        return entry_hash(self.prev_hash, entry_payload(values))


class AuditHead(models.Model):
    """The single row holding the last ``seq`` and ``hash`` of the chain.

    Appends lock it (``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE
    transaction already serialises writers), which serialises the chain."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    last_seq = models.PositiveBigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="audit_head_singleton"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
