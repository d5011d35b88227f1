"""Forms of the citizen pages (input shape only; services act)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congso.accounts.citizens.services import (
    CitizenData,
    CitizenError,
    phone_normalise,
)
from congso.accounts.constants import CitizenKind
from congso.accounts.models import User
from congso.accounts.selectors import citizen_personal_id_taken
from congso.core.forms import NFCFormMixin

PERSONAL_ID_ERROR = _("The personal ID number has exactly 12 digits.")


def _personal_id_field(**kwargs: Any) -> forms.RegexField:
    return forms.RegexField(
        label=_("Personal ID number (12 digits)"),
        regex=r"^[0-9]{12}\Z",
        max_length=12,
        required=False,
        error_messages={"invalid": PERSONAL_ID_ERROR},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


class _CitizenFieldsMixin:
    cleaned_data: dict[str, Any]
    instance_user_id: int | None = None

    def clean_phone(self) -> str:
        try:
            return phone_normalise(self.cleaned_data.get("phone") or "")
        except CitizenError as exc:
            raise forms.ValidationError(str(exc.message), code=exc.code) from exc

    def clean_personal_id(self) -> str:
        value = str(self.cleaned_data.get("personal_id") or "").strip()
        if value and citizen_personal_id_taken(
            personal_id=value, exclude_user_id=self.instance_user_id
        ):
            raise forms.ValidationError(
                _("This personal ID number is already used by another account."),
                code="personal_id_taken",
            )
        return value


class CitizenSignupForm(_CitizenFieldsMixin, NFCFormMixin, forms.Form):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the
    account adapter creates the citizen profile from them."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    personal_id = _personal_id_field()

    def signup(self, request: HttpRequest, user: User) -> None:
        """Required by allauth; the profile is made by ``CongSoAccountAdapter``."""


class CitizenProfileForm(_CitizenFieldsMixin, NFCFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Account holder"),
        choices=CitizenKind.choices,
        initial=CitizenKind.PERSON,
    )
    personal_id = _personal_id_field()
    organisation_code = forms.CharField(
        label=_("Enterprise or tax code"), max_length=20, required=False
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)

    def __init__(
        self, *args: Any, user_id: int, identity_verified: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance_user_id = user_id
        if identity_verified:  # vouched for by the e-identity: shown, not edited
            for name in ("full_name", "personal_id"):
                self.fields[name].disabled = True
                self.fields[name].required = False

    def data_for_service(self) -> CitizenData:
        d = self.cleaned_data
        return CitizenData(
            full_name=d.get("full_name") or "",
            phone=d.get("phone") or "",
            personal_id=d.get("personal_id") or "",
            address=d.get("address") or "",
            kind=d.get("kind") or CitizenKind.PERSON,
            organisation_code=d.get("organisation_code") or "",
        )


class PhoneCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Verification code (6 digits)"),
        regex=r"^[0-9]{6}\Z",
        max_length=6,
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )
