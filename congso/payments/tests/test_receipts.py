"""The e-receipt: yearly numbering and the PDF's text."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.db import transaction

from congso.core.rows import counter_next
from congso.core.tests.system import require_tool
from congso.payments.models import Receipt, ReceiptSequence
from congso.payments.receipts import receipt_number
from congso.payments.services import payment_return_handle
from congso.payments.tests.helpers import pay

pytestmark = pytest.mark.django_db


def test_receipt_numbers_follow_a_yearly_series(make_order: Any):
    first = make_order(object_id="A")
    second = make_order(object_id="B")
    payment_return_handle(params=pay(first))
    payment_return_handle(params=pay(second))
    numbers = list(
        Receipt.objects.order_by("sequence").values_list("number", flat=True)
    )
    year = Receipt.objects.first().year  # type: ignore[union-attr]
    assert numbers == [receipt_number(year, 1), receipt_number(year, 2)]
    assert numbers[0] == f"BL{year}-0000001"


def test_receipt_pdf_has_amount_in_words_and_number(make_order: Any):
    """pdftotext finds the number, the amount in words and the payer."""
    pdftotext = require_tool("pdftotext", "poppler-utils")
    order = make_order()
    payment_return_handle(params=pay(order))
    receipt = Receipt.objects.get(order=order)
    assert receipt.amount_in_words == "Năm mươi nghìn đồng."
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", receipt.pdf.path, "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    assert receipt.number in flat
    assert "Năm mươi nghìn đồng." in flat
    assert "Nguyễn Văn An" in flat
    assert "BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ" in flat


def test_receipt_numbers_are_gap_free_per_year():
    """``core.rows.counter_next`` on the receipt series: each year from 1; a
    rolled-back caller leaves no gap."""
    assert [counter_next(ReceiptSequence, year=2026) for _ in range(3)] == [1, 2, 3]
    assert counter_next(ReceiptSequence, year=2027) == 1
    try:
        with transaction.atomic():
            assert counter_next(ReceiptSequence, year=2026) == 4
            raise RuntimeError
    except RuntimeError:
        pass
    assert counter_next(ReceiptSequence, year=2026) == 4
