from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Citizen pages (cổng dịch vụ công): for now the public dossier lookup."""

    name = "congso.portal"
    label = "portal"
    verbose_name = _("Citizen portal")

    def ready(self) -> None:
        from congso.portal import receivers  # noqa: F401  (connects signals)
