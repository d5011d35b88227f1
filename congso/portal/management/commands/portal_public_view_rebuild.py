"""``manage.py portal_public_view_rebuild``: (re)write the public lookup's read model
(``portal.PublicDossierView``) for the dossiers whose row is missing or outdated, or
for all of them with ``--all``."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from congso.dossiers.models import Dossier
from congso.portal.public_view import RENDERING, public_view_rebuild
from congso.portal.selectors import public_view_outdated_ids


class Command(BaseCommand):
    help = (
        "Render the public lookup's answers of the dossiers without a current one "
        "(after the migration, a new rendering or a change of language); --all "
        "for every dossier (after a reorganisation renamed units)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="every dossier")
        parser.add_argument("--batch", type=int, default=500, help="dossiers a batch")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = public_view_outdated_ids(
                rendering=RENDERING, language=settings.LANGUAGE_CODE
            )
        batch = max(1, options["batch"])
        start = time.monotonic()
        written = 0
        for first in range(0, len(ids), batch):
            written += public_view_rebuild(ids=ids[first : first + batch])
            if options["verbosity"] > 1:
                self.stdout.write(f"{written:,} / {len(ids):,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Public lookup: {written:,} dossiers rendered in "
                f"{time.monotonic() - start:.1f} s."
            )
        )
