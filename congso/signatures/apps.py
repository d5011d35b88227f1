from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    """Digital signatures (chữ ký số): certificates, trust store, demo PKI."""

    name = "congso.signatures"
    label = "signatures"
    verbose_name = _("Digital signatures")

    def ready(self) -> None:
        from congso.core.panels import work_panels
        from congso.signatures import panels

        if "signatures.certificates" not in work_panels:
            work_panels.add("signatures.certificates", panels.my_certificates_panel)

        from congso.signatures.signing.setup import signing_ready

        signing_ready()
