"""``manage.py portal_demo_load``: the demo citizen's online dossiers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from congso.accounts.demo import LOCAL_CITIZEN_EMAIL, LOCAL_CITIZEN_PASSWORD
from congso.portal.submission.demo import forms_demo_attach, portal_demo_load


class Command(BaseCommand):
    help = (
        "Load the demo citizen account with an online dossier and a draft, and "
        "blank form templates for the demo catalogue."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if attached := forms_demo_attach():
            self.stdout.write(f"Demo form templates: {attached} attached.")
        if portal_demo_load():
            self.stdout.write(
                f"Demo citizen account {LOCAL_CITIZEN_EMAIL} / {LOCAL_CITIZEN_PASSWORD}: "
                "one dossier submitted "
                "online (waiting at the desk) and one draft."
            )
