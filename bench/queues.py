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
import random
import sys
import time
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.test")
django.setup()
# WhiteNoise warns once per handler when collectstatic has not run: not our concern.
warnings.filterwarnings("ignore", message="No directory at")

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from congso.accounts.constants import AgencyKind, AgencyLevel, Role  # noqa: E402
from congso.calendar.worktime import VN_TZ  # noqa: E402
from congso.core.text import fold_vi  # noqa: E402

out = sys.stdout.write

SMALL_N = 1000
CHUNK = 50_000
SLOW_MS = 50.0
TARGET_P95_MS = 150.0

WARDS = [
    "Phong Điền", "Thuận Hóa", "Phú Xuân", "Kim Long", "Vỹ Dạ", "An Cựu",
    "Hương Thủy", "Hương Trà", "Thủy Xuân", "Dương Nỗ", "Thuận An", "Hóa Châu",
    "Mỹ Thượng", "Phú Bài", "Kim Trà", "Hương An", "Phong Thái", "Phong Dinh",
    "Phong Phú", "Phong Quảng", "Đan Điền", "Quảng Điền", "Phú Vinh", "Phú Hồ",
    "Phú Vang", "Vinh Lộc", "Hưng Lộc", "Lộc An", "Phú Lộc", "Chân Mây – Lăng Cô",
    "Long Quảng", "Nam Đông", "Khe Tre", "Bình Điền", "A Lưới 1", "A Lưới 2",
    "A Lưới 3", "A Lưới 4", "A Lưới 5", "Thủy Phù",
]  # fmt: skip
UNITS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa – Xã hội"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long"]
STREETS = ["Tổ dân phố 1", "Tổ dân phố 3", "Thôn Đông Lâm", "Thôn Khánh Mỹ", "Kiệt 12"]

R, S, H, L = (
    Role.RECEPTION_OFFICER,
    Role.SPECIALIST,
    Role.UNIT_HEAD,
    Role.AGENCY_LEADER,
)
# (national code, name, sector, weight %, fee, [(step, role, where, days)]);
# where: "desk" = receiving centre, 0-2 = the commune's unit, "land" = the
# provincial land office (liên thông), "pc" = the commune's People's Committee.
PROCEDURES: list[tuple[str, str, str, int, int, list[tuple[str, str, Any, int]]]] = [
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", 28, 0,
     [("Tiếp nhận", R, "desk", 1), ("Thẩm định", S, 0, 1), ("Ký duyệt", L, "pc", 1)]),
    ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", 34, 2_000,
     [("Tiếp nhận", R, "desk", 1), ("Chứng thực", S, 0, 1), ("Ký", L, "pc", 1)]),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", 8, 0,
     [("Tiếp nhận", R, "desk", 1), ("Thẩm định", S, 0, 2), ("Ký duyệt", L, "pc", 2)]),
    ("2.000575", "Đăng ký hộ kinh doanh", "Kinh tế", 9, 100_000,
     [("Tiếp nhận", R, "desk", 1), ("Thẩm định", S, 1, 1), ("Cấp", L, "pc", 1)]),
    ("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", 7, 75_000,
     [("Tiếp nhận", R, "desk", 1), ("Thẩm định", S, 1, 10), ("Cấp", L, "pc", 4)]),
    ("1.012790", "Đăng ký đất đai, cấp Giấy chứng nhận lần đầu", "Đất đai", 6, 100_000,
     [("Tiếp nhận", R, "desk", 1), ("Kiểm tra hiện trạng", S, 1, 5),
      ("Đăng ký, in Giấy chứng nhận", S, "land", 17), ("Ký duyệt", L, "pc", 7)]),
    ("1.001776", "Trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 8, 0,
     [("Tiếp nhận", R, "desk", 1), ("Thẩm định", S, 2, 10), ("Quyết định", L, "pc", 4)]),
]  # fmt: skip


@dataclass
class Ward:
    index: int
    code: str
    commune: Any
    centre: Any
    units: list[Any]
    users: dict[str, Any] = field(default_factory=dict)


@dataclass
class Org:
    province: Any
    land: Any
    land_users: dict[str, Any]
    wards: list[Ward]
    versions: list[Any]


# -- organisation and catalogue ------------------------------------------------------


