from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """Procedure catalogue (danh mục thủ tục hành chính)."""

    name = "congso.catalog"
    label = "catalog"
    verbose_name = _("Procedure catalogue")
