from datetime import date, time

from django.db import migrations


def forwards(apps, schema_editor):
    from congso.calendar.seeding import seed_calendar_days

    WorkSchedule = apps.get_model("workcalendar", "WorkSchedule")
    if not WorkSchedule.objects.filter(is_default=True).exists():
        WorkSchedule.objects.create(
            name="Giờ hành chính",
            morning_start=time(7, 30),
            morning_end=time(11, 30),
            afternoon_start=time(13, 30),
            afternoon_end=time(17, 0),
            cutoff_time=time(16, 0),
            valid_from=date(2020, 1, 1),
            is_default=True,
        )
    seed_calendar_days(apps.get_model("workcalendar", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
