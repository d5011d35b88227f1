"""``manage.py catalog_demo_load``: the demo procedures of Thành phố Huế
(idempotent; needs the demo organisation from ``demo_load``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congso.catalog.demo import catalog_demo_load
from congso.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Load the demo procedure catalogue (Huế, from 1/7/2025). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = catalog_demo_load()
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue: {result.created} versions created, "
                f"{result.unchanged} unchanged."
            )
        )
