"""Incoming documents (văn bản đến) and their handling (phiếu giải quyết)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.documents.constants import (
    AssignmentStatus,
    DocumentType,
    HandlingRole,
    IncomingChannel,
    IncomingStatus,
    Secrecy,
    Urgency,
)


class _DocumentHeader(models.Model):
    """What identifies a document wherever it is (Phụ lục VI, Part II)."""

    doc_type = models.CharField(
        _("document type"), max_length=30, choices=DocumentType.choices, blank=True
    )
    number_symbol = models.CharField(_("number and symbol"), max_length=50, blank=True)
    number_key = models.CharField(max_length=60, blank=True, db_index=True)
    subject = models.CharField(pgettext_lazy("document", "subject"), max_length=500)
    urgency = models.CharField(
        _("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.CharField(
        _("secrecy"), max_length=20, choices=Secrecy.choices, default=Secrecy.NONE
    )
    due_date = models.DateField(_("handling deadline"), null=True, blank=True)
    row_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NONE


class IncomingDocument(_DocumentHeader):
    """A document received by an agency, entered in its incoming register (sổ
    đăng ký văn bản đến) with a continuous yearly number (số đến)."""

    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="incoming_documents",
    )
    arrival_year = models.PositiveSmallIntegerField(_("year"))
    arrival_number = models.PositiveIntegerField(_("incoming number"))
    received_at = models.DateTimeField(_("arrived at"))
    registered_at = models.DateTimeField(_("registered at"))
    registration_due = models.DateField(_("to be registered by"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(
        _("arrived by"), max_length=20, choices=IncomingChannel.choices
    )
    issuer_name = models.CharField(_("issuing agency"), max_length=255)
    issuer_folded = models.CharField(max_length=255, db_index=True, editable=False)
    issuer_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("issuing agency on the network"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_date = models.DateField(_("document date"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=100, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    source_reference = models.CharField(
        _("source reference"),
        max_length=255,
        blank=True,
        help_text=_("E-mail message id or exchange document id."),
    )
    source_outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("sent as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries_received",
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=IncomingStatus.choices,
        default=IncomingStatus.REGISTERED,
        db_index=True,
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    handled_on_network = models.BooleanField(
        _("handled fully on the network"),
        default=True,
        help_text=_(
            "Received electronically or scanned at registration; a paper document "
            "without a scan is handled on paper."
        ),
    )

    class Meta:
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming documents")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "arrival_year", "arrival_number"],
                name="documents_incoming_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"]),
            models.Index(fields=["agency", "received_at"]),
            # The duplicate check of every registration (number, symbol, issuer).
            models.Index(
                fields=["agency", "number_key", "issuer_folded"],
                name="documents_incoming_dup_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arrival_number}/{self.arrival_year} {self.number_symbol}"

    @property
    def is_electronic(self) -> bool:
        return self.channel != IncomingChannel.PAPER


class HandlingAssignment(models.Model):
    """One unit's part in handling an incoming document, in the three blocks of
    the handling slip: the leader's direction (lead or cooperating, deadline),
    the unit head's assignment (assignee, deadline) and the assignee's proposal."""

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(
        pgettext_lazy("handling", "part"), max_length=20, choices=HandlingRole.choices
    )
    instruction = models.TextField(_("leader's instruction"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    directed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    directed_at = models.DateTimeField(_("directed at"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_assignments",
    )
    unit_instruction = models.TextField(_("unit head's instruction"), blank=True)
    assignee_deadline = models.DateField(_("assignee deadline"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.AT_UNIT,
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("handling assignment")
        verbose_name_plural = _("handling assignments")
        ordering = ["incoming_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incoming", "unit"], name="documents_assignment_unit_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "status", "deadline"]),
            models.Index(fields=["assignee", "status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.incoming} → {self.unit}"


class DocumentReminder(models.Model):
    """A reminder to an official that their part in handling a document is due
    soon or overdue, delivered through the outbox by the daily deadline scan."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    assignment = models.ForeignKey(
        HandlingAssignment, on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("day"))
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document reminder")
        verbose_name_plural = _("document reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "recipient", "kind", "day"],
                name="documents_reminder_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.kind} → {self.recipient_id}"
