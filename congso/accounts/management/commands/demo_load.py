"""``manage.py demo_load``: load the Phong Điền demo organisation (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congso.accounts.demo import DemoLoader, citizens_demo_load


class Command(BaseCommand):
    help = "Load the Phong Điền demo data (agencies, units, officials). Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow loading with CONGSO_DEBUG=false.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Demo data has well-known passwords; use --force to load it in production mode."
            )
        _run_if_installed("calendar_seed")
        if DemoLoader().run():
            self.stdout.write(self.style.SUCCESS("Demo organisation loaded."))
        else:
            self.stdout.write("Demo organisation already present; nothing changed.")
        if citizens_demo_load():
            self.stdout.write("Demo citizens of the VNeID simulator are ready.")
        # Upper apps' demo data, called by command name so accounts imports none of
        # them (the app layers, conventions §4).
        for name in (
            "pki_demo_setup",
            "signatures_demo_sign",
            "catalog_demo_load",
            "dossiers_demo_load",
            "portal_demo_load",
            "documents_demo_load",
            "feedback_demo_load",
        ):
            _run_if_installed(name, stdout=self.stdout)


def _run_if_installed(name: str, **options: Any) -> None:
    from django.core.management import call_command, get_commands

    if name in get_commands():
        call_command(name, verbosity=0, **options)
