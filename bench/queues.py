"""Benchmark: officials' work-queue pages with N dossiers in the database.

    .venv/bin/python -m bench.queues [--n 1000000] [--requests 200] [--seed 7]

Builds its own throw-away database (the test database of ``CONGSO_DATABASE_URL``;
PostgreSQL expected, SQLite allowed with a smaller ``--n``) and a province of 40
communes and wards — each a People's Committee with its service centre, three
internal units and officials of every role — plus a provincial land registration
office for the interlinked land procedure and seven published procedures.

Dossiers are written in bulk (PostgreSQL ``COPY`` through psycopg, ``bulk_create``
on SQLite), not through ``dossier_receive``/``dossier_transition``: the services are
measured by ``bench/intake.py``; here the data volume is what matters, and a million
dossiers through the services would take hours. The rows are what the services would
have left: codes ``{commune code}-{yymmdd}-{nnnn}``, appointments on a weekday-only
calendar (holidays ignored), a realistic status mix (mostly returned, ~2-3 % open:
received / in processing / awaiting supplement / result ready, plus a small overdue
backlog), ``current_agency``/``current_role``/``assignee`` of open work, the folded
applicant name, and one ``ProcessingStep`` row per process step for EVERY dossier
(finished, current or not yet started). Events, components and audit rows are not
generated (the queue pages do not read them).

Measured in-process with Django's test ``Client`` (force_login; full middleware):
- ``/dossiers/`` (default queue: all visible), ``/dossiers/?queue=overdue`` and
  ``/api/v1/dossiers/?queue=to_handle``, for a reception officer and a specialist of
  the busiest ward, and for the same roles in the quietest ward;
- floor: ``/healthz`` through the same stack.
Prints p50 / p95 / max in ms, SQL queries per request, ``ours / floor``, and checks
that the query count equals the one measured first on a fresh 1,000-dossier load.
Any query slower than 50 ms is shown with ``EXPLAIN (ANALYZE, BUFFERS)``.
Target (issue 3): p95 <= 150 ms with 1,000,000 dossiers, constant query count.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from dataclasses import dataclass

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
django.setup()
# WhiteNoise warns once per handler when collectstatic has not run: not our concern.
warnings.filterwarnings("ignore", message="No directory at")

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._data import Org, Ward, build_org, load, wipe  # noqa: E402

out = sys.stdout.write

SMALL_N = 1000
SLOW_MS = 50.0
TARGET_P95_MS = 150.0

# -- measurement ---------------------------------------------------------------------


@dataclass
class Result:
    label: str
    url: str
    p50: float
    p95: float
    worst: float
    queries: int
    rows: int
    slow: list[tuple[float, str]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client: Client, label: str, url: str, requests: int) -> Result:
    for _ in range(max(5, requests // 20)):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    if response.headers.get("Content-Type", "").startswith("application/json"):
        rows = len(response.json().get("results", []))
    else:
        page = response.context["page"] if response.context else None
        rows = len(page.object_list) if page is not None else 0
    slow = sorted(
        (
            (float(q["time"]) * 1000, q["sql"])
            for q in ctx.captured_queries
            if float(q["time"]) * 1000 > SLOW_MS
        ),
        reverse=True,
    )
    return Result(
        label,
        url,
        percentile(timings, 0.5),
        percentile(timings, 0.95),
        max(timings),
        len(ctx.captured_queries),
        rows,
        slow,
    )


PAGES = [
    ("reception", "/dossiers/"),
    ("reception", "/dossiers/?queue=overdue"),
    ("reception", "/api/v1/dossiers/?queue=to_handle"),
    ("specialist0", "/dossiers/"),
    ("specialist0", "/dossiers/?queue=overdue"),
    ("specialist0", "/api/v1/dossiers/?queue=to_handle"),
]


def run_pages(org: Org, requests: list[int], *, wards: list[Ward]) -> list[Result]:
    """Every page for each ward's officials, ``requests[i]`` times for ward i."""
    results = []
    for ward, count in zip(wards, requests, strict=True):
        for who, url in PAGES:
            client = Client()
            client.force_login(ward.users[who])
            label = f"{ward.code} {who}"
            results.append(measure(client, label, url, count))
    return results


