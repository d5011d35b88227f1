"""Forms of the feedback pages (shape only: the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.core.forms import NFCFormMixin
from congso.feedback.constants import (
    OFFICIAL_ACTION_CHOICES,
    FeedbackCategory,
    RatingLevel,
    VoteValue,
)
from congso.feedback.selectors import Queue
from congso.feedback.services.common import (
    MAX_COMMENT_LENGTH,
    MAX_CONTENT_LENGTH,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TITLE_LENGTH,
)
from congso.feedback.services.ratings import RatingData

SELECT = {"class": "form-select"}
TEXT = {"class": "form-control"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (checked by the service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"class": "form-control", "multiple": True}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SubmitForm(NFCFormMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=FeedbackCategory.choices,
        widget=forms.Select(SELECT),
    )
    agency = forms.TypedChoiceField(
        label=_("Agency concerned"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(SELECT),
    )
    dossier_code = forms.CharField(
        label=_("About my dossier (code, optional)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    title = forms.CharField(
        label=_("Title"), max_length=MAX_TITLE_LENGTH, widget=forms.TextInput(TEXT)
    )
    content = forms.CharField(
        label=_("Content"),
        max_length=MAX_CONTENT_LENGTH,
        widget=forms.Textarea({**TEXT, "rows": 6}),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=MAX_NAME_LENGTH, widget=forms.TextInput(TEXT)
    )
    contact_email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(TEXT)
    )
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, widget=forms.TextInput(TEXT)
    )
    attachments = MultipleFileField(
        label=_("Attachments (PDF, JPEG or PNG, up to 10 MB each)"), required=False
    )

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101  # declared above
        field.choices = [("", _("— from the dossier, or choose —")), *agencies]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("agency") and not data.get("dossier_code"):
            self.add_error(
                "agency", _("Choose the agency concerned or give your dossier's code.")
            )
        return data


class NoteForm(NFCFormMixin, forms.Form):
    """The citizen's information added, or why they raise an answer again."""

    note = forms.CharField(
        label=_("Your message"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea({**TEXT, "rows": 4}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    attachments = MultipleFileField(label=_("Attachments"), required=False)


class ActionForm(NFCFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=OFFICIAL_ACTION_CHOICES, widget=forms.Select(SELECT)
    )
    note = forms.CharField(
        label=_("Reason, request or answer"),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        widget=forms.Textarea({**TEXT, "rows": 5}),
    )
    agency = forms.TypedChoiceField(
        label=_("Forward to"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(SELECT),
    )
    unit = forms.TypedChoiceField(
        label=_("Assign to unit"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(SELECT),
    )
    assignee = forms.TypedChoiceField(
        label=_("Assign to official"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(SELECT),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        agencies: list[tuple[int, str]],
        units: list[tuple[int, str]],
        officials: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        blank = ("", "—")
        for name, choices in (
            ("agency", agencies),
            ("unit", units),
            ("assignee", officials),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
            field.choices = [blank, *choices]

    def transition_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "agency_id": data.get("agency"),
            "unit_id": data.get("unit"),
            "assignee_id": data.get("assignee"),
        }


LEVEL_CHOICES = [("", "—"), *RatingLevel.choices]


class RatingForm(NFCFormMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Overall, how satisfied are you?"),
        choices=RatingLevel.choices,
        widget=forms.RadioSelect,
    )
    time_level = forms.ChoiceField(
        label=_("Handling time"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.Select(SELECT),
    )
    attitude_level = forms.ChoiceField(
        label=_("Staff attitude"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.Select(SELECT),
    )
    information_level = forms.ChoiceField(
        label=_("Information and guidance"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.Select(SELECT),
    )
    result_level = forms.ChoiceField(
        label=_("Result"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.Select(SELECT),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT_LENGTH,
        required=False,
        widget=forms.Textarea({**TEXT, "rows": 3}),
    )

    def to_data(self) -> RatingData:
        return RatingData(**self.cleaned_data)


class VoteForm(forms.Form):
    value = forms.ChoiceField(choices=VoteValue.choices)


class QueueForm(forms.Form):
    queue = forms.ChoiceField(choices=[(q, q) for q in Queue.VALUES], required=False)


class PeriodForm(NFCFormMixin, forms.Form):
    agency = forms.TypedChoiceField(
        label=_("Agency"), coerce=int, widget=forms.Select(SELECT)
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs=TEXT))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs=TEXT))

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
        field.choices = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return data
