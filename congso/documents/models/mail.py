"""E-mail received by an agency's document mailbox, waiting for the clerk to
register it as an incoming document (văn bản đến qua thư điện tử)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for registration")
    REGISTERED = "registered", _("Registered")
    DISMISSED = "dismissed", _("Not a document")


class MailItem(models.Model):
    """One message fetched from the mailbox, kept as received (the .eml file)."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="mail_items"
    )
    source_key = models.CharField(max_length=255)
    message_id = models.CharField(_("message id"), max_length=255, blank=True)
    sender_name = models.CharField(_("sender"), max_length=255, blank=True)
    sender_address = models.CharField(_("sender address"), max_length=255, blank=True)
    subject = models.CharField(
        pgettext_lazy("e-mail", "subject"), max_length=500, blank=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    raw = models.FileField(upload_to="documents/mail/%Y/%m/")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MailStatus.choices,
        default=MailStatus.PENDING,
    )
    incoming = models.OneToOneField(
        "documents.IncomingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mail_item",
    )
    fetched_at = models.DateTimeField(_("fetched at"))

    class Meta:
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        ordering = ["-fetched_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source_key"], name="documents_mail_unique"
            )
        ]

    def __str__(self) -> str:
        return self.subject or self.message_id
