from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications (thông báo): templates, channels, delivery history."""

    name = "congso.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
