from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Citizen pages (cổng dịch vụ công): catalogue, lookup, online submission."""

    name = "congso.portal"
    label = "portal"
    verbose_name = _("Citizen portal")
