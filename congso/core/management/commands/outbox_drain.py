"""``manage.py outbox_drain``: deliver every due outbox message in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.core.outbox import outbox_drain


class Command(BaseCommand):
    help = "Deliver every due outbox message synchronously (no worker needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        attempted = outbox_drain()
        self.stdout.write(f"{attempted} outbox delivery attempt(s).")
