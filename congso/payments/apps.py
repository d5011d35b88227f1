from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Online payment of fees (thanh toán trực tuyến) and e-receipts (biên lai)."""

    name = "congso.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from congso.payments import checks  # noqa: F401  # registers the checks
