"""``manage.py demo_load``: load the Phong Điền demo organisation (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congso.accounts.demo import DemoLoader


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
        for name in ("calendar_seed",):
            from django.core.management import call_command, get_commands

            if name in get_commands():
                call_command(name, verbosity=0)
        if DemoLoader().run():
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
