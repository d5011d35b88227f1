"""The lookup form and the shape check of a dossier code typed by a citizen."""

from __future__ import annotations

import re
from typing import Final

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congso.core.forms import NFCFormMixin
from congso.core.text import nfc

#: Codes are stored opaque and other systems' codes vary (one-stop.md §5.1), so the
#: check is lenient: ASCII letters, digits, dots, hyphens and underscores, 5 to 60
#: characters (``Dossier.code``), starting with a letter or digit. No slash (the
#: code is a URL segment) and no spaces.
CODE_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{4,59}$")

INVALID_CODE = _(
    "A dossier code has 5 to 60 letters, digits, dots or hyphens, without "
    "spaces, as printed on your receipt (e.g. H57.01-261124-0003)."
)


def clean_lookup_code(value: str) -> str:
    """The code without surrounding blanks; ``ValidationError`` when it cannot be
    a dossier code."""
    code = nfc(value).strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError(INVALID_CODE, code="invalid_code")
    return code


class LookupForm(NFCFormMixin, forms.Form):
    """Tra cứu hồ sơ: one field, named ``ma`` because it is the public query
    parameter (``/tra-cuu/?ma=…``)."""

    ma = forms.CharField(
        label=_("Dossier code"),
        help_text=_("The code printed on your receipt and appointment slip."),
        error_messages={"required": _("Enter the dossier code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "H57.01-261124-0003",
            }
        ),
    )

    def clean_ma(self) -> str:
        return clean_lookup_code(self.cleaned_data["ma"])
