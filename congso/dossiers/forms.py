"""Forms of the officials' dossier pages: queue filters, actions, assignment, desk
reception, comments and working files. Forms check the input's shape; services
decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from congso.catalog.models import ProcedureVersion
from congso.core.files import PDF, SCAN_TYPES, sniff
from congso.core.forms import NFCFormMixin
from congso.dossiers.constants import (
    ACTION_CHOICES,
    ApplicantKind,
    Channel,
    DossierAction,
    DossierStatus,
)
from congso.dossiers.selectors import DeadlineState, Queue, QueueFilters
from congso.dossiers.services import ApplicantData, ComponentData, Reception
from congso.dossiers.services.notes import (
    MAX_ATTACHMENT_BYTES,
    MAX_COMMENT_LENGTH,
    MAX_DESCRIPTION_LENGTH,
    MAX_REASON_LENGTH,
    MAX_TITLE_LENGTH,
)
from congso.signatures.validation.selectors import pdf_signatures_check
from congso.signatures.validation.summary import SignatureCheck

MAX_SCAN_BYTES = 10 * 1024 * 1024
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y"]


def sniff_scan(upload: UploadedFile) -> str:
    """The content type of an uploaded scan from its first bytes; raises a
    ``ValidationError`` for anything but PDF, JPEG or PNG up to 10 MB."""
    if (upload.size or 0) > MAX_SCAN_BYTES:
        raise forms.ValidationError(
            _("The file %(name)s is larger than 10 MB."),
            code="too_large",
            params={"name": upload.name},
        )
    content_type = sniff(upload, SCAN_TYPES)
    if content_type is not None:
        return content_type
    raise forms.ValidationError(
        _("The file %(name)s is not a PDF, JPEG or PNG document."),
        code="file_type",
        params={"name": upload.name},
    )


def scan_signatures_check(upload: UploadedFile | None) -> SignatureCheck | None:
    """The digital signatures of a PDF scan, checked now, before the reception
    transaction (CRLs and OCSP responses may be fetched). Never raises."""
    if upload is None or upload.content_type != PDF:
        return None
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return pdf_signatures_check(data=data)


class QueueFilterForm(NFCFormMixin, forms.Form):
    queue = forms.ChoiceField(label=_("Queue"), choices=Queue.choices, required=False)
    q = forms.CharField(
        label=_("Code, applicant name or personal ID"), max_length=100, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *DossierStatus.choices],
        required=False,
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        choices=[("", _("Any deadline")), *DeadlineState.choices],
        required=False,
    )

    def to_filters(self) -> QueueFilters:
        data = self.cleaned_data
        return QueueFilters(
            queue=Queue(data.get("queue") or Queue.ALL),
            q=data.get("q") or "",
            status=data.get("status") or "",
            deadline=data.get("deadline") or "",
        )


class ActionForm(NFCFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea
    )
    reason_code = forms.CharField(label=_("Reason"), max_length=30, required=False)
    new_due_at = forms.DateTimeField(
        label=_("New appointment (dd/mm/yyyy hh:mm)"),
        input_formats=DATETIME_FORMATS,
        required=False,
    )
    result_attachment = forms.IntegerField(
        label=_("Result file to have signed by the agency"),
        min_value=1,
        required=False,
    )
    expected_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def transition_data(self) -> dict[str, Any] | None:
        """The action's extra data for ``dossier_transition`` (new appointment,
        result file), or None."""
        data = self.cleaned_data
        extra = {
            "new_due_at": data.get("new_due_at"),
            "result_attachment_id": data.get("result_attachment"),
        }
        return {key: value for key, value in extra.items() if value} or None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == DossierAction.APOLOGISE and not data.get("new_due_at"):
            self.add_error("new_due_at", _("Enter the new appointment date."))
        return data


class AssignForm(forms.Form):
    assignee = forms.IntegerField(label=_("Official"))
    expected_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ReceptionForm(NFCFormMixin, forms.Form):
    """Desk reception: the procedure, the applicant and the documents handed in."""

    receiving_agency = forms.TypedChoiceField(label=_("Receiving unit"), coerce=int)
    procedure_version = forms.TypedChoiceField(label=_("Procedure"), coerce=int)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    applicant_kind = forms.ChoiceField(
        label=_("Applicant kind"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
    )
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=255)
    personal_id = forms.RegexField(
        label=_("Personal ID number (12 digits)"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("The personal ID number has exactly 12 digits.")},
    )
    organisation_code = forms.CharField(
        label=_("Enterprise or tax code"), max_length=20, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    request_summary = forms.CharField(
        label=_("Request"), max_length=500, required=False
    )

    def __init__(
        self,
        *args: Any,
        desks: list[tuple[int, str]],
        versions: list[tuple[int, str]],
        version: ProcedureVersion | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["receiving_agency"].choices = desks  # type: ignore[attr-defined]
        self.fields["procedure_version"].choices = [  # type: ignore[attr-defined]
            ("", _("— choose a procedure —")),
            *versions,
        ]
        for component in version.components.all() if version else []:
            self.fields[f"component_{component.pk}"] = forms.BooleanField(
                label=component.name, required=False
            )
            self.fields[f"file_{component.pk}"] = forms.FileField(
                label=_("Scan of “%(name)s” (PDF, JPEG or PNG, at most 10 MB)")
                % {"name": component.name},
                required=False,
            )

        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput | forms.FileInput):
                select = isinstance(field.widget, forms.Select)
                field.widget.attrs["class"] = (
                    "form-select" if select else "form-control"
                )

    def component_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(checkbox, file) pairs in catalogue order, for the template."""
        if self.version is None:
            return []
        return [
            (self[f"component_{c.pk}"], self[f"file_{c.pk}"])
            for c in self.version.components.all()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person = data.get("applicant_kind") == ApplicantKind.PERSON
        if person and not data.get("personal_id") and "personal_id" not in self.errors:
            self.add_error("personal_id", _("Enter the personal ID number."))
        for name, value in list(data.items()):
            if name.startswith("file_") and value:
                try:
                    value.content_type = sniff_scan(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def to_reception(self) -> Reception:
        assert self.version is not None  # noqa: S101  # the view sets it before
        data = self.cleaned_data
        components = [
            ComponentData(
                name=c.name,
                form=c.form,
                component_id=c.pk,
                quantity=c.quantity,
                file=data.get(f"file_{c.pk}") or None,
                signatures=scan_signatures_check(data.get(f"file_{c.pk}")),
            )
            for c in self.version.components.all()
            if data.get(f"component_{c.pk}") or data.get(f"file_{c.pk}")
        ]
        return Reception(
            version=self.version,
            applicant=ApplicantData(
                kind=data["applicant_kind"],
                name=data["applicant_name"],
                personal_id=data.get("personal_id") or "",
                organisation_code=data.get("organisation_code") or "",
                phone=data.get("phone") or "",
                email=data.get("email") or "",
                address=data.get("address") or "",
            ),
            components=components,
            channel=data["channel"],
            request_summary=data.get("request_summary") or "",
        )


class RegisterForm(NFCFormMixin, forms.Form):
    """The tracking book's desk and period (dd/mm/yyyy)."""

    desk = forms.TypedChoiceField(label=_("Receiving desk"), coerce=int)
    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))
    format = forms.ChoiceField(
        label=_("File"), choices=[("pdf", "PDF"), ("xlsx", "Excel")], initial="pdf"
    )

    def __init__(self, *args: Any, desks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"] = forms.TypedChoiceField(
            label=_("Receiving desk"), coerce=int, choices=desks
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or (end - start).days > 366):
            raise forms.ValidationError(
                _("The period must run forwards and last at most one year.")
            )
        return data


class CommentForm(NFCFormMixin, forms.Form):
    """An official's comment (ý kiến), optionally about one step (by its number)."""

    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        error_messages={"required": _("Write your comment.")},
    )
    step = forms.IntegerField(label=_("Step"), min_value=1, required=False)


#: What the file picker proposes; the service decides from the content.
ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods"


class AttachmentForm(NFCFormMixin, forms.Form):
    """A working file (tài liệu đính kèm); its type is checked by the service."""

    title = forms.CharField(
        label=_("Title (e.g. field inspection report, draft decision)"),
        max_length=MAX_TITLE_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": _("Give the document a title.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(
            attrs={"class": "form-control", "accept": ATTACHMENT_ACCEPT}
        ),
        error_messages={"required": _("Choose a file to attach.")},
    )
    step = forms.IntegerField(label=_("Step"), min_value=1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _(
            "File (PDF, image, Word, Excel or OpenDocument; at most %(size)d MB)"
        ) % {"size": MAX_ATTACHMENT_BYTES // (1024 * 1024)}


class WithdrawForm(NFCFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": _("Say why the file is withdrawn.")},
    )
