"""Forms of the citizen's online submission pages (the e-form, uploads, store)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.core.forms import NFCFormMixin
from congso.dossiers.constants import ApplicantKind


class DraftForm(NFCFormMixin, forms.Form):
    """The e-form (tờ khai điện tử) common to every procedure: the applicant and
    the request. Completeness is checked at submission, not on saving a draft."""

    receiving_agency = forms.TypedChoiceField(
        label=_("Submit to"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Applicant"), choices=ApplicantKind.choices, required=False
    )
    name = forms.CharField(label=_("Full name or organisation"), max_length=255)
    personal_id = forms.CharField(
        label=_("Personal ID number (12 digits)"), max_length=12, required=False
    )
    organisation_code = forms.CharField(
        label=_("Tax code of the organisation"), max_length=20, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    request_summary = forms.CharField(
        label=_("Your request"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, desks: list[tuple[int, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        desk_field = self.fields["receiving_agency"]
        assert isinstance(desk_field, forms.TypedChoiceField)  # noqa: S101
        desk_field.choices = [("", "—"), *desks]
        for field in self.fields.values():
            css = (
                "form-select"
                if isinstance(field.widget, forms.Select)
                else "form-control"
            )
            field.widget.attrs.setdefault("class", css)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG, at most 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png"}
        ),
    )


class StoreUploadForm(NFCFormMixin, UploadForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class SupplementForm(NFCFormMixin, forms.Form):
    """The documents the desk asked for (up to three files) and a note."""

    SLOTS = 3

    note = forms.CharField(
        label=_("Note to the desk"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for i in range(1, self.SLOTS + 1):
            self.fields[f"title_{i}"] = forms.CharField(
                label=_("Document %(n)d") % {"n": i},
                max_length=300,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
            self.fields[f"file_{i}"] = forms.FileField(
                label=_("File (PDF, JPEG or PNG, at most 10 MB)"),
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png"}
                ),
            )

    def uploads(self) -> list[tuple[str, object]]:
        data = self.cleaned_data
        return [
            (data.get(f"title_{i}") or "", data[f"file_{i}"])
            for i in range(1, self.SLOTS + 1)
            if data.get(f"file_{i}")
        ]

    def slots(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"title_{i}"], self[f"file_{i}"]) for i in range(1, self.SLOTS + 1)
        ]


class WithdrawForm(NFCFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Why do you withdraw the dossier? (optional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that processing ends and the dossier cannot be resumed."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
