"""``manage.py portal_demo_load``: the demo citizen's online dossiers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.accounts.demo import LOCAL_CITIZEN_EMAIL, LOCAL_CITIZEN_PASSWORD
from congso.portal.submission.demo import portal_demo_load


class Command(BaseCommand):
    help = "Load the demo citizen account with an online dossier and a draft."

    def handle(self, *args: Any, **options: Any) -> None:
        if portal_demo_load():
            self.stdout.write(
                f"Demo citizen account {LOCAL_CITIZEN_EMAIL} / {LOCAL_CITIZEN_PASSWORD}: "
                "one dossier submitted "
                "online (waiting at the desk) and one draft."
            )