def report(results: list[Result], floor: Result) -> None:
    out(f"{'official':<22}{'page':<38}{'p50':>8}{'p95':>8}{'max':>8}")
    out(f"{'SQL':>5}{'rows':>6}{'p50/floor':>11}\n")
    for r in [floor, *results]:
        out(f"{r.label:<22}{r.url:<38}{r.p50:8.1f}{r.p95:8.1f}{r.worst:8.1f}")
        out(f"{r.queries:5d}{r.rows:6d}{r.p50 / floor.p50:11.1f}\n")


def explain(results: list[Result]) -> None:
    if connection.vendor != "postgresql":
        return
    for r in results:
        for ms, sql in r.slow:
            shown = sql
            if sql.startswith(
                'SELECT "dossiers_dossier"."id"'
            ):  # the columns are noise
                shown = (
                    "(columns elided) " + sql[sql.index(' FROM "dossiers_dossier"') :]
                )
            out(f"\n-- slow query ({ms:.0f} ms) on {r.label} {r.url}:\n{shown}\n")
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                out("\n".join(row[0] for row in cursor.fetchall()) + "\n")


# -- main ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        out(
            f"WARNING: {connection.vendor} database; the target is for PostgreSQL "
            "(set CONGSO_DATABASE_URL=postgres://…).\n"
        )
        if args.n > 100_000:
            out("On SQLite use --n 100000 or less.\n")
            return 2
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        now = timezone.now()
        start = time.perf_counter()
        org = build_org()
        out(
            f"queues bench on {connection.vendor}: {len(org.wards)} communes, "
            f"organisation built in {time.perf_counter() - start:.1f} s\n"
        )
        busy, quiet = org.wards[0], org.wards[-1]

        # a third open, so that every measured queue has rows (an empty page
        # legitimately skips the page query)
        seconds = load(org, SMALL_N, now=now, seed=args.seed, force_open=0.33)
        small = run_pages(org, [20], wards=[busy])
        out(
            f"\n{SMALL_N:,} dossiers loaded in {seconds:.1f} s (query-count baseline)\n"
        )
        wipe()

        out(f"\nloading {args.n:,} dossiers …\n")
        seconds = load(org, args.n, now=now, seed=args.seed)
        from congso.dossiers.models import Dossier, ProcessingStep

        counts = dict(
            Dossier.objects.values_list("status").annotate(
                c=django.db.models.Count("pk")
            )
        )
        per_ward = dict(
            Dossier.objects.filter(receiving_agency__in=[busy.centre, quiet.centre])
            .values_list("receiving_agency")
            .annotate(c=django.db.models.Count("pk"))
        )
        out(
            f"{args.n:,} dossiers and {ProcessingStep.objects.count():,} steps loaded "
            f"in {seconds:.1f} s ({args.n / seconds:,.0f} dossiers/s, incl. ANALYZE)\n"
        )
        out(
            f"status mix: {', '.join(f'{k} {v:,}' for k, v in sorted(counts.items()))}\n"
        )
        out(
            f"busiest {busy.code}: {per_ward.get(busy.centre.pk, 0):,} dossiers; "
            f"quietest {quiet.code}: {per_ward.get(quiet.centre.pk, 0):,}\n\n"
        )

        floor_client = Client()
        floor_client.force_login(busy.users["reception"])
        floor = measure(floor_client, "floor", "/healthz", args.requests)
        # the quiet ward is there for the query counts: fewer requests
        results = run_pages(
            org, [args.requests, max(20, args.requests // 10)], wards=[busy, quiet]
        )
        report(results, floor)

        out(
            f"\nSQL queries per request (rows) at {SMALL_N:,} vs {args.n:,} dossiers:\n"
        )
        constant = True
        for r in results:
            role = r.label.split()[1]
            base = next(
                s for s in small if s.url == r.url and s.label.split()[1] == role
            )
            if base.queries == r.queries:
                verdict = "ok"
            elif not (base.rows and r.rows):
                verdict = "empty page (page query skipped)"
            else:
                verdict, constant = "DIFFERENT", False
            out(
                f"  {r.label:<22}{r.url:<38}{base.queries:3d} ({base.rows:2d}) → "
                f"{r.queries:3d} ({r.rows:2d})  {verdict}\n"
            )
        worst = max(results, key=lambda r: r.p95)
        out(
            f"\nworst p95 {worst.p95:.1f} ms ({worst.label} {worst.url}); target <= "
            f"{TARGET_P95_MS:.0f} ms: {'ok' if worst.p95 <= TARGET_P95_MS else 'MISSED'}; "
            f"query count constant: {'yes' if constant else 'NO'}\n"
        )
        explain([r for r in results if r.slow])
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
