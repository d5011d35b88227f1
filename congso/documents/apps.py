from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class DocumentsConfig(AppConfig):
    """Document management and executive work (quản lý văn bản và điều hành):
    incoming and outgoing registers, direction, drafting, numbering, issuance,
    case files."""

    name = "congso.documents"
    label = "documents"
    verbose_name = pgettext_lazy("official documents", "Documents")

    def ready(self) -> None:
        from congso.core.outbox import deadline_scanners
        from congso.core.panels import work_panels
        from congso.documents import panels
        from congso.documents.reminders import reminders_publish

        if "documents.work" not in work_panels:
            work_panels.add("documents.work", panels.documents_panel)
        if "documents.reminders" not in deadline_scanners:
            deadline_scanners.add("documents.reminders", reminders_publish)
