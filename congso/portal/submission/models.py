"""Drafts of online dossiers and the citizen's electronic data store."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoreKind(models.TextChoices):
    """Where a document of the data store came from."""

    UPLOADED = "uploaded", _("Uploaded by the citizen")
    RESULT = "result", _("Electronic result of a dossier")


class CitizenDocument(models.Model):
    """A document in the citizen's electronic data store (kho quản lý dữ liệu điện
    tử của tổ chức, cá nhân): a digitised paper or a result already issued, which
    is never asked for again (NĐ 45/2020; one-stop.md §13)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="store_documents",
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("origin"),
        max_length=20,
        choices=StoreKind.choices,
        default=StoreKind.UPLOADED,
    )
    file = models.FileField(_("file"), upload_to="portal/store/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document in the data store")
        verbose_name_plural = _("documents in the data store")
        ordering = ["owner_id", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "sha256"], name="portal_store_unique_content"
            )
        ]

    def __str__(self) -> str:
        return self.title


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class SubmissionDraft(models.Model):
    """An online dossier being prepared by a citizen (hồ sơ lưu nháp): the e-form's
    values and the files of its components, until it is submitted."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="submission_drafts",
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_agency = models.ForeignKey(
        "accounts.Agency",
        verbose_name=_("submitted to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The e-form: applicant kind, name, personal ID, organisation code, phone,
    #: e-mail, address, and the request in the applicant's words.
    form = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    row_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("online dossier draft")
        verbose_name_plural = _("online dossier drafts")
        indexes = [models.Index(fields=["owner", "status", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.pk} {self.procedure_version_id}"


class DraftFile(models.Model):
    """The file given for one component of a draft: uploaded, or reused from the
    data store (then ``from_store`` names it and no copy is asked for)."""

    draft = models.ForeignKey(
        SubmissionDraft, on_delete=models.CASCADE, related_name="files"
    )
    component = models.ForeignKey(
        "catalog.ProcedureComponent", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="portal/drafts/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    from_store = models.ForeignKey(
        CitizenDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "component"], name="portal_draft_one_file_each"
            )
        ]

    def __str__(self) -> str:
        return self.original_name