def build_org() -> Org:
    """Province, land office, 40 communes/wards with centres, units and officials
    of every role, through the accounts services (audit rows included)."""
    from congso.accounts.tests.factories import agency, official

    province = agency("UBND tỉnh Huế", level=AgencyLevel.PROVINCE, external_code="H57")
    land = agency(
        "Văn phòng Đăng ký đất đai tỉnh",
        parent=province,
        kind=AgencyKind.OTHER_AGENCY,
        level=AgencyLevel.PROVINCE,
        external_code="H57.VPDK",
    )
    land_users = {
        "specialist": official("bq_vpdk_cv", role=S, at=land),
        "head": official("bq_vpdk_tp", role=H, at=land),
    }
    wards = []
    for i, name in enumerate(WARDS):
        prefix = "xã" if i >= 20 else "phường"
        code = f"H57.{i + 1:02d}"
        commune = agency(
            f"UBND {prefix} {name}",
            parent=province,
            level=AgencyLevel.COMMUNE,
            external_code=code,
        )
        centre = agency(
            f"Trung tâm Phục vụ hành chính công {prefix} {name}",
            parent=commune,
            kind=AgencyKind.SERVICE_CENTRE,
            level=AgencyLevel.COMMUNE,
        )
        units = [
            agency(
                unit,
                parent=commune,
                kind=AgencyKind.INTERNAL_UNIT,
                level=AgencyLevel.COMMUNE,
            )
            for unit in UNITS
        ]
        ward = Ward(i, code, commune, centre, units)
        u = f"bq{i:02d}"
        ward.users = {
            "reception": official(f"{u}_motcua", role=R, at=centre),
            "reception2": official(f"{u}_motcua2", role=R, at=centre),
            "leader": official(f"{u}_lanhdao", role=L, at=commune),
            "clerk": official(f"{u}_vanthu", role=Role.DOCUMENT_CLERK, at=commune),
        }
        for k, unit in enumerate(units):
            ward.users[f"specialist{k}"] = official(f"{u}_cv{k}", role=S, at=unit)
            ward.users[f"head{k}"] = official(f"{u}_tp{k}", role=H, at=unit)
        wards.append(ward)
    return Org(province, land, land_users, wards, build_catalogue())


def build_catalogue() -> list[Any]:
    """Published versions of the procedures above; steps without an agency (desk and
    People's Committee steps resolve per dossier, as in ``_plan_steps``)."""
    from congso.calendar.constants import TimeUnit
    from congso.catalog.constants import (
        ComponentForm,
        FeeKind,
        OnlineMode,
        ResultType,
        VersionStatus,
    )
    from congso.catalog.models import (
        Procedure,
        ProcedureComponent,
        ProcedureFee,
        ProcedureStep,
        ProcedureVersion,
    )

    versions = []
    for code, name, sector, _w, fee, steps in PROCEDURES:
        procedure = Procedure.objects.create(
            national_code=code, local_code=f"{code}.000.00.00.H57"
        )
        version = ProcedureVersion.objects.create(
            procedure=procedure,
            valid_from=date(2023, 1, 1),
            status=VersionStatus.PUBLISHED,
            name=name,
            sector=sector,
            level=AgencyLevel.COMMUNE,
            time_limit=sum(s[3] for s in steps),
            time_unit=TimeUnit.WORKING_DAYS,
            result_type=ResultType.BOTH,
            online_mode=OnlineMode.FULL,
        )
        ProcedureComponent.objects.create(
            version=version, order=1, name="Tờ khai", form=ComponentForm.ORIGINAL
        )
        for order, (step, role, _where, days) in enumerate(steps, start=1):
            ProcedureStep.objects.create(
                version=version,
                order=order,
                name=step,
                role=role,
                allowance=days,
                is_interlinked=_where == "land",
            )
        if fee:
            ProcedureFee.objects.create(
                version=version, kind=FeeKind.CHARGE, name="Lệ phí", amount=fee
            )
        versions.append(version)
    return versions


# -- dossier generation --------------------------------------------------------------


def add_workdays(start: datetime, days: float) -> datetime:
    """``start`` plus working days on a Monday-Friday calendar (no holidays)."""
    whole = int(days)
    current = start
    while whole > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            whole -= 1
    return current + timedelta(days=days - int(days))


