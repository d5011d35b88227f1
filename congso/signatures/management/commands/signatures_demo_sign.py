"""``manage.py signatures_demo_sign``: demo signature images and seals, and a demo
decision signed by the leader and issued by the agency (idempotent; ``demo_load``
calls it after ``pki_demo_setup``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congso.core.errors import ApplicationError
from congso.signatures.signing.demo import signatures_demo_sign


class Command(BaseCommand):
    help = (
        "Generate signature images and seals for demo certificate owners, and sign "
        "a demo decision (leader, then agency) under $CONGSO_VAR_DIR. Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = signatures_demo_sign()
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(f"{result.images_added} signature images and seals added.")
        if result.decision_created:
            self.stdout.write(
                self.style.SUCCESS(f"Signed demo decision written to {result.decision}")
            )
        elif result.skipped:
            self.stdout.write("Demo decision not signed: " + "; ".join(result.skipped))
        else:
            self.stdout.write(
                f"Signed demo decision already present: {result.decision}"
            )
