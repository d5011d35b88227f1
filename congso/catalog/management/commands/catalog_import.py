"""``manage.py catalog_import FILE``: import a catalogue JSON document, all or
nothing; importing the same file again changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congso.catalog.imports import catalog_import_text
from congso.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Import a procedure catalogue JSON file (all or nothing, idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file", help="JSON file in the catalogue format ('-': stdin)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        try:
            text = (
                sys.stdin.read()
                if name == "-"
                else Path(name).read_text(encoding="utf-8")
            )
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from None
        try:
            result = catalog_import_text(text=text, actor=None)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.procedures} procedures: {result.created} versions created, "
                f"{result.updated} updated, {result.unchanged} unchanged, "
                f"{result.published} published."
            )
        )
