"""Forms of the organisation pages (input shape only; services act)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.core.forms import NFCFormMixin


class OnDateForm(NFCFormMixin, forms.Form):
    """``?on=dd/mm/yyyy``: see the organisation as it was on a day."""

    on = forms.DateField(label=_("As of"), required=False)
