from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """One-stop dossier processing (hồ sơ thủ tục hành chính, một cửa, liên thông)."""

    name = "congso.dossiers"
    label = "dossiers"
    verbose_name = _("One-stop dossiers")

    def ready(self) -> None:
        from congso.core.outbox import deadline_scanners
        from congso.core.panels import work_panels
        from congso.dossiers import panels
        from congso.dossiers.warnings import deadline_warnings_publish

        if "dossiers.queues" not in work_panels:
            work_panels.add("dossiers.queues", panels.dossier_queues_panel)
            work_panels.add("dossiers.warnings", panels.deadline_warnings_panel)
        if "dossiers.deadlines" not in deadline_scanners:
            deadline_scanners.add("dossiers.deadlines", deadline_warnings_publish)
