"""``manage.py demo_logins``: print the demo accounts and their roles."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from congso.accounts.demo import (
    CITIZEN_PASSWORD,
    CITIZENS,
    DEMO_PASSWORD,
    LOCAL_CITIZEN_EMAIL,
    LOCAL_CITIZEN_PASSWORD,
    OFFICIALS,
)
from congso.accounts.models import SimulatedIdentity, User
from congso.accounts.selectors import agency_tree_get, role_assignment_list_for_user


class Command(BaseCommand):
    help = "Print the demo logins (username, password, role and agency today)."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        tree = agency_tree_get(on=today)
        self.stdout.write("")
        self.stdout.write(
            f"Demo logins (password for all: {DEMO_PASSWORD}) — http://127.0.0.1:8000/"
        )
        for o in OFFICIALS:
            user = User.objects.filter(username=o.username).first()
            if user is None:
                continue
            for a in role_assignment_list_for_user(user=user, on=today):
                node = tree.nodes.get(a.agency_id)
                self.stdout.write(
                    f"  {o.username:<22} {a.get_role_display()!s:<24} "
                    f"{a.position_title}, {node.name if node else '?'}"
                )
        self.stdout.write("")
        self._citizens()

    def _citizens(self) -> None:
        known = set(SimulatedIdentity.objects.values_list("personal_id", flat=True))
        people = [c for c in CITIZENS if c.personal_id in known]
        if not people:
            return
        self.stdout.write(
            "Demo citizens (VNeID mô phỏng; personal ID + password "
            f"{CITIZEN_PASSWORD}) — http://127.0.0.1:8000/cong-dan/dang-nhap/"
        )
        for c in people:
            self.stdout.write(f"  {c.personal_id}  {c.full_name:<22} {c.address}")
        if User.objects.filter(email=LOCAL_CITIZEN_EMAIL).exists():
            self.stdout.write(
                f"Local citizen account (e-mail + password): {LOCAL_CITIZEN_EMAIL} / "
                f"{LOCAL_CITIZEN_PASSWORD} — an online dossier at "
                "http://127.0.0.1:8000/dich-vu-cong/"
            )
        self.stdout.write("")
