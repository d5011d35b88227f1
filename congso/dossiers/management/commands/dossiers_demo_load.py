"""``manage.py dossiers_demo_load``: fill the demo ward's queues (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.dossiers.demo import dossiers_demo_load


class Command(BaseCommand):
    help = "Create demo dossiers at the Phong Điền ward centre. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        created = dossiers_demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo dossiers: {created} created."))
