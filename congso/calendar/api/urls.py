from django.urls import path

from congso.calendar.api.views import CalendarDayListApi, DueDateApi

app_name = "workcalendar"

urlpatterns = [
    path("calendar/days/", CalendarDayListApi.as_view(), name="calendar-day-list"),
    path("calendar/due-date/", DueDateApi.as_view(), name="calendar-due-date"),
]
