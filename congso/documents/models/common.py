"""What incoming and outgoing documents share: stored files, the trace of
actions (the citizen-free counterpart of a dossier's timeline) and access
grants for secret documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.documents.constants import (
    FileKind,
    IncomingAction,
    OcrStatus,
    OutgoingAction,
)

_ONE_OWNER = (Q(incoming__isnull=False) & Q(outgoing__isnull=True)) | (
    Q(incoming__isnull=True) & Q(outgoing__isnull=False)
)


class _OwnedByDocument(models.Model):
    """Belongs to exactly one incoming or one outgoing document."""

    incoming = models.ForeignKey(
        "documents.IncomingDocument",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def document(self) -> models.Model:
        return self.incoming or self.outgoing  # type: ignore[return-value]


class DocumentFile(_OwnedByDocument):
    """A stored file of a document: the scan, attachments, the draft, the
    leader-signed and the issued copies. Files are never overwritten: a new
    version is a new row."""

    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("made from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="derived",
        help_text=_("The scan a searchable copy was made from."),
    )
    text = models.TextField(_("recognised text"), blank=True)
    ocr_status = models.CharField(
        _("text recognition"),
        max_length=10,
        choices=OcrStatus.choices,
        default=OcrStatus.NONE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.CheckConstraint(condition=_ONE_OWNER, name="documents_file_owner")
        ]

    def __str__(self) -> str:
        return self.name


class DocumentEvent(_OwnedByDocument):
    """One action on a document, append-only: who, when, what, with a note. The
    trace (TraceHeaderList) the handling slip and the tracking register read."""

    action = models.CharField(_("action"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_OWNER, name="documents_event_owner")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y %H:%M}"

    @property
    def action_label(self) -> str:
        """The action's name for people (incoming or outgoing actions)."""
        for actions in (IncomingAction, OutgoingAction):
            if self.action in actions.values:
                return str(actions(self.action).label)
        return self.action


class DocumentAccess(_OwnedByDocument):
    """An official allowed to read a secret document beyond those who handle it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"))

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        constraints = [
            models.CheckConstraint(condition=_ONE_OWNER, name="documents_access_owner"),
            models.UniqueConstraint(
                fields=["incoming", "user"], name="documents_access_in_unique"
            ),
            models.UniqueConstraint(
                fields=["outgoing", "user"], name="documents_access_out_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)
