"""One-stop dossiers (hồ sơ thủ tục hành chính): the dossier, its documents, the
steps of its internal process (the control sheet) and its append-only timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.catalog.constants import ComponentForm
from congso.dossiers.constants import (
    ApplicantKind,
    Channel,
    DossierAction,
    DossierStatus,
    ResultDelivery,
    Timeliness,
)
from congso.signatures.validation.constants import ReceptionCheck
from congso.signatures.validation.summary import Badge, signature_badge


class Dossier(models.Model):
    """A dossier received by a one-stop desk. The receiving unit (where received;
    prefixes the code) and the competent authority (who decides) are separate."""

    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    receiving_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    competent_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        related_name="decided_dossiers",
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    status = models.CharField(
        _("status"), max_length=30, choices=DossierStatus.choices, db_index=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    result_delivery = models.CharField(
        _("result delivery"),
        max_length=20,
        choices=ResultDelivery.choices,
        default=ResultDelivery.COUNTER,
    )
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=20, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=255)
    applicant_folded = models.CharField(max_length=255, db_index=True, editable=False)
    personal_id = models.CharField(
        _("personal ID number"), max_length=12, blank=True, db_index=True
    )
    organisation_code = models.CharField(
        _("enterprise or tax code"), max_length=20, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    admin_unit = models.ForeignKey(
        "accounts.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    request_summary = models.CharField(_("request"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    clock_start = models.DateTimeField(_("counting starts"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("appointment"), null=True, blank=True, db_index=True
    )
    original_due_at = models.DateTimeField(
        _("first appointment"), null=True, blank=True
    )
    finished_at = models.DateTimeField(_("end of processing"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    paused_at = models.DateTimeField(
        _("supplement requested at"), null=True, blank=True
    )
    resumed_at = models.DateTimeField(
        _("supplement received at"), null=True, blank=True
    )
    supplement_count = models.PositiveSmallIntegerField(default=0)
    apology_count = models.PositiveSmallIntegerField(default=0)
    current_step = models.PositiveSmallIntegerField(_("current step"), default=0)
    current_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("currently at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    current_role = models.CharField(_("current role"), max_length=30, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen account"),
        help_text=_("The portal account that submitted the dossier (nộp trực tuyến)."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citizen_dossiers",
    )
    fee_total = models.PositiveBigIntegerField(_("fees (VND)"), default=0)
    register_number = models.PositiveIntegerField(
        _("number in the tracking book"), null=True, blank=True
    )
    row_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["receiving_agency", "status", "due_at"]),
            models.Index(fields=["competent_agency", "status", "due_at"]),
            models.Index(fields=["assignee", "status", "due_at"]),
            models.Index(fields=["current_agency", "status", "due_at"]),
            models.Index(fields=["citizen", "created_at"]),
            # Queue pages walk unfinished dossiers by appointment (a few % of all).
            models.Index(
                fields=["due_at", "id"],
                condition=Q(
                    status__in=[
                        "submitted",
                        "received",
                        "in_progress",
                        "supplement_requested",
                        "resolved",
                    ]
                ),
                name="dossiers_unfinished_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class DossierComponent(models.Model):
    """A document handed in (thành phần hồ sơ), with its scan when digitised."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="components"
    )
    component = models.ForeignKey(
        "catalog.ProcedureComponent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("form"), max_length=20, choices=ComponentForm.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    file = models.FileField(_("scan"), upload_to="dossiers/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    digitised = models.BooleanField(_("digitised"), default=False)
    #: Taken from the applicant's electronic data store (DuocLayTuKhoDMQG).
    from_store = models.BooleanField(_("taken from the data store"), default=False)
    # Digital signatures of a PDF scan, checked at reception (never blocking it).
    signature_status = models.CharField(
        _("digital signature check"),
        max_length=20,
        choices=ReceptionCheck.choices,
        blank=True,
    )
    signature_summary = models.JSONField(
        _("digital signatures found"), default=dict, blank=True
    )
    signature_checked_at = models.DateTimeField(
        _("signatures checked at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return self.name

    @property
    def signature_badge(self) -> Badge | None:
        """What the reception check found, for the pages (no query)."""
        return signature_badge(self.signature_status, self.signature_summary)


class ProcessingStep(models.Model):
    """A step of the dossier's process, at the receiving desk or another agency
    (liên thông): one row of the control sheet (phiếu kiểm soát, form 06)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=300)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=30)
    allowance = models.PositiveIntegerField(_("time allowance"))
    is_interlinked = models.BooleanField(default=False)
    started_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(_("step due"), null=True, blank=True)
    finished_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.CharField(
        _("result"), max_length=20, choices=Timeliness.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("processing step")
        verbose_name_plural = _("processing steps")
        ordering = ["dossier_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "order"], name="dossiers_step_unique_order"
            )
        ]
        indexes = [models.Index(fields=["agency", "dossier"])]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.order} {self.name}"


class DossierEvent(models.Model):
    """One transition of a dossier (the citizen-visible timeline); never updated."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="events"
    )
    occurred_at = models.DateTimeField(_("time"))
    action = models.CharField(_("action"), max_length=30, choices=DossierAction.choices)
    from_status = models.CharField(
        max_length=30, choices=DossierStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=30, choices=DossierStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason_code = models.CharField(_("reason code"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["dossier_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action}"


class DossierPayment(models.Model):
    """The fees of a dossier paid online (DuocThanhToanTrucTuyen: 1 on the
    national Payment Platform, 2 through a provincial gateway), once per payment
    order of the payments app."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="payments"
    )
    order_id = models.PositiveBigIntegerField(unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    channel = models.PositiveSmallIntegerField(_("paid through"))
    paid_at = models.DateTimeField(_("paid at"))
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("online payment")
        verbose_name_plural = _("online payments")
        ordering = ["dossier_id", "paid_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.amount}"


class DailySequence(models.Model):
    """The last dossier number given by a receiving unit on a day: a locked counter
    row keeps codes gap-free under concurrent reception (never ``max()+1``)."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day"], name="dossiers_dailysequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day} #{self.last_value}"


class DeadlineWarning(models.Model):
    """A warning to an official that a dossier is due soon or overdue (cảnh báo hạn
    xử lý), delivered through the outbox by the daily deadline scan."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="deadline_warnings"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("day"))
    due_at = models.DateTimeField(_("appointment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline warning")
        verbose_name_plural = _("deadline warnings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "recipient", "kind", "day"],
                name="dossiers_deadlinewarning_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} → {self.recipient_id}"


class _Note(models.Model):
    """What a comment and a working file share: the unit the official acted for
    (a snapshot of its name) and the process step it concerns, if any."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, related_name="+"
    )
    agency_label = models.CharField(_("unit"), max_length=255, blank=True)
    step = models.ForeignKey(
        ProcessingStep,
        verbose_name=_("step"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class DossierComment(_Note):
    """An official's comment on a dossier (ý kiến trao đổi, ý kiến xử lý). Internal
    to the officials, never shown to the applicant; never edited or deleted."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_label = models.CharField(_("author"), max_length=200)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("dossier comment")
        verbose_name_plural = _("dossier comments")
        ordering = ["dossier_id", "created_at", "id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.author_label} {self.created_at:%Y-%m-%d %H:%M}"


class DossierAttachment(_Note):
    """A working file attached during processing (tài liệu đính kèm: biên bản kiểm
    tra thực địa, dự thảo kết quả, văn bản trả lời của cơ quan phối hợp …), beyond
    the scans handed in at reception. Never deleted: its author may withdraw it
    while the dossier is unfinished, and the row and the file stay."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by_label = models.CharField(_("uploaded by"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    #: Stored under a random name with the extension of the sniffed type; the
    #: official's own file name is ``original_name`` (used for downloads).
    file = models.FileField(_("file"), upload_to="dossiers/attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("time"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.CharField(
        _("reason for withdrawal"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("dossier attachment")
        verbose_name_plural = _("dossier attachments")
        ordering = ["dossier_id", "created_at", "id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self) -> str:
        return self.title
