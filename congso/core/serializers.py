"""Base serializer fields: text is NFC-normalised (conventions §9)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from congso.core.text import nfc


class NFCCharField(serializers.CharField):
    """A ``CharField`` whose value is NFC-normalised before validation."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(nfc(data) if isinstance(data, str) else data)
        return nfc(value)
