"""Choices of the working calendar (lịch làm việc)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DayKind(models.TextChoices):
    """Kind of an official calendar day (loại ngày trong lịch làm việc)."""

    HOLIDAY = "holiday", _("Public holiday")
    COMPENSATORY_OFF = "compensatory_off", _("Compensatory day off")
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up working day")
    SWAP_OFF = "swap_off", _("Swapped day off")
    CANCELLED_HOLIDAY = "cancelled_holiday", _("Cancelled holiday")


#: Kinds that make a day a day off.
OFF_KINDS: frozenset[str] = frozenset(
    {DayKind.HOLIDAY, DayKind.COMPENSATORY_OFF, DayKind.SWAP_OFF}
)


class DaySource(models.TextChoices):
    """Where a calendar row came from (nguồn dữ liệu)."""

    LIBRARY = "library", _("Holiday library")
    ADMIN = "admin", _("Administrator")


class TimeUnit(models.TextChoices):
    """Unit of a legal time limit (đơn vị tính thời hạn)."""

    WORKING_DAYS = "working_days", pgettext_lazy("time unit", "working days")
    WORKING_HOURS = "working_hours", pgettext_lazy("time unit", "working hours")
    CALENDAR_DAYS = "calendar_days", pgettext_lazy("time unit", "calendar days")
    MONTHS = "months", pgettext_lazy("time unit", "months")
