"""Benchmark: dossier intake vs a bare insert-and-commit endpoint, same run.

    .venv/bin/python -m bench.intake [--n 2000] [--rounds 5]

Builds its own throw-away database (the test database of the configured
``CONGSO_DATABASE_URL``; SQLite by default), a one-stop world (centre, commune,
office, officials) and a published three-step procedure with a fee, then times N
requests of each kind through the whole stack — middleware, session authentication,
DRF parsing and rendering — with Django's test client, one reception officer posting
one dossier after another as at a desk:

- floor: ``POST /bench/bare-insert/`` — a DRF view with the project's default
  authentication that inserts one ``Dossier`` row in its own transaction and answers
  ``201`` with the id (no code, no dates, no steps, no event, no audit);
- intake: ``POST /api/v1/dossiers/`` — the real reception API: validation, the desk
  check, the daily code from the locked counter, the appointment from the working
  calendar, components, process steps, the first event and the audit entry, and the
  receipt data (code, appointment, receipt PDF link) in the answer.

Floor and intake run in interleaved rounds and the median of the rounds' ratios is
reported, so a busy neighbour slows both sides alike. The target (issue 3) is
``intake / floor >= 0.33``. For information it also times
the service alone (``dossier_receive`` in a loop) against a bare ``create`` in a
transaction, which is the harder ratio: there the fixed cost of a request is absent
from both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import URLPattern, URLResolver, clear_url_caches, path  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from congso.accounts.constants import Role  # noqa: E402
from congso.calendar.worktime import VN_TZ  # noqa: E402
from congso.conf.urls import urlpatterns as project_urls  # noqa: E402

TARGET = 0.33


class BareInsert(APIView):
    """The floor: one row inserted and committed per request."""

    def post(self, request: Request) -> Response:
        from congso.dossiers.models import Dossier

        data = request.data
        with transaction.atomic():
            row = Dossier.objects.create(
                code=f"BARE-{time.perf_counter_ns()}",
                receiving_agency_id=data["receiving_agency"],
                competent_agency_id=data["competent_agency"],
                procedure_version_id=data["procedure_version"],
                status="received",
                channel="in_person",
                applicant_kind="person",
                applicant_name=data["name"],
                applicant_folded=data["name"].lower(),
            )
        return Response({"id": row.pk}, status=201)


#: This module is the URLconf while the benchmark runs: the project plus the floor.
urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare-insert/", BareInsert.as_view()),
    *project_urls,
]


def _rate(n: int, call: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        call()
    return n / (time.perf_counter() - start)


def _post(client: Client, url: str, body: str) -> None:
    response = client.post(url, body, content_type="application/json")
    if response.status_code != 201:
        raise SystemExit(f"{url}: HTTP {response.status_code} {response.content!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    out = sys.stdout.write
    setup_test_environment()
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
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
        applicant = {
            "kind": "person",
            "name": "Nguyễn Văn An",
            "personal_id": "046090001234",
            "phone": "0912 345 678",
            "address": "Tổ dân phố 3, phường Phong Điền, thành phố Huế",
        }
        intake_body = json.dumps(
            {
                "procedure_version": version.pk,
                "channel": "in_person",
                "applicant": applicant,
                "component_ids": [version.components.get(order=1).pk],
            }
        )
        bare_body = json.dumps(
            {
                "receiving_agency": world.centre.pk,
                "competent_agency": world.commune.pk,
                "procedure_version": version.pk,
                "name": applicant["name"],
            }
        )
        client = Client()
        client.force_login(world.users["reception"])
        for _ in range(20):  # warm caches (tree, calendar, procedure parts)
            _post(client, "/bench/bare-insert/", bare_body)
            _post(client, "/api/v1/dossiers/", intake_body)

        # Interleaved rounds, so a busy neighbour on the machine slows both sides of
        # a round alike; the ratio reported is the median of the rounds'.
        rounds = []
        per_round = max(1, args.n // args.rounds)
        for _ in range(args.rounds):
            floor_r = _rate(
                per_round, lambda: _post(client, "/bench/bare-insert/", bare_body)
            )
            ours_r = _rate(
                per_round, lambda: _post(client, "/api/v1/dossiers/", intake_body)
            )
            rounds.append((floor_r, ours_r))
        floor = statistics.median(f for f, _ in rounds)
        ours = statistics.median(o for _, o in rounds)
        ratio = statistics.median(o / f for f, o in rounds)

        data, now = reception(version), datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
        desk, officer = world.centre, world.users["reception"]

        def bare_create() -> None:
            with transaction.atomic():
                Dossier.objects.create(
                    code=f"SVC-{time.perf_counter_ns()}",
                    receiving_agency=desk,
                    competent_agency=world.commune,
                    procedure_version=version,
                    status="received",
                    channel="in_person",
                    applicant_kind="person",
                    applicant_name=applicant["name"],
                    applicant_folded="nguyen van an",
                )

        service_floor = _rate(args.n, bare_create)
        service = _rate(
            args.n,
            lambda: dossier_receive(
                receiving_agency=desk, reception=data, actor=officer, now=now
            ),
        )

        out(f"intake bench on {connection.vendor}, {args.n:,} requests each ")
        out(f"in {args.rounds} interleaved rounds (medians)\n")
        out(f"POST bare insert+commit   : {floor:8.1f} /s\n")
        out(f"POST /api/v1/dossiers/    : {ours:8.1f} /s\n")
        verdict = "met" if ratio >= TARGET else "NOT met"
        out(f"ratio                     : {ratio:8.2f}  ")
        out(f"(target >= {TARGET}: {verdict})\n")
        out("-- for information: the service without the request --\n")
        out(f"bare create in atomic     : {service_floor:8.1f} /s\n")
        out(f"dossier_receive           : {service:8.1f} /s\n")
        out(f"ratio                     : {service / service_floor:8.2f}\n")
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
