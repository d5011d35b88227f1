"""Changes to the calendar tables expire this process's calendar version token, so
the next deadline computed here uses them (``core.freshness``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from congso.calendar.models import CalendarDay, WorkSchedule
from congso.calendar.selectors import calendar_version


@receiver(post_save, sender=CalendarDay, dispatch_uid="congso.calendar_day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="congso.calendar_day_deleted")
@receiver(post_save, sender=WorkSchedule, dispatch_uid="congso.schedule_saved")
@receiver(post_delete, sender=WorkSchedule, dispatch_uid="congso.schedule_deleted")
def _calendar_changed(**_kwargs: Any) -> None:
    calendar_version.expire()
    # Again once committed: a thread that read the token in between saw the old one.
    transaction.on_commit(calendar_version.expire)
