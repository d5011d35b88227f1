import datetime as dt
import enum
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from congso.audit.chain import (
    GENESIS_HASH,
    canonical_json,
    entry_hash,
    format_instant,
    normalise,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


class Colour(enum.Enum):
    RED = "red"


def test_instants_are_utc_iso_with_microseconds():
    """An aware local instant is written in UTC with microseconds and a Z suffix."""
    instant = dt.datetime(2026, 11, 24, 9, 30, tzinfo=HCM)
    assert format_instant(instant) == "2026-11-24T02:30:00.000000Z"


def test_naive_datetimes_are_refused():
    """Naive datetimes are ambiguous and refused."""
    with pytest.raises(ValueError, match="naive"):
        normalise({"at": dt.datetime(2026, 11, 24, 9, 30)})


def test_normalise_is_deterministic_for_dates_uuids_and_decimals():
    """Dates, UUIDs, Decimals, enums and sets become fixed strings and lists."""
    value = {
        "date": dt.date(2026, 2, 17),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "fee": Decimal("150000.50"),
        "big": Decimal("1E+3"),
        "colour": Colour.RED,
        "tags": {"b", "a"},
        "pair": (1, 2.5),
        "whole": 3.0,
        "span": dt.timedelta(days=1, hours=2),
    }
    assert normalise(value) == {
        "date": "2026-02-17",
        "uuid": "12345678-1234-5678-1234-567812345678",
        "fee": "150000.50",
        "big": "1000",
        "colour": "red",
        "tags": ["a", "b"],
        "pair": [1, 2.5],
        "whole": 3,
        "span": "P1DT02H00M00S",
    }


def test_canonical_json_sorts_keys_and_keeps_vietnamese_text():
    """Keys are sorted, there is no whitespace and non-ASCII is kept as UTF-8."""
    text = canonical_json(normalise({"b": 1, "a": "Ủy ban nhân dân xã"}))
    assert text == '{"a":"Ủy ban nhân dân xã","b":1}'


def test_canonical_json_is_stable_across_key_order():
    """The same content in any key order gives the same hash."""
    first = normalise({"x": Decimal("1.0"), "y": dt.date(2026, 1, 1)})
    second = normalise({"y": dt.date(2026, 1, 1), "x": Decimal("1.0")})
    assert entry_hash(GENESIS_HASH, first) == entry_hash(GENESIS_HASH, second)


def test_entry_hash_is_sha256_of_prev_hash_and_canonical_json():
    """The documented formula, checked against hashlib directly."""
    import hashlib

    payload = {"seq": 1, "data": {}}
    expected = hashlib.sha256(
        (GENESIS_HASH + '{"data":{},"seq":1}').encode()
    ).hexdigest()
    assert entry_hash(GENESIS_HASH, payload) == expected


@pytest.mark.parametrize(
    "bad",
    [object(), b"bytes", float("nan"), {1: "int key"}, "nul\x00", Decimal("NaN")],
)
def test_values_that_cannot_round_trip_are_refused(bad):
    """Objects, bytes, NaN, non-string keys and NUL characters are refused."""
    with pytest.raises((TypeError, ValueError)):
        normalise({"value": bad})
