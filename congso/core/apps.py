from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "congso.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Outbox: import every congso app's handlers.py and register the start-up
        # checks (conventions §6).
        from congso.core import checks  # noqa: F401  (registers the checks)
        from congso.core.outbox.registry import autodiscover_handlers

        autodiscover_handlers()
