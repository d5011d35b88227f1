"""``manage.py feedback_demo_load``: demo ratings and feedback (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.feedback.demo import feedback_demo_load


class Command(BaseCommand):
    help = "Create demo ratings and feedback for the Phong Điền ward. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        created = feedback_demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo feedback: {created} created."))
