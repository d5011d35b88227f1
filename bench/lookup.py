"""Benchmark: the public dossier lookup (tra cứu hồ sơ), page and API, through a real
server with N dossiers, against a hello-world view on the same stack.

    createdb -h 127.0.0.1 -U postgres congso_lookup
    CONGSO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/congso_lookup \\
        .venv/bin/python -m bench.lookup --n 1000000 [--keep] [--profile]

1. Data: the throw-away test database of ``CONGSO_DATABASE_URL`` (here
   ``test_congso_lookup``) with the province, catalogue and generator of
   ``bench/_data.py`` (shared with ``bench.queues``): N dossiers with their steps and
   their event timelines, written with COPY on PostgreSQL (about 4 minutes for a
   million on two cores), then the lookup's read model (``portal.PublicDossierView``,
   rendered in batches as ``portal_public_view_rebuild`` does, COPY, two processes;
   timed apart). ``--keep`` keeps the database and reuses it next time when it
   holds N dossiers (rebuilding the read model when it is not current). SQLite
   works for small ``--n``.
2. Server: gunicorn (``gthread``, ``--workers`` × ``--threads``) on 127.0.0.1 and a
   free port, with the production settings (DEBUG off, WhiteNoise manifest after a
   ``collectstatic`` into a temporary var dir, persistent database connections),
   ``CONGSO_LOOKUP_RATE_LIMIT=0`` (the limit exists to refuse exactly this kind of
   client) and ``bench/lookup_urls.py``: the project's URLs plus ``/bench/hello``.
3. Load: ``--concurrency`` client threads, each with one keep-alive ``http.client``
   connection, for ``--seconds`` per target after a one-second warm-up, in
   ``--rounds`` interleaved rounds: (a) hello world, (b) the lookup form page
   ``/tra-cuu/`` (the site layout without any data: a reference), (c) the lookup
   page ``/tra-cuu/<code>/``, (d) the lookup API ``/api/v1/public/dossiers/<code>/``,
   with codes drawn at random from 20,000 existing dossiers. Every answer must be
   a 200.
4. Prints requests/s (median of the rounds), p50 / p95 / p99 latency, and ours /
   hello world per round and overall, with the verdicts for issue 3 (>= 0.7) and
   issue 6 (>= 0.6, page and API under concurrent load). Before measuring, one page of a
   dossier with internal notes is checked for private data. ``--profile`` also runs
   300 page lookups in-process under cProfile and shows the SQL of one lookup with
   ``EXPLAIN ANALYZE``.

The client shares the machine with the server: its CPU share (printed) is taken from
the server's, alike for the hello world and the lookup.
"""

from __future__ import annotations

import argparse
import cProfile
import html
import http.client
import json
import os
import pstats
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
django.setup()
warnings.filterwarnings("ignore", message="No directory at")

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._data import (  # noqa: E402
    INTERNAL_NOTES,
    OFFICERS,
    build_org,
    build_public_view,
    load,
)
from congso.dossiers.models import Dossier, DossierEvent  # noqa: E402
from congso.portal.models import PublicDossierView  # noqa: E402
from congso.portal.public_view import RENDERING  # noqa: E402

out = sys.stdout.write

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "congso-bench-lookup"
SAMPLE = 20_000
#: Issue 3: the lookup by code >= 0.7 × hello world; issue 6: page and API under
#: concurrent load >= 0.6 ×, with requests/s and p99.
TARGETS = {"issue 3": 0.7, "issue 6": 0.6}
LOOKUPS = ("lookup page", "lookup API")


# -- data ----------------------------------------------------------------------------


def prepare(n: int, seed: int, keep: bool) -> str:
    """Create (or, with ``keep``, reuse) the test database holding n dossiers with
    their steps and events; returns the old database name for ``destroy``."""
    # create_test_db returns the test database's name, not the one to restore.
    old_name = str(connection.settings_dict["NAME"])
    # serialize=False: the default dumps the whole database (minutes, gigabytes)
    connection.creation.create_test_db(verbosity=0, keepdb=keep, serialize=False)
    if keep and Dossier.objects.count() == n and DossierEvent.objects.exists():
        out(f"reusing {connection.settings_dict['NAME']} with {n:,} dossiers\n")
        if not views_current(n):
            build_views()
        return old_name
    if keep:  # another size, or a load that did not finish: start afresh
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False)
    start = time.perf_counter()
    org = build_org()
    out(f"organisation built in {time.perf_counter() - start:.1f} s; loading …\n")
    seconds = load(org, n, now=timezone.now(), seed=seed, events=True)
    out(
        f"{n:,} dossiers, {DossierEvent.objects.count():,} events loaded in "
        f"{seconds:.0f} s\n"
    )
    build_views()
    return old_name


