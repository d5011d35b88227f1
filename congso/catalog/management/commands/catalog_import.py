"""``manage.py catalog_import FILE``: import a catalogue JSON document or Excel
workbook (.xlsx), all or nothing; importing the same file again changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congso.catalog.excel.imports import catalog_import_xlsx
from congso.catalog.imports import ImportResult, catalog_import_text
from congso.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Import a procedure catalogue, JSON or Excel (.xlsx), all or nothing and "
        "idempotently."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file",
            help="JSON file or Excel workbook in the catalogue format ('-': stdin)",
        )
        parser.add_argument(
            "--format",
            choices=["json", "xlsx"],
            help="Default: xlsx for a .xlsx (or .xls) file, json otherwise.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        excel = options["format"] == "xlsx" or (
            options["format"] is None and name.lower().endswith((".xlsx", ".xls"))
        )
        try:
            content = (
                sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            )
            text = "" if excel else content.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from None
        try:
            result = (
                catalog_import_xlsx(content=content, actor=None)
                if excel
                else catalog_import_text(text=text, actor=None)
            )
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.procedures} procedures: {result.created} versions created, "
                f"{result.updated} updated, {result.unchanged} unchanged, "
                f"{result.published} published."
            )
        )
