from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Officials, roles and the organisation tree (cán bộ, cơ quan, đơn vị)."""

    name = "congso.accounts"
    label = "accounts"
    verbose_name = _("Organisation and officials")
