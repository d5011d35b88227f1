"""Pure hash-chain arithmetic of the audit trail (nhật ký): JSON normalisation,
canonical JSON and the entry hash. Values in, values out; no database, no clock.

``hash = sha256(prev_hash + canonical_json(payload))`` where ``payload`` holds every
field of :data:`HASHED_FIELDS`. Canonical JSON has sorted keys, no whitespace, UTF-8
(no ``\\u`` escapes for non-ASCII) and instants as UTC ISO 8601 with microseconds and
a ``Z`` suffix. Changing anything here breaks every stored chain: don't.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, TypeAlias

from django.utils.duration import duration_iso_string

JSONValue: TypeAlias = (
    bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None
)

#: ``prev_hash`` of the first entry.
GENESIS_HASH: Final = "0" * 64

#: The fields covered by the hash, in the model's order (``hash`` itself excluded).
HASHED_FIELDS: Final = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "agency_id",
    "agency_label",
    "event_type",
    "object_type",
    "object_id",
    "data",
    "source_address",
    "prev_hash",
)


def format_instant(value: dt.datetime) -> str:
    """An aware datetime as UTC ISO 8601, always with microseconds: ``…T03:04:05.000000Z``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetimes are not allowed in the audit trail")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise(value: Any) -> JSONValue:
    """Turn ``value`` into plain JSON values, deterministically.

    - aware datetimes → UTC ISO strings (naive ones are refused); dates and times →
      ISO strings; timedeltas → ISO 8601 durations;
    - ``Decimal`` → fixed-point string (``Decimal("1.50")`` → ``"1.50"``), UUID → its
      lowercase hyphenated string, enums (``TextChoices``) → their value;
    - floats that are whole numbers → ``int`` (PostgreSQL ``jsonb`` would otherwise
      give ``1e20`` back as an integer and change the hash); NaN and infinities are
      refused;
    - tuples → lists, sets → lists sorted by canonical JSON;
    - mapping keys must be strings; text must not contain NUL (``jsonb`` refuses it).

    Anything else (model instances, bytes, lazy translations) raises ``TypeError``:
    store ids and codes, not objects or translated labels.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return normalise(value.value)
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("NUL characters are not allowed in the audit trail")
        return str.__str__(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("NaN and infinite numbers are not allowed")
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("NaN and infinite decimals are not allowed")
        return format(value, "f")
    return _normalise_compound(value)


def _normalise_compound(value: Any) -> JSONValue:
    if isinstance(value, dt.datetime):
        return format_instant(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        result: dict[str, JSONValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"audit data keys must be strings, got {key!r}")
            result[str.__str__(key)] = normalise(item)
        return result
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((normalise(item) for item in value), key=canonical_json)
    raise TypeError(
        f"{type(value).__name__} is not allowed in audit data; store ids and codes"
    )


def canonical_json(value: JSONValue) -> str:
    """Sorted keys, no whitespace, non-ASCII kept as is; ``value`` must be normalised."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def entry_payload(values: Mapping[str, Any]) -> dict[str, JSONValue]:
    """The hashed payload of one entry from its field values (model or ``values()``)."""
    return {name: normalise(values[name]) for name in HASHED_FIELDS}


def entry_hash(prev_hash: str, payload: Mapping[str, JSONValue]) -> str:
    """``sha256(prev_hash + canonical JSON of payload)`` as 64 lowercase hex digits."""
    text = prev_hash + canonical_json(dict(payload))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
