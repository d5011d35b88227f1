"""``manage.py pki_demo_setup``: the built-in demo PKI and the demo certificates
(idempotent; ``demo_load`` calls it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congso.core.errors import ApplicationError
from congso.signatures.demo import pki_demo_setup


class Command(BaseCommand):
    help = (
        "Create the demo PKI under $CONGSO_VAR_DIR/pki and certificates for the "
        "demo officials and agencies. Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = pki_demo_setup()
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        created = "created" if result.pki_created else "already present"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo PKI {created} in {settings.SIGNATURES_PKI_DIR}: "
                f"{result.anchors_added} trust anchors and "
                f"{result.certificates_imported} certificates added."
            )
        )
        if result.skipped:
            self.stdout.write(
                "Not in the database (run demo_load first): "
                + ", ".join(result.skipped)
            )
