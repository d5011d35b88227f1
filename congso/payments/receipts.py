"""Electronic receipts (biên lai điện tử): the yearly number series, the PDF
(WeasyPrint on the shipped fonts, official Vietnamese wording, the amount in
words) and :func:`receipt_issue`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from congso.audit.services import audit_record
from congso.core.rows import counter_next
from congso.core.text import amount_in_words
from congso.payments.constants import PaymentChannel
from congso.payments.models import PaymentOrder, Receipt, ReceiptSequence

FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
FONT_FACES = (
    ("normal", "normal", "LiberationSerif-Regular.ttf"),
    ("bold", "normal", "LiberationSerif-Bold.ttf"),
    ("normal", "italic", "LiberationSerif-Italic.ttf"),
    ("bold", "italic", "LiberationSerif-BoldItalic.ttf"),
)
CHANNEL_WORDING: dict[int, str] = {
    PaymentChannel.NATIONAL_PLATFORM: (
        "Trực tuyến qua Nền tảng thanh toán của Cổng Dịch vụ công quốc gia"
    ),
    PaymentChannel.PROVINCIAL_GATEWAY: (
        "Trực tuyến qua cổng thanh toán của Bộ, ngành, địa phương"
    ),
}


def receipt_number(year: int, sequence: int) -> str:
    """The printed receipt number: "BL2026-0000001" (one series a year)."""
    return f"BL{year}-{sequence:07d}"


def _next_sequence(year: int) -> int:
    """Gap-free yearly series (one locked counter row)."""
    return counter_next(ReceiptSequence, year=year)


def receipt_pdf(receipt: Receipt, order: PaymentOrder) -> bytes:
    """The receipt as A4 PDF bytes with the shipped fonts embedded."""
    fonts = FontConfiguration()
    faces = [
        {"weight": w, "style": s, "uri": (FONT_DIR / name).as_uri()}
        for w, s, name in FONT_FACES
    ]
    css = render_to_string("payments/print/receipt.css", {"faces": faces})
    html = render_to_string(
        "payments/print/receipt.html",
        {
            "receipt": receipt,
            "order": order,
            "payee": order.payee or settings.SITE_NAME,
            "channel": CHANNEL_WORDING.get(order.channel or 0, "Trực tuyến"),
            "paid_at": timezone.localtime(order.paid_at or receipt.issued_at),
            "issued_on": timezone.localdate(receipt.issued_at),
        },
    )
    document = HTML(string=html, base_url=FONT_DIR.as_uri())
    pdf = document.write_pdf(
        stylesheets=[CSS(string=css, font_config=fonts)], font_config=fonts
    )
    return bytes(pdf)


@transaction.atomic
def receipt_issue(*, order: PaymentOrder, now: datetime | None = None) -> Receipt:
    """The e-receipt of a paid order, issued once (the existing one otherwise),
    in the transaction that marks the order paid."""
    existing = Receipt.objects.filter(order=order).first()
    if existing is not None:
        return existing
    if order.status != "paid":
        raise ValueError("a receipt is issued for a paid order only")
    now = now or timezone.now()
    year = timezone.localdate(order.paid_at or now).year
    sequence = _next_sequence(year)
    receipt = Receipt(
        order=order,
        number=receipt_number(year, sequence),
        year=year,
        sequence=sequence,
        amount=order.amount,
        amount_in_words=amount_in_words(order.amount),
        issued_at=now,
    )
    receipt.pdf.save(
        f"{receipt.number}.pdf", ContentFile(receipt_pdf(receipt, order)), save=False
    )
    receipt.save()
    audit_record(
        event_type="payments.receipt.issued",
        actor=None,
        obj=receipt,
        data={"number": receipt.number, "order": order.pk, "amount": order.amount},
    )
    return receipt
