from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Officials, roles and the organisation tree (cán bộ, cơ quan, đơn vị)."""

    name = "congso.accounts"
    label = "accounts"
    verbose_name = _("Organisation and officials")

    def ready(self) -> None:
        from congso.accounts import panels, receivers  # noqa: F401  (connects signals)
        from congso.core.panels import work_panels

        if "accounts.my_roles" not in work_panels:
            work_panels.add("accounts.my_roles", panels.my_roles_panel)
            work_panels.add("accounts.system", panels.system_panel)
            work_panels.add("accounts.calendar", panels.calendar_panel)
