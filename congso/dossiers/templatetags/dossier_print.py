"""Filters for the printed one-stop slips (print/*.html): Decree 30 date lines,
amounts in đồng and "… giờ … phút, ngày …" instants. The functions are pure and
also used by the Excel export of the tracking book."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from congso.core.text import amount_in_words, decree30_date

register = template.Library()


def _local(value: date) -> date:
    """An aware datetime in the current time zone; dates pass through."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(name="decree30_date", expects_localtime=True)
def decree30_date_filter(value: date | None) -> str:
    """``core.text.decree30_date`` of the local day; empty for None."""
    return decree30_date(_local(value)) if value else ""


@register.filter(expects_localtime=True)
def short_date(value: date | None) -> str:
    """dd/mm/yyyy, for tables: "05/02/2026"."""
    if not value:
        return ""
    return f"{_local(value):%d/%m/%Y}"


@register.filter(expects_localtime=True)
def clock_date(value: datetime | None) -> str:
    """ "08 giờ 30 phút, ngày 05/02/2026" (slips 01, 04, 06)."""
    if not value:
        return ""
    moment = _local(value)
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


@register.filter
def vnd(value: int | str | None) -> str:
    """ "1.234.567 đồng" (dot thousands, whatever the active locale)."""
    if value is None or value == "":
        return ""
    return f"{int(value):,} đồng".replace(",", ".")


@register.filter
def vnd_words(value: int | None) -> str:
    """ "Một nghìn không trăm mười bốn đồng." via ``core.text.amount_in_words``."""
    return amount_in_words(int(value or 0))


@register.filter
def two_digits(value: int | None) -> str:
    """ "01" for counts on legal forms (số lượng hồ sơ: 01 bộ)."""
    return f"{int(value or 0):02d}"
