"""Base form behaviour: every text input is NFC-normalised before validation
(conventions §9), so "Điền" typed in NFD is stored and compared as NFC."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from congso.core.text import nfc


class NFCFormMixin:
    """Mix into ``forms.Form``/``forms.ModelForm`` before the Django base class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ``vars()``: the mixin must not declare ``data`` itself (BaseForm owns it).
        fields = vars(self)
        data = fields.get("data")
        if isinstance(data, QueryDict):
            normalised = data.copy()
            for key in normalised:
                normalised.setlist(key, [_nfc(v) for v in normalised.getlist(key)])
            fields["data"] = normalised
        elif isinstance(data, dict):
            fields["data"] = {key: _nfc(value) for key, value in data.items()}


def _nfc(value: Any) -> Any:
    return nfc(value) if isinstance(value, str) else value
