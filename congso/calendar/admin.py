"""Back-office pages for the official calendar table and office hours. Saving and
deleting go through ``congso.calendar.services`` (validation, audit, cache)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from congso.calendar.constants import DaySource
from congso.calendar.models import CalendarDay, WorkSchedule
from congso.calendar.services import (
    calendar_day_remove,
    calendar_day_set,
    calendar_day_validate,
    work_schedule_update,
)
from congso.core.errors import ApplicationError

if TYPE_CHECKING:
    _DayAdmin = admin.ModelAdmin[CalendarDay]
    _ScheduleAdmin = admin.ModelAdmin[WorkSchedule]
    _DayForm = forms.ModelForm[CalendarDay]
else:  # ModelAdmin/ModelForm are not subscriptable at run time
    _DayAdmin = _ScheduleAdmin = admin.ModelAdmin
    _DayForm = forms.ModelForm


class CalendarDayForm(_DayForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name_vi", "legal_basis", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("date") or getattr(self.instance, "date", None)
        if day is not None and data.get("kind"):
            try:
                calendar_day_validate(day=day, kind=data["kind"])
            except ApplicationError as exc:
                raise ValidationError(str(exc.message)) from exc
        return data


@admin.register(CalendarDay)
class CalendarDayAdmin(_DayAdmin):
    form = CalendarDayForm
    list_display = ["date", "kind", "name_vi", "legal_basis", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["name_vi", "legal_basis"]
    date_hierarchy = "date"
    readonly_fields = ["source", "created_by", "created_at", "updated_at"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: CalendarDay | None = None
    ) -> list[str]:
        fields = list(self.readonly_fields)
        return [*fields, "date"] if obj is not None else fields

    def has_delete_permission(
        self, request: HttpRequest, obj: CalendarDay | None = None
    ) -> bool:
        if obj is not None and obj.source == DaySource.LIBRARY:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool
    ) -> None:
        saved = calendar_day_set(
            day=obj.date,
            kind=obj.kind,
            name_vi=obj.name_vi,
            legal_basis=obj.legal_basis,
            note=obj.note,
            actor=request.user if request.user.is_authenticated else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        try:
            calendar_day_remove(day=obj.date, actor=request.user)  # type: ignore[arg-type]  # admin users are authenticated
        except ApplicationError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[CalendarDay]
    ) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(WorkSchedule)
class WorkScheduleAdmin(_ScheduleAdmin):
    list_display = [
        "name",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
        "cutoff_time",
        "valid_from",
        "valid_to",
        "is_default",
    ]
    readonly_fields = ["created_at", "updated_at"]

    def has_delete_permission(
        self, request: HttpRequest, obj: WorkSchedule | None = None
    ) -> bool:
        return False  # agencies point to schedules; close one with valid_to instead

    def save_model(
        self, request: HttpRequest, obj: WorkSchedule, form: Any, change: bool
    ) -> None:
        saved = work_schedule_update(
            schedule=obj if obj.pk else None,
            name=obj.name,
            morning_start=obj.morning_start,
            morning_end=obj.morning_end,
            afternoon_start=obj.afternoon_start,
            afternoon_end=obj.afternoon_end,
            cutoff_time=obj.cutoff_time,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            is_default=obj.is_default,
            actor=request.user if request.user.is_authenticated else None,
        )
        obj.pk = saved.pk
