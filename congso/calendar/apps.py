from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """Working calendar (lịch làm việc). Import as ``congso.calendar``."""

    name = "congso.calendar"
    label = "workcalendar"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        from congso.calendar import receivers  # noqa: F401  (connects signals)
