"""Procedures (thủ tục hành chính) and their versions, versioned by effective date.

A dossier keeps the :class:`ProcedureVersion` in force on its reception date; rules —
time limit and unit, cut-off, components, fees, internal process, competent
authority, legal basis — therefore live on the version, never on the procedure."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import AgencyLevel, Role
from congso.calendar.constants import TimeUnit
from congso.catalog.constants import (
    ComponentForm,
    FeeKind,
    OnlineMode,
    ReasonKind,
    ResultType,
    VersionStatus,
)
from congso.core.periods import period_constraint


class Procedure(models.Model):
    """A procedure's identity: the national code (mã TTHC, e.g. ``1.001193``) and the
    local implementation code (``1.001193.000.00.00.H57``) are kept apart."""

    national_code = models.CharField(_("national procedure code"), max_length=30)
    local_code = models.CharField(_("local procedure code"), max_length=60, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["local_code"]

    def __str__(self) -> str:
        return self.local_code


class ProcedureVersion(models.Model):
    """The rules of a procedure during ``[valid_from, valid_to]``."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
    )
    name = models.CharField(_("name"), max_length=500)
    name_folded = models.CharField(
        _("name for search"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Lower case, without diacritics; filled by the services."),
    )
    sector = models.CharField(_("sector"), max_length=200)
    field = models.CharField(_("field"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    competent_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the People's Committee of the receiving level decides."),
    )
    time_limit = models.PositiveIntegerField(_("processing time"))
    time_unit = models.CharField(
        _("time unit"), max_length=20, choices=TimeUnit.choices
    )
    cutoff_time = models.TimeField(
        _("cut-off time"),
        null=True,
        blank=True,
        help_text=_("Received after this time: counted from the next working day."),
    )
    result_type = models.CharField(
        _("result type"), max_length=20, choices=ResultType.choices
    )
    online_mode = models.CharField(
        _("online service"), max_length=20, choices=OnlineMode.choices
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("legacy online level (1–4)"), null=True, blank=True
    )
    result_name = models.CharField(_("result"), max_length=500, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    note = models.TextField(
        _("editorial note"),
        blank=True,
        help_text=_("Not shown to applicants: doubts about codes, sources to check."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure_id", "valid_from"]
        constraints = [
            period_constraint("catalog_procedureversion_period"),
            models.UniqueConstraint(
                fields=["procedure", "valid_from"],
                name="catalog_procedureversion_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(legacy_level__isnull=True)
                | Q(legacy_level__gte=1, legacy_level__lte=4),
                name="catalog_procedureversion_legacy_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.local_code} ({self.valid_from:%d/%m/%Y})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


#: The largest form template accepted.
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def form_template_validator(file: Any) -> None:
    """A form template is a PDF, Word (.docx) or OpenDocument text of at most
    5 MB, by its bytes (a renamed or macro-enabled file is refused)."""
    from congso.core.files import DOCX, ODT, PDF, sniff

    if (getattr(file, "size", 0) or 0) > MAX_TEMPLATE_BYTES:
        raise ValidationError(_("The form template is larger than 5 MB."))
    if sniff(file, frozenset({PDF, DOCX, ODT})) is None:
        raise ValidationError(
            _("The form template must be a PDF, Word (.docx) or OpenDocument file.")
        )


class ProcedureComponent(models.Model):
    """A document the applicant provides (thành phần hồ sơ)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="components"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("form"), max_length=20, choices=ComponentForm.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    required = models.BooleanField(_("required"), default=True)
    template_name = models.CharField(_("form template"), max_length=200, blank=True)
    #: The form to fill in (mẫu đơn, tờ khai) that the public catalogue offers for
    #: download: PDF, Word or OpenDocument, type read from the bytes.
    template_file = models.FileField(
        _("form template file"),
        upload_to="catalog/forms/%Y/",
        blank=True,
        validators=[form_template_validator],
    )

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="catalog_component_unique_order"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProcedureStep(models.Model):
    """A step of the internal process (quy trình nội bộ), possibly at another agency
    (liên thông). Allowances are in the version's unit and add up to its limit."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("responsible role"), max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("responsible agency or unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the receiving agency."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=AgencyLevel.choices, blank=True
    )
    allowance = models.PositiveIntegerField(_("time allowance"))
    is_interlinked = models.BooleanField(
        _("at another agency (liên thông)"), default=False
    )

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="catalog_step_unique_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProcedureFee(models.Model):
    """A fee or charge (phí, lệ phí) in Vietnamese đồng."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="fees"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    name = models.CharField(_("name"), max_length=300)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fee or charge")
        verbose_name_plural = _("fees and charges")

    def __str__(self) -> str:
        return self.name


class ProcedureReason(models.Model):
    """A catalogued reason for refusing, asking for a supplement or stopping."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="reasons"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReasonKind.choices)
    code = models.CharField(_("code"), max_length=30)
    text = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("catalogued reason")
        verbose_name_plural = _("catalogued reasons")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "code"], name="catalog_reason_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.text
