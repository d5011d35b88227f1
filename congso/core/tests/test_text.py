"""Vietnamese text helpers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.core.text import amount_in_words, fold_vi, nfc


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng."),
        (5, "Năm đồng."),
        (10, "Mười đồng."),
        (11, "Mười một đồng."),
        (15, "Mười lăm đồng."),
        (21, "Hai mươi mốt đồng."),
        (24, "Hai mươi tư đồng."),
        (25, "Hai mươi lăm đồng."),
        (105, "Một trăm linh năm đồng."),
        (110, "Một trăm mười đồng."),
        (1005, "Một nghìn không trăm linh năm đồng."),
        (1014, "Một nghìn không trăm mười bốn đồng."),
        (50_000, "Năm mươi nghìn đồng."),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng."),
        (1_000_005, "Một triệu không trăm linh năm đồng."),
        (10**9, "Một tỷ đồng."),
        (2_500_000_000, "Hai tỷ năm trăm triệu đồng."),
        (10**12, "Một nghìn tỷ đồng."),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_amount_in_words_refuses_negative_and_huge():
    with pytest.raises(ValueError, match="between"):
        amount_in_words(-1)
    with pytest.raises(ValueError, match="between"):
        amount_in_words(10**18)


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_amount_in_words_is_well_formed(amount):
    text = amount_in_words(amount)
    assert text.endswith(" đồng.")
    assert "  " not in text
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quyết định", "quyet dinh"),
        ("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh"),
        ("Phường Phong Điền", "phuong phong dien"),
        (unicodedata.normalize("NFD", "Thừa Thiên Huế"), "thua thien hue"),
    ],
)
def test_fold_vi(text, folded):
    assert fold_vi(text) == folded


def test_nfc_composes_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Điền")
    assert decomposed != "Điền"
    assert nfc(decomposed) == "Điền"


def test_base_form_and_serializer_field_normalise_to_nfc():
    from django import forms

    from congso.core.forms import NFCFormMixin
    from congso.core.serializers import NFCCharField

    class NameForm(NFCFormMixin, forms.Form):
        name = forms.CharField(max_length=4)

    nfd = unicodedata.normalize("NFD", "Điền")  # 6 code points, 4 letters
    form = NameForm(data={"name": nfd})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Điền"
    assert NFCCharField().run_validation(nfd) == "Điền"
