"""``manage.py catalog_export``: the catalogue as JSON (all versions) or Excel
(published versions in force on a day)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from congso.catalog import exports, selectors


class Command(BaseCommand):
    help = "Export the procedure catalogue as JSON (default) or Excel."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument(
            "--output", "-o", help="File to write; standard output if omitted (JSON)."
        )
        parser.add_argument(
            "--on", help="Excel: versions in force on this day (yyyy-mm-dd)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: str | None = options["output"]
        if options["format"] == "json":
            document = exports.catalog_to_dict(selectors.procedure_list_for_export())
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            if output:
                Path(output).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
            return
        if not output:
            raise CommandError("Excel needs --output FILE.")
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError as error:
            raise CommandError(f"--on: {error}") from None
        on = on or timezone.localdate()
        versions = selectors.procedure_list_published(on=on)
        Path(output).write_bytes(exports.versions_to_xlsx(versions, on=on))
        sys.stderr.write(f"{len(versions)} versions written to {output}\n")
