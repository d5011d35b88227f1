"""``manage.py catalog_export``: the whole catalogue as JSON or as an Excel workbook
(both importable by ``catalog_import``), or the list of the published versions in
force on a day (Excel, one row each)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from congso.catalog import exports, selectors
from congso.catalog.excel.exports import catalog_to_xlsx


class Command(BaseCommand):
    help = (
        "Export the procedure catalogue as JSON (default) or Excel (xlsx), or list "
        "the published versions in force (xlsx-list)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--format",
            choices=["json", "xlsx", "xlsx-list"],
            help="json or xlsx: every version, importable (default: xlsx when "
            "--output ends with .xlsx, json otherwise); xlsx-list: one row per "
            "published version in force on --on.",
        )
        parser.add_argument(
            "--output", "-o", help="File to write; standard output if omitted (JSON)."
        )
        parser.add_argument(
            "--on", help="xlsx-list: versions in force on this day (yyyy-mm-dd)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: str | None = options["output"]
        kind = options["format"] or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "json"
        )
        if kind == "json":
            self._json(output)
            return
        if not output:
            raise CommandError("Excel needs --output FILE.")
        if kind == "xlsx":
            if options["on"]:
                raise CommandError("--on applies to --format xlsx-list only.")
            document = exports.catalog_to_dict(selectors.procedure_list_for_export())
            Path(output).write_bytes(catalog_to_xlsx(document))
            sys.stderr.write(
                f"{len(document['procedures'])} procedures written to {output}\n"
            )
            return
        self._list(output, options["on"])

    def _json(self, output: str | None) -> None:
        document = exports.catalog_to_dict(selectors.procedure_list_for_export())
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")

    def _list(self, output: str, on_text: str | None) -> None:
        try:
            on = date.fromisoformat(on_text) if on_text else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--on: {error}") from None
        versions = selectors.procedure_list_published(on=on)
        Path(output).write_bytes(exports.versions_to_xlsx(versions, on=on))
        sys.stderr.write(f"{len(versions)} versions written to {output}\n")
