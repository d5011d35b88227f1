"""Benchmark: registering an incoming document, against a bare indexed look-up
and a bare insert measured in the same run.

    .venv/bin/python -m bench.documents [--existing 100000] [--n 400]
    CONGSO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/congso \\
        .venv/bin/python -m bench.documents --existing 200000

Builds its own throw-away database (the test database of the configured
``CONGSO_DATABASE_URL``; SQLite by default): the test office world (a ward,
its units, a clerk), then ``--existing`` incoming documents already registered
(bulk, with their search entries, spread over the year) so the indexes have a
realistic size. Then, interleaved, per round:

- floor 1: the indexed look-up a registration makes anyway — the duplicate check
  (``number_key`` + folded issuer);
- floor 2: a bare ``IncomingDocument`` insert in its own transaction;
- ours: ``incoming_register`` — validation, the duplicate check, the yearly
  number from the locked series, the registration deadline from the working
  calendar, the row, a stored PDF scan with its OCR request in the outbox,
  the trace, the audit entry and the search-index entry, committed.

Prints p50 / p95 / max in ms and ours / floor. The target (issue 5) is a
registration p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
if not os.environ.get("CONGSO_DATABASE_URL"):
    os.environ.setdefault(
        "CONGSO_VAR_DIR", str(Path(tempfile.gettempdir()) / "congso-bench-documents")
    )
    Path(os.environ["CONGSO_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.search_corpus import Corpus  # noqa: E402

TARGET_P95_MS = 50.0
out = sys.stdout.write


def _times(n: int, call: Callable[[int], object]) -> list[float]:
    found = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        found.append((time.perf_counter() - start) * 1000)
    return found


def _summary(name: str, ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    out(
        f"{name:<34} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   max {ordered[-1]:7.2f} ms\n"
    )
    return p50, p95


def _fill(office: object, existing: int, seed: int) -> None:
    """``existing`` registered documents with their search entries (realistic
    titles, numbers, issuers and bodies from ``bench.search_corpus``), in bulk."""
    from congso.core.search.models import SearchEntry
    from congso.documents.models import IncomingDocument, NumberingSeries

    ward, clerk = office.ward, office.users["clerk"]  # type: ignore[attr-defined]
    now = timezone.now()
    year = timezone.localdate().year
    corpus = Corpus(existing, seed=seed)
    start = time.perf_counter()
    done = 0
    while done < existing:
        k = min(5000, existing - done)
        entries = list(corpus.rows(k))
        rows = IncomingDocument.objects.bulk_create(
            [
                IncomingDocument(
                    agency=ward,
                    arrival_year=year,
                    arrival_number=done + j + 1,
                    received_at=now - timedelta(minutes=existing - done - j),
                    registered_at=now - timedelta(minutes=existing - done - j),
                    registration_due=now.date(),
                    registered_by=clerk,
                    channel="electronic",
                    issuer_name=e["issuer"],
                    issuer_folded=e["issuer_folded"],
                    number_symbol=e["number"][:50],
                    number_key=e["number_key"][:60],
                    doc_type=e["kind"],
                    issued_date=e["doc_date"],
                    subject=e["title"][:500],
                )
                for j, e in enumerate(entries)
            ]
        )
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    **{
                        **e,
                        "object_type": "documents.incoming",
                        "object_id": str(r.pk),
                        "agency_id": ward.pk,
                        "updated_at": now,
                    }
                )
                for e, r in zip(entries, rows, strict=True)
            ]
        )
        done += k
    NumberingSeries.objects.update_or_create(
        agency=ward, year=year, kind="incoming", defaults={"next_value": existing + 1}
    )
    out(
        f"{existing} existing documents written in {time.perf_counter() - start:.1f} s\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    setup_test_environment()
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        return _run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _run(args: argparse.Namespace) -> int:
    from congso.documents.models import IncomingDocument
    from congso.documents.services.incoming import UploadedFile, incoming_register
    from congso.documents.tests.factories import build_office, incoming_data
    from congso.signatures.signing.appearance import stamp_pdf

    out(f"database: {connection.vendor}\n")
    office = build_office()
    _fill(office, args.existing, seed=5)
    scan = stamp_pdf(
        "<p>Công văn số 1234/SVHTT-QLVH — " + "nội dung công văn " * 400 + "</p>",
        width_pt=595,
        height_pt=842,
    )
    out(f"scan: {len(scan) / 1024:.0f} KB PDF\n")
    rng = random.Random(7)
    clerk, ward = office.users["clerk"], office.ward

    def register(i: int) -> None:
        incoming_register(
            agency_id=ward.pk,
            data=incoming_data(number_symbol=f"{rng.randrange(1, 9999)}/BENCH-{i}"),
            files=[UploadedFile("cong-van.pdf", scan)],
            actor=clerk,
        )

    def lookup(i: int) -> None:
        IncomingDocument.objects.filter(
            agency_id=ward.pk,
            number_key=f"{i}/BENCH-{i}",
            issuer_folded="so van hoa va the thao thanh pho hue",
        ).exists()

    def bare(i: int) -> None:
        with transaction.atomic():
            IncomingDocument.objects.create(
                agency=ward,
                arrival_year=1900,
                arrival_number=10_000_000 + i + int(time.perf_counter_ns() % 1_000_000),
                received_at=timezone.now(),
                registered_at=timezone.now(),
                registration_due=timezone.localdate(),
                registered_by=clerk,
                channel="paper",
                issuer_name="Sở Văn hóa",
                issuer_folded="so van hoa",
                subject="Bản ghi thử",
            )

    for i in range(20):  # warm the per-process caches (tree, calendar)
        register(1_000_000 + i)
    per = max(1, args.n // args.rounds)
    ours: list[float] = []
    floor: list[float] = []
    insert: list[float] = []
    for r in range(args.rounds):
        base = r * per
        floor += _times(per, lambda i, base=base: lookup(base + i))
        insert += _times(per, lambda i, base=base: bare(base + i))
        ours += _times(per, lambda i, base=base: register(base + i))
    out(f"\n{per * args.rounds} registrations in {args.rounds} interleaved rounds\n")
    _p50f, p95f = _summary("floor: indexed duplicate look-up", floor)
    _p50i, p95i = _summary("floor: bare insert + commit", insert)
    _p50o, p95o = _summary("incoming_register (with scan)", ours)
    out(
        f"\nregistration p95 {p95o:.1f} ms (target <= {TARGET_P95_MS:.0f} ms: "
        f"{'met' if p95o <= TARGET_P95_MS else 'NOT met'})\n"
        f"ours / look-up (p95): {p95o / p95f:.1f}x   ours / bare insert (p95): "
        f"{p95o / p95i:.1f}x\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