def views_current(n: int) -> bool:
    """The read model holds a current row for each of the n dossiers."""
    current = PublicDossierView.objects.filter(
        rendering=RENDERING, language=settings.LANGUAGE_CODE
    )
    return current.count() == n


def build_views() -> None:
    """The lookup's read model, timed apart from the load (it is what
    ``portal_public_view_rebuild`` does after a migration)."""
    out("building the lookup's read model …\n")
    seconds = build_public_view(now=timezone.now())
    count = PublicDossierView.objects.count()
    out(f"{count:,} public views rendered and written in {seconds:.0f} s\n")


def sample_codes(n: int, count: int, seed: int) -> list[str]:
    """Codes of ``count`` dossiers drawn at random (ids are 1..n after the load)."""
    rng = random.Random(seed)
    ids = rng.sample(range(1, n + 1), min(count, n))
    return list(Dossier.objects.filter(pk__in=ids).values_list("code", flat=True))


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT']}/{s['NAME']}"


# -- server --------------------------------------------------------------------------


def server_env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONGSO_")}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "bench.lookup_settings",
        "PYTHONPATH": str(ROOT),
        "CONGSO_DEBUG": "false",
        "CONGSO_SECRET_KEY": secrets.token_urlsafe(50),
        "CONGSO_DATABASE_URL": database_url(),
        "CONGSO_ALLOWED_HOSTS": "127.0.0.1",
        "CONGSO_LOOKUP_RATE_LIMIT": "0",
        "CONGSO_VAR_DIR": str(WORK / "var"),
        "CONGSO_LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    env: dict[str, str], workers: int, threads: int
) -> tuple[subprocess.Popen[bytes], int]:
    if not (WORK / "var" / "static" / "staticfiles.json").exists():
        out("collectstatic (once) …\n")
        subprocess.run(
            [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "congso.conf.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, "/bench/hello")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Accept-Language": "vi"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# -- load ----------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    paths: list[str]
    accept: str


@dataclass
class Run:
    requests: int
    seconds: float
    client_cpu: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def drive(port: int, target: Target, seconds: float, concurrency: int) -> Run:
    """``concurrency`` threads on keep-alive connections for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: dict[int, int] = {}
    barrier = threading.Barrier(concurrency + 1)
    stop = [0.0]

    def worker(index: int) -> None:
        rng = random.Random(index)
        headers = {"Accept": target.accept, "Accept-Language": "vi"}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = latencies[index]
        barrier.wait()
        while time.perf_counter() < stop[0]:
            path = rng.choice(target.paths)
            begin = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status, closing = response.status, response.will_close
            except (OSError, http.client.HTTPException):
                status, closing = -1, True  # counted as an error, not a request
            else:
                mine.append(time.perf_counter() - begin)
            if status != 200:
                errors[status] = errors.get(status, 0) + 1
            if closing:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [
        threading.Thread(target=worker, args=(i,), daemon=True)
        for i in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    cpu = time.process_time()
    begin = time.perf_counter()
    stop[0] = begin + seconds
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    flat = [x for lane in latencies for x in lane]
    return Run(len(flat), elapsed, (time.process_time() - cpu) / elapsed, flat, errors)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def check_privacy(port: int) -> None:
    """One page of a dossier whose timeline carries internal notes: no full name,
    personal ID, officer or internal note in it."""
    event = (
        DossierEvent.objects.filter(action__in=["forward", "hand_over", "resolve"])
        .exclude(note="")
        .select_related("dossier")
        .first()
    )
    if event is None:
        return
    d = event.dossier
    secrets_ = [d.applicant_name, d.personal_id, d.phone, *OFFICERS]
    secrets_ += [note for note in INTERNAL_NOTES if note]
    for path in (f"/tra-cuu/{d.code}/", f"/api/v1/public/dossiers/{d.code}/"):
        status, body = get(port, path)
        page = html.unescape(body.decode())
        leaked = [s for s in secrets_ if s in page or json.dumps(s)[1:-1] in page]
        assert status == 200, (path, status)
        assert not leaked, f"private data in {path}: {leaked}"
    out(f"privacy check on {d.code}: nothing private on the page nor in the API\n")


# -- profile -------------------------------------------------------------------------


def profile(codes: list[str]) -> None:
    """In-process: cProfile over 300 page lookups, then one lookup's SQL."""
    client = Client()
    with override_settings(LOOKUP_RATE_LIMIT=0):
        for code in codes[:20]:
            client.get(f"/tra-cuu/{code}/")
        profiler = cProfile.Profile()
        profiler.enable()
        for code in codes[20:320]:
            client.get(f"/tra-cuu/{code}/")
        profiler.disable()
        out("\n-- cProfile, 300 page lookups in-process (top 25 by own time):\n")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/tra-cuu/{codes[0]}/")
    out(f"-- SQL of one lookup ({len(queries)} queries):\n")
    for query in queries.captured_queries:
        sql = query["sql"]
        out(f"{float(query['time']) * 1000:6.2f} ms  {sql[:160]}…\n")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE {sql}")
                plan = [row[0] for row in cursor.fetchall()]
            out("".join(f"          {line}\n" for line in plan))


# -- main ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep/reuse the database")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-health-checks",
        action="store_true",
        help="experiment: the server without CONN_HEALTH_CHECKS (not production)",
    )
    args = parser.parse_args(argv)
    # A plain SIGTERM would skip the clean-up below and leave gunicorn running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if connection.vendor != "postgresql" and args.n > 100_000:
        out("On SQLite use --n 100000 or less (set CONGSO_DATABASE_URL=postgres://…)\n")
        return 2
    setup_test_environment()
    old_name = prepare(args.n, args.seed, args.keep)
    server = None
    try:
        codes = sample_codes(args.n, SAMPLE, args.seed)
        connection.close()  # the server gets the database to itself
        env = server_env()
        if args.no_health_checks:
            env["BENCH_LOOKUP_NO_HEALTH_CHECKS"] = "1"
            out("experiment: CONN_HEALTH_CHECKS off (not the production setting)\n")
        server, port = start_server(env, args.workers, args.threads)
        check_privacy(port)
        targets = [
            Target("hello world", ["/bench/hello"], "text/html"),
            Target("form page", ["/tra-cuu/"], "text/html"),
            Target("lookup page", [f"/tra-cuu/{c}/" for c in codes], "text/html"),
            Target(
                "lookup API",
                [f"/api/v1/public/dossiers/{c}/" for c in codes],
                "application/json",
            ),
        ]
        out(
            f"\nlookup bench on {connection.vendor}: {args.n:,} dossiers; gunicorn "
            f"gthread {args.workers}×{args.threads}, {args.concurrency} client "
            f"threads, {args.rounds} rounds × {args.seconds:.0f} s; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}\n\n"
        )
        runs: dict[str, list[Run]] = {t.label: [] for t in targets}
        for round_ in range(1, args.rounds + 1):
            line = []
            for target in targets:
                drive(port, target, 1.0, args.concurrency)  # warm-up
                run = drive(port, target, args.seconds, args.concurrency)
                if run.errors:
                    raise RuntimeError(
                        f"{target.label}: non-200 answers {run.errors} (-1: no answer)"
                    )
                runs[target.label].append(run)
                line.append(f"{target.label} {run.rate:7.1f}/s")
            hello = runs["hello world"][-1].rate
            ratios = [runs[t.label][-1].rate / hello for t in targets[1:]]
            out(
                f"round {round_}: {'  '.join(line)}  ratios "
                f"{' '.join(f'{r:.2f}' for r in ratios)}\n"
            )
        out(f"\nafter the rounds: load average {os.getloadavg()[0]:.2f}\n")
        report(runs)
        if args.profile:
            profile(codes)
        return 0
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def report(runs: dict[str, list[Run]]) -> None:
    floor = statistics.median(r.rate for r in runs["hello world"])
    out(
        f"\n{'target':<14}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'ours/hello':>12}{'client CPU':>12}\n"
    )
    for label, rounds in runs.items():
        rate = statistics.median(r.rate for r in rounds)
        latencies = [x * 1000 for r in rounds for x in r.latencies]
        cpu = statistics.median(r.client_cpu for r in rounds)
        out(
            f"{label:<14}{rate:9.1f}{percentile(latencies, 0.5):9.1f}"
            f"{percentile(latencies, 0.95):9.1f}{percentile(latencies, 0.99):9.1f}"
            f"{rate / floor:12.2f}{cpu:11.0%}\n"
        )
    worst = min(
        statistics.median(r.rate for r in runs[label]) / floor for label in LOOKUPS
    )
    # The median of the per-round ratios too: a busy neighbour in one round moves
    # the floor and the lookup of that round alike.
    per_round = min(
        statistics.median(
            r.rate / h.rate
            for r, h in zip(runs[label], runs["hello world"], strict=True)
        )
        for label in LOOKUPS
    )
    out(
        f"\nworst lookup ratio {worst:.2f} (ratio of medians), {per_round:.2f} "
        "(median of the rounds' ratios)\n"
    )
    for issue, target in TARGETS.items():
        verdict = "ok" if worst >= target else "BELOW TARGET"
        out(f"  {issue}: target >= {target}: {verdict}\n")
    layout = statistics.median(r.rate for r in runs["form page"])
    page = statistics.median(r.rate for r in runs["lookup page"])
    out(
        f"the form page (site layout, no database) makes {layout / floor:.2f} of "
        f"the hello world; the lookup page makes {page / layout:.2f} of the form page\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
