"""Forms of the document pages. Forms check the input's shape (types, dates in
dd/mm/yyyy, required fields); services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.core.forms import NFCFormMixin
from congso.documents.constants import (
    Competence,
    DocumentType,
    HandlingRole,
    IncomingChannel,
    IncomingStatus,
    OutgoingStatus,
    Retention,
    Secrecy,
    Urgency,
)
from congso.documents.services.direction import UnitDirection
from congso.documents.services.incoming import IncomingData, UploadedFile
from congso.documents.services.outgoing import DraftData

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d/%m/%Y"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y"]
TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _date(label: StrOrPromise, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "dd/mm/yyyy"}),
    )


class IncomingForm(NFCFormMixin, forms.Form):
    """Registration of an incoming document (vào sổ văn bản đến)."""

    channel = forms.ChoiceField(
        label=_("Arrived by"),
        choices=IncomingChannel.choices,
        widget=forms.Select(attrs=SELECT),
    )
    issuer_name = forms.CharField(
        label=_("Issuing agency"), max_length=255, widget=forms.TextInput(attrs=TEXT)
    )
    number_symbol = forms.CharField(
        label=_("Number and symbol"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "placeholder": "123/UBND-VP"}),
    )
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        choices=[("", "—"), *DocumentType.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    issued_date = _date(_("Document date"))
    subject = forms.CharField(
        label=_("Subject"),
        max_length=500,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.Select(attrs=SELECT)
    )
    secrecy = forms.ChoiceField(
        label=_("Secrecy"), choices=Secrecy.choices, widget=forms.Select(attrs=SELECT)
    )
    received_at = forms.DateTimeField(
        label=_("Arrived at (dd/mm/yyyy hh:mm)"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.TextInput(attrs=TEXT),
    )
    due_date = _date(_("Handling deadline"))
    signer_name = forms.CharField(
        label=_("Signed by"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    page_count = forms.IntegerField(
        label=pgettext_lazy("page count", "Pages"),
        min_value=1,
        max_value=9999,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    scan = forms.FileField(
        label=_("Scan or received file (PDF, JPEG, PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs=TEXT),
    )
    allow_duplicate = forms.BooleanField(
        label=_("Register even though it looks like a duplicate"), required=False
    )

    def to_data(self) -> tuple[IncomingData, list[UploadedFile]]:
        d: dict[str, Any] = self.cleaned_data
        scan = d.get("scan")
        files = [UploadedFile(scan.name, scan.read())] if scan else []
        return (
            IncomingData(
                channel=d["channel"],
                issuer_name=d["issuer_name"],
                subject=d["subject"],
                number_symbol=d["number_symbol"],
                doc_type=d["doc_type"],
                issued_date=d["issued_date"],
                received_at=d["received_at"],
                urgency=d["urgency"],
                secrecy=d["secrecy"],
                due_date=d["due_date"],
                signer_name=d["signer_name"],
                page_count=d["page_count"],
                notes=d["notes"],
                allow_duplicate=d["allow_duplicate"],
            ),
            files,
        )


class NoteForm(NFCFormMixin, forms.Form):
    """A clerk's step (submit, file, return) with an optional note."""

    action = forms.ChoiceField(
        choices=[("submit", "submit"), ("file", "file"), ("return", "return")]
    )
    note = forms.CharField(max_length=2000, required=False)
    expected_version = forms.IntegerField(min_value=0)


class DirectForm(NFCFormMixin, forms.Form):
    """The leader's direction: a lead unit and cooperating units, deadlines."""

    lead_unit = forms.IntegerField(label=_("Lead unit"))
    lead_deadline = _date(_("Deadline of the lead unit"))
    cooperating = forms.MultipleChoiceField(
        label=_("Cooperating units"), required=False, choices=()
    )
    instruction = forms.CharField(
        label=_("Instruction"), max_length=2000, required=False
    )
    expected_version = forms.IntegerField(min_value=0)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["cooperating"]).choices = [
            (str(i), n) for i, n in units
        ]

    def to_directions(self) -> list[UnitDirection]:
        d = self.cleaned_data
        lead = UnitDirection(
            d["lead_unit"], HandlingRole.LEAD, d["lead_deadline"], d["instruction"]
        )
        return [lead] + [
            UnitDirection(int(u), HandlingRole.COOPERATE, d["lead_deadline"])
            for u in d["cooperating"]
            if int(u) != d["lead_unit"]
        ]


class AssignForm(NFCFormMixin, forms.Form):
    assignee = forms.IntegerField(label=_("Assign to"))
    deadline = _date(_("Deadline"))
    instruction = forms.CharField(
        label=_("Instruction"), max_length=2000, required=False
    )
    expected_version = forms.IntegerField(min_value=0)


class ProposalForm(NFCFormMixin, forms.Form):
    action = forms.ChoiceField(
        choices=[("propose", "propose"), ("complete", "complete")]
    )
    text = forms.CharField(max_length=4000, required=False)
    expected_version = forms.IntegerField(min_value=0)


