"""The official calendar table (lịch làm việc chính thức) and office hours as data."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congso.calendar.constants import DayKind, DaySource


class CalendarDay(models.Model):
    """A day of the official calendar that differs from the plain Monday-Friday week:
    a holiday (ngày lễ), a compensatory day off (nghỉ bù), a swapped day off, a make-up
    working day (ngày làm bù), or a library holiday cancelled by an administrator.

    Rows are written through ``congso.calendar.services`` only."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=DaySource.choices, default=DaySource.ADMIN
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name_vi}"


class WorkSchedule(models.Model):
    """Office hours (giờ làm việc) and the afternoon cut-off (giờ chốt tiếp nhận):
    a reception at or after the cut-off counts from the next working day.

    Agencies point to a schedule; the one marked default serves the rest."""

    name = models.CharField(_("name"), max_length=100)
    morning_start = models.TimeField(_("morning start"), default=time(7, 30))
    morning_end = models.TimeField(_("morning end"), default=time(11, 30))
    afternoon_start = models.TimeField(_("afternoon start"), default=time(13, 30))
    afternoon_end = models.TimeField(_("afternoon end"), default=time(17, 0))
    cutoff_time = models.TimeField(_("cut-off time"), default=time(16, 0))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_default = models.BooleanField(_("default"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("work schedule")
        verbose_name_plural = _("work schedules")
        ordering = ["-is_default", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="workcalendar_schedule_hours_ordered",
                violation_error_message=_(
                    "Office hours must be a morning and an afternoon period in order."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cutoff_time__gt=F("morning_start"))
                & Q(cutoff_time__lte=F("afternoon_end")),
                name="workcalendar_schedule_cutoff_in_day",
                violation_error_message=_(
                    "The cut-off must fall inside the office day."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="workcalendar_schedule_validity_ordered",
                violation_error_message=_(
                    "The end of validity cannot precede its start."
                ),
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="workcalendar_schedule_one_default",
                violation_error_message=_("Only one schedule can be the default."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
