"""Benchmark: dossier intake vs a bare insert-and-commit, measured in the same run.

    .venv/bin/python -m bench.intake [--n 2000]

Builds its own throw-away database (the test database of the configured
``CONGSO_DATABASE_URL``; SQLite by default), the demo-like one-stop world and a
published procedure, then times:
- floor: inserting one ``Dossier`` row per transaction (no code, no dates, no steps);
- intake: ``dossier_receive`` — daily code from the locked counter, appointment from
  the working calendar, process steps, the first event and the audit entry.
Prints both rates and the ratio (target ≥ 0.33).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from congso.accounts.constants import Role  # noqa: E402
from congso.calendar.worktime import VN_TZ  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args(argv)
    out = sys.stdout.write
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from congso.dossiers.models import Dossier
        from congso.dossiers.services import dossier_receive
        from congso.dossiers.tests.factories import (
            build_one_stop,
            build_procedure,
            reception,
        )

        world = build_one_stop()
        version = build_procedure(
            steps=[
                ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
                ("Thẩm định", Role.SPECIALIST, world.office, 2, False),
                ("Phê duyệt", Role.AGENCY_LEADER, world.commune, 1, False),
            ],
            fees=(50_000,),
        )
        data = reception(version)
        now = datetime(2026, 3, 2, 9, tzinfo=VN_TZ)

        start = time.perf_counter()
        for i in range(args.n):
            with transaction.atomic():
                Dossier.objects.create(
                    code=f"BARE-{i}",
                    receiving_agency=world.centre,
                    competent_agency=world.commune,
                    procedure_version=version,
                    status="received",
                    channel="in_person",
                    applicant_kind="person",
                    applicant_name="Nguyễn Văn An",
                    applicant_folded="nguyen van an",
                )
        floor = args.n / (time.perf_counter() - start)

        start = time.perf_counter()
        for _ in range(args.n):
            dossier_receive(
                receiving_agency=world.centre,
                reception=data,
                actor=world.users["reception"],
                now=now,
            )
        ours = args.n / (time.perf_counter() - start)
        out(f"intake bench on {connection.vendor}, {args.n:,} dossiers each\n")
        out(f"bare insert+commit : {floor:9.1f} /s\n")
        out(f"dossier_receive    : {ours:9.1f} /s\n")
        out(f"ratio              : {ours / floor:9.2f}  (target >= 0.33)\n")
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