class DraftForm(NFCFormMixin, forms.Form):
    """An outgoing document drafted here, or a finished PDF uploaded."""

    doc_type = forms.ChoiceField(
        label=_("Document type"),
        choices=DocumentType.choices,
        widget=forms.Select(attrs=SELECT),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=500,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    addressee = forms.CharField(
        label=_("Addressed to (Kính gửi)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    basis = forms.CharField(
        label=_("Legal basis (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    body = forms.CharField(
        label=_('Content (paragraphs; "Điều 1." starts an article)'),
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 10}),
    )
    upload = forms.FileField(
        label=_("Or upload the finished document (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs=TEXT),
    )
    place = forms.CharField(
        label=_("Place in the date line"),
        max_length=100,
        widget=forms.TextInput(attrs=TEXT),
    )
    drafting_unit = forms.TypedChoiceField(
        label=_("Drafting unit"),
        coerce=int,
        choices=(),
        required=False,
        empty_value=None,
        widget=forms.Select(attrs=SELECT),
    )
    signer = forms.TypedChoiceField(
        label=_("Signer"), coerce=int, choices=(), widget=forms.Select(attrs=SELECT)
    )
    competence = forms.ChoiceField(
        label=_("Signing authority"),
        choices=Competence.choices,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    competence_of = forms.CharField(
        label=_("On behalf of"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=100, widget=forms.TextInput(attrs=TEXT)
    )
    internal_recipients = forms.TypedMultipleChoiceField(
        label=_("Recipients on the network"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 5}),
    )
    external_recipients = forms.CharField(
        label=_("Recipients (one per line; the last “Lưu: VT, …”)"),
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.Select(attrs=SELECT)
    )
    secrecy = forms.ChoiceField(
        label=_("Secrecy"), choices=Secrecy.choices, widget=forms.Select(attrs=SELECT)
    )
    due_date = _date(_("Reply expected by"))
    expected_version = forms.IntegerField(min_value=0, required=False)
    reply_to = forms.TypedMultipleChoiceField(
        label=_("In reply to"),
        coerce=int,
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 4}),
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        signers: list[tuple[int, str]],
        recipients: list[tuple[int, str]],
        replies: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["drafting_unit"]).choices = [
            ("", "—"),
            *units,
        ]
        cast(forms.ChoiceField, self.fields["signer"]).choices = signers
        cast(forms.ChoiceField, self.fields["internal_recipients"]).choices = recipients
        cast(forms.ChoiceField, self.fields["reply_to"]).choices = replies

    def to_data(self) -> tuple[DraftData, UploadedFile | None]:
        d: dict[str, Any] = self.cleaned_data
        upload = d.get("upload")
        return (
            DraftData(
                doc_type=d["doc_type"],
                subject=d["subject"],
                signer_id=d["signer"],
                signer_title=d["signer_title"],
                body=d["body"],
                competence=d["competence"] or "",
                competence_of=d["competence_of"],
                addressee=d["addressee"],
                basis=d["basis"],
                place=d["place"],
                drafting_unit_id=d["drafting_unit"],
                external_recipients=d["external_recipients"],
                internal_recipient_ids=tuple(d["internal_recipients"]),
                urgency=d["urgency"],
                secrecy=d["secrecy"],
                due_date=d["due_date"],
                reply_to_ids=tuple(d["reply_to"]),
            ),
            UploadedFile(upload.name, upload.read()) if upload else None,
        )


class OutgoingActionForm(NFCFormMixin, forms.Form):
    """One action on an outgoing document from its page."""

    action = forms.ChoiceField(
        choices=[
            (a, a)
            for a in (
                "submit",
                "approve",
                "return",
                "sign",
                "issue",
                "recall",
                "cancel",
            )
        ]
    )
    note = forms.CharField(max_length=4000, required=False)
    reviewers = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    reserved_number = forms.IntegerField(min_value=1, required=False)
    pin = forms.CharField(max_length=64, required=False, strip=False)
    expected_version = forms.IntegerField(min_value=0)

    def __init__(
        self, *args: Any, reviewers: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reviewers"]).choices = reviewers


class ListFilterForm(forms.Form):
    status = forms.CharField(required=False, max_length=30)

    def clean_status(self) -> str:
        value: str = self.cleaned_data["status"]
        if value and value not in IncomingStatus.values + OutgoingStatus.values:
            raise forms.ValidationError(_("Unknown status."))
        return value


class SearchForm(NFCFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Words, phrase or number"), max_length=200, required=False
    )
    kind = forms.ChoiceField(
        label=_("Document type"),
        choices=[("", "—"), *DocumentType.choices],
        required=False,
    )
    date_from = _date(_("From"))
    date_to = _date(_("To"))


class PeriodForm(forms.Form):
    date_from = _date(_("From"), required=True)
    date_to = _date(_("To"), required=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class CaseFileForm(NFCFormMixin, forms.Form):
    notation = forms.CharField(
        label=_("File code"), max_length=20, widget=forms.TextInput(attrs=TEXT)
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=forms.TextInput(attrs=TEXT)
    )
    retention = forms.ChoiceField(
        label=_("Retention"),
        choices=Retention.choices,
        widget=forms.Select(attrs=SELECT),
    )
    retention_years = forms.IntegerField(
        label=_("Years kept"),
        min_value=1,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )
    creator = forms.CharField(
        label=_("Responsible unit or person"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )


class CaseFileAddForm(forms.Form):
    number = forms.CharField(
        label=_("Number and symbol, or incoming number"), max_length=60
    )
