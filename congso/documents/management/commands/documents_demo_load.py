"""``manage.py documents_demo_load``: demo document work at the ward (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.documents.demo import documents_demo_load


class Command(BaseCommand):
    help = "Create demo incoming and outgoing documents at Phong Điền. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        created = documents_demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo documents: {created} created."))