class Generator:
    """Dossier and step rows in column order, deterministic for a seed."""

    def __init__(
        self, org: Org, *, now: datetime, seed: int, force_open: float = 0.0
    ) -> None:
        from congso.dossiers.models import Dossier, ProcessingStep

        self.org, self.now, self.rng = org, now, random.Random(seed)
        self.force_open = force_open
        self.d_cols = [f.column for f in Dossier._meta.concrete_fields]
        self.s_cols = [f.column for f in ProcessingStep._meta.concrete_fields]
        self.d_fields = [f.attname for f in Dossier._meta.concrete_fields]
        self.s_fields = [f.attname for f in ProcessingStep._meta.concrete_fields]
        # a few big wards: Zipf-like weights, the first ward ~13 % of all dossiers
        self.ward_cum = _cumulative([1 / (i + 1) ** 0.8 for i in range(len(WARDS))])
        self.proc_cum = _cumulative([p[3] for p in PROCEDURES])
        self.names = [
            (f"{f} {m} {g}", fold_vi(f"{f} {m} {g}"))
            for f in FAMILY
            for m in MIDDLE
            for g in GIVEN
        ]
        self.sequence: dict[tuple[int, date], int] = {}
        self.next_id = 1
        self.next_step_id = 1

    def _where(self, ward: Ward, where: Any) -> int:
        if where == "desk":
            return ward.centre.pk
        if where == "pc":
            return ward.commune.pk
        if where == "land":
            return self.org.land.pk
        return ward.units[where].pk

    def _staff(self, ward: Ward, where: Any, role: str) -> int | None:
        if where == "land":
            return self.org.land_users["specialist"].pk
        if isinstance(where, int):
            key = "specialist" if role == S else "head"
            return ward.users[f"{key}{where}"].pk
        return None

    def _received_at(self) -> datetime:
        rng, now = self.rng, self.now
        age = rng.random() * 730
        day = (now - timedelta(days=age)).date()
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        minute = rng.choice([7 * 60 + 30, 13 * 60 + 30]) + rng.randrange(0, 200)
        moment = datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + timedelta(
            minutes=minute
        )
        return min(moment, now - timedelta(minutes=rng.randrange(10, 90)))

    def chunk(self, n: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        rng, now = self.rng, self.now
        wards = rng.choices(self.org.wards, cum_weights=self.ward_cum, k=n)
        procs = rng.choices(range(len(PROCEDURES)), cum_weights=self.proc_cum, k=n)
        dossiers: list[tuple[Any, ...]] = []
        steps: list[tuple[Any, ...]] = []
        for ward, p in zip(wards, procs, strict=True):
            _code, _name, _sector, _w, fee, plan = PROCEDURES[p]
            version = self.org.versions[p]
            received = self._received_at()
            limit = sum(s[3] for s in plan)
            due = add_workdays(received, limit)
            span = due - received
            age = (now - received).total_seconds() / 86400
            open_p = (
                0.85 if age < 7 else 0.6 if age < 20 else 0.04 if age < 60 else 0.002
            )
            d: dict[str, Any] = {
                "received_at": received,
                "clock_start": received,
                "due_at": due,
                "original_due_at": due,
                "finished_at": None,
                "returned_at": None,
                "paused_at": None,
                "resumed_at": None,
                "supplement_count": 0,
                "apology_count": 0,
                "current_agency_id": None,
                "current_role": "",
                "assignee_id": None,
            }
            last = len(plan)
            if rng.random() < max(open_p, self.force_open):
                r = rng.random()
                if age < 1:
                    status = "received" if r < 0.6 else "in_progress"
                else:
                    status = (
                        "received"
                        if r < 0.10
                        else "in_progress"
                        if r < 0.70
                        else "supplement_requested"
                        if r < 0.82
                        else "resolved"
                    )
                current = {
                    "received": 1,
                    "in_progress": rng.randrange(2, last + 1),
                    "supplement_requested": 2,
                    "resolved": last,
                }[status]
                done = current - 1 if status != "resolved" else last
                end = now - timedelta(hours=rng.randrange(1, 8))
                if status == "resolved":
                    d["finished_at"] = end
                    d["current_agency_id"] = ward.centre.pk
                    d["current_role"] = R
                else:
                    _n, role, where, _a = plan[current - 1]
                    d["current_agency_id"] = self._where(ward, where)
                    d["current_role"] = role
                    if status == "in_progress" and rng.random() < 0.5:
                        d["assignee_id"] = self._staff(ward, where, role)
                if status == "supplement_requested":
                    d["paused_at"] = received + (now - received) / 2
                    d["supplement_count"] = 1
                if due < now and status != "resolved" and rng.random() < 0.3:
                    d["apology_count"] = 1
                    d["due_at"] = add_workdays(due, 5)
                finish_line = end
            else:
                r = rng.random()
                status = (
                    "returned"
                    if r < 0.95
                    else "refused"
                    if r < 0.975
                    else "withdrawn"
                    if r < 0.99
                    else "stopped"
                )
                factor = rng.uniform(1.0, 1.6) if rng.random() < 0.08 else rng.random()
                finished = max(
                    received + timedelta(minutes=30),
                    min(received + span * max(factor, 0.05), now - timedelta(hours=2)),
                )
                d["finished_at"] = finished
                if status == "returned":
                    current, done = last, last
                    d["returned_at"] = min(
                        finished + timedelta(hours=rng.randrange(1, 72)), now
                    )
                else:
                    current = done = rng.randrange(1, last + 1)
                    d["current_agency_id"] = ward.centre.pk
                    d["current_role"] = R
                finish_line = finished
            day = timezone.localdate(received)
            seq = self.sequence.get((ward.index, day), 0) + 1
            self.sequence[(ward.index, day)] = seq
            name, folded = rng.choice(self.names)
            d.update(
                id=self.next_id,
                code=f"{ward.code}-{day:%y%m%d}-{seq:04d}",
                receiving_agency_id=ward.centre.pk,
                competent_agency_id=ward.commune.pk,
                procedure_version_id=version.pk,
                status=status,
                channel=rng.choices(
                    ["in_person", "online", "postal"], cum_weights=[60, 95, 100]
                )[0],
                result_delivery="counter",
                applicant_kind="person",
                applicant_name=name,
                applicant_folded=folded,
                personal_id=f"046{rng.randrange(0, 4)}{rng.randrange(10**8):08d}",
                organisation_code="",
                phone=f"09{rng.randrange(10**8):08d}",
                email="",
                address=f"{rng.choice(STREETS)}, {ward.commune.pk}",
                admin_unit_id=None,
                request_summary=_name,
                current_step=current,
                fee_total=fee,
                register_number=None,
                row_version=done + 1,
                created_at=received,
                updated_at=finish_line,
            )
            dossiers.append(tuple(d[f] for f in self.d_fields))
            # steps: finished ones share [received, finish_line] by allowance
            cum = 0
            started = received
            for order, (step_name, role, where, days) in enumerate(plan, start=1):
                cum += days
                step_due = received + span * (cum / limit)
                finished_at = (
                    received + (finish_line - received) * (cum / limit)
                    if order <= done
                    else None
                )
                result = ""
                if finished_at is not None:
                    slack = (step_due - finished_at) / (span * days / limit)
                    result = (
                        "late" if slack < 0 else "on_time" if slack < 0.2 else "early"
                    )
                steps.append(
                    tuple(
                        {
                            "id": self.next_step_id,
                            "dossier_id": self.next_id,
                            "order": order,
                            "name": step_name,
                            "agency_id": self._where(ward, where),
                            "role": role,
                            "allowance": days,
                            "is_interlinked": where == "land",
                            "started_at": started if order <= current else None,
                            "due_at": step_due if order <= current else None,
                            "finished_at": finished_at,
                            "received_by_id": None,
                            "handed_over_by_id": (
                                self._staff(ward, where, role) if finished_at else None
                            ),
                            "result": result,
                            "note": "",
                        }[f]
                        for f in self.s_fields
                    )
                )
                self.next_step_id += 1
                if finished_at is not None:
                    started = finished_at
            self.next_id += 1
        return dossiers, steps


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for w in weights:
        total += w
        result.append(total)
    return result


def load(
    org: Org, n: int, *, now: datetime, seed: int, force_open: float = 0.0
) -> float:
    """Write n dossiers with their steps; ANALYZE. Returns seconds."""
    from congso.dossiers.models import Dossier, ProcessingStep

    gen = Generator(org, now=now, seed=seed, force_open=force_open)
    start = time.perf_counter()
    pg = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if pg:
            # Skip the deferred FK triggers for the load (generated rows are
            # consistent); unique constraints and indexes stay on.
            cursor.execute("SET session_replication_role = replica")
        done = 0
        while done < n:
            size = min(CHUNK, n - done)
            dossiers, steps = gen.chunk(size)
            if pg:
                _copy(cursor, Dossier._meta.db_table, gen.d_cols, dossiers)
                _copy(cursor, ProcessingStep._meta.db_table, gen.s_cols, steps)
            else:
                Dossier.objects.bulk_create(
                    [
                        Dossier(**dict(zip(gen.d_fields, r, strict=True)))
                        for r in dossiers
                    ],
                    batch_size=5000,
                )
                ProcessingStep.objects.bulk_create(
                    [
                        ProcessingStep(**dict(zip(gen.s_fields, r, strict=True)))
                        for r in steps
                    ],
                    batch_size=5000,
                )
            done += size
            if n > CHUNK:
                out(f"  … {done:>9,} dossiers  {time.perf_counter() - start:6.1f} s\n")
        if pg:
            cursor.execute("SET session_replication_role = DEFAULT")
            for model in (Dossier, ProcessingStep):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


def _copy(cursor: Any, table: str, cols: list[str], rows: list[tuple[Any, ...]]):
    columns = ", ".join(f'"{c}"' for c in cols)
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def wipe() -> None:
    """Remove all dossiers (between the small and the big run)."""
    from congso.dossiers.models import Dossier, ProcessingStep

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"TRUNCATE {Dossier._meta.db_table}, {ProcessingStep._meta.db_table} "
                "RESTART IDENTITY CASCADE"
            )
    else:
        ProcessingStep.objects.all().delete()
        Dossier.objects.all().delete()


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
