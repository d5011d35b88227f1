"""Addresses (phone, e-mail, Zalo id) and SMS text folding."""

from __future__ import annotations

import pytest

from congso.notifications.addresses import (
    email_normalise,
    mask_address,
    phone_normalise,
    zalo_id_normalise,
)
from congso.notifications.errors import InvalidAddressError
from congso.notifications.text import gsm7_length, sms_fold, sms_segments


@pytest.mark.parametrize(
    "raw",
    ["0905123678", "0905 123 678", "0905.123.678", "84905123678", "+84 905-123-678"],
)
def test_mobile_numbers_are_stored_in_e164(raw: str):
    """Every usual spelling of a Vietnamese mobile number gives one E.164 value."""
    assert phone_normalise(raw) == "+84905123678"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "090512367",  # 9 digits
        "09051236789",  # 11 digits
        "0245123678",  # Hà Nội landline (02x)
        "0105123678",  # no such mobile prefix
        "+1 905 123 6789",
        "0905abc678",
        "+8409051236780",
    ],
)
def test_other_numbers_are_refused(raw: str):
    """Landlines, foreign numbers and wrong lengths raise a user-facing error."""
    with pytest.raises(InvalidAddressError):
        phone_normalise(raw)


def test_email_and_zalo_ids():
    """E-mail domains are lower-cased; invalid addresses and ids are refused."""
    assert email_normalise(" Hoa.Nguyen@Example.VN ") == "Hoa.Nguyen@example.vn"
    for bad in ["hoa", "hoa@", "@example.vn", "hoa nguyen@example.vn"]:
        with pytest.raises(InvalidAddressError):
            email_normalise(bad)
    assert zalo_id_normalise(" 4568123456789012345 ") == "4568123456789012345"
    with pytest.raises(InvalidAddressError):
        zalo_id_normalise("abc-def")


def test_masking_hides_most_of_the_address():
    """The history shows 09xx…678, ho…@domain and …1234."""
    assert mask_address("+84905123678") == "09xx…678"
    assert mask_address("hoa.nguyen@example.vn") == "ho…@example.vn"
    assert mask_address("4568123456789012345") == "…2345"


def test_sms_fold_strips_marks_and_keeps_capitals():
    """Vietnamese becomes unaccented GSM-7 with đ → d and Đ → D, capitals kept."""
    assert sms_fold("Hồ sơ ĐÃ được tiếp nhận — Đồng ý") == (
        "Ho so DA duoc tiep nhan - Dong y"
    )
    assert sms_fold("Giá: 50.000₫") == "Gia: 50.000?"
    assert sms_fold("Quý ông Ưng Hoàng Phúc") == "Quy ong Ung Hoang Phuc"


def test_sms_segments():
    """160 septets fit one segment; more go in 153-septet parts; € counts two."""
    assert sms_segments("a" * 160) == 1
    assert sms_segments("a" * 161) == 2
    assert sms_segments("a" * 306) == 2
    assert sms_segments("a" * 307) == 3
    assert gsm7_length("€a") == 3
