"""Bench data shared by ``bench.queues`` and ``bench.lookup``: a province of 40
communes and wards (each a People's Committee with its service centre, three internal
units and officials of every role), a provincial land registration office for the
interlinked land procedure, seven published procedures, and N dossiers written in
bulk (PostgreSQL ``COPY`` through psycopg, ``bulk_create`` on SQLite).

The rows are what the services would have left (see ``bench/queues.py``): codes
``{commune code}-{yymmdd}-{nnnn}``, appointments on a weekday-only calendar, a
realistic status mix, one ``ProcessingStep`` row per process step for every dossier
and, with ``events=True`` (the lookup bench), the ``DossierEvent`` timeline: reception,
forwarding and hand-overs at the steps' hand-over times, supplement requests and
apologies of open work, the result, its return, refusals, stops and withdrawals, with
the officers' names and notes an official timeline carries.

Django must be set up before this module is imported.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone
from psycopg.types.json import Jsonb

from congso.accounts.constants import AgencyKind, AgencyLevel, Role
from congso.calendar.worktime import VN_TZ
from congso.core.text import fold_vi

out = sys.stdout.write
Row = tuple[Any, ...]

CHUNK = 50_000

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
# What an official timeline carries beside the public facts (the lookup bench checks
# that none of it reaches the public page).
OFFICERS = ["Trần Thị Mai", "Lê Quang Vinh", "Hoàng Minh Đức", "Phan Thị Thu Hà"]
INTERNAL_NOTES = ["", "", "", "Đã kiểm tra đủ thành phần", "Chuyển gấp theo chỉ đạo"]
SUPPLEMENT_REASONS = [
    "Bổ sung bản sao giấy khai sinh có chứng thực",
    "Tờ khai thiếu chữ ký của người yêu cầu",
    "Bản vẽ hiện trạng chưa có xác nhận của đơn vị đo đạc",
]
REFUSAL_REASONS = [
    "Không thuộc thẩm quyền giải quyết của phường",
    "Người yêu cầu không đủ điều kiện theo quy định",
]
STOP_REASONS = ["Người yêu cầu đề nghị dừng giải quyết"]

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
    """Dossier, step and (with ``events``) event rows in column order,
    deterministic for a seed. Events draw from their own random stream, so the
    dossiers and steps are the same with or without them."""

    def __init__(
        self,
        org: Org,
        *,
        now: datetime,
        seed: int,
        force_open: float = 0.0,
        events: bool = False,
    ) -> None:
        from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep

        self.org, self.now, self.rng = org, now, random.Random(seed)
        self.force_open = force_open
        self.events, self.event_rng = events, random.Random(seed + 1)
        self.d_cols = [f.column for f in Dossier._meta.concrete_fields]
        self.s_cols = [f.column for f in ProcessingStep._meta.concrete_fields]
        self.e_cols = [f.column for f in DossierEvent._meta.concrete_fields]
        self.d_fields = [f.attname for f in Dossier._meta.concrete_fields]
        self.s_fields = [f.attname for f in ProcessingStep._meta.concrete_fields]
        self.e_fields = [f.attname for f in DossierEvent._meta.concrete_fields]
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
        self.next_event_id = 1

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

    def chunk(self, n: int) -> tuple[list[Row], list[Row], list[Row]]:
        rng, now = self.rng, self.now
        wards = rng.choices(self.org.wards, cum_weights=self.ward_cum, k=n)
        procs = rng.choices(range(len(PROCEDURES)), cum_weights=self.proc_cum, k=n)
        dossiers: list[Row] = []
        steps: list[Row] = []
        events: list[Row] = []
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
                citizen_id=None,
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
            hand_overs: list[datetime] = []
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
                    hand_overs.append(finished_at)
            if self.events:
                agencies = [self._where(ward, where) for _s, _r, where, _d in plan]
                events += self._timeline(d, agencies, hand_overs, done)
            self.next_id += 1
        return dossiers, steps, events

    def _timeline(
        self,
        d: dict[str, Any],
        agencies: list[int],
        hand_overs: list[datetime],
        done: int,
    ) -> list[Row]:
        """The events ``dossier_transition`` would have written for this dossier."""
        rng, rows = self.event_rng, []
        status, last, centre = d["status"], len(agencies), d["receiving_agency_id"]

        def add(
            at: datetime,
            action: str,
            before: str,
            after: str,
            agency: Any,
            note: str = "",
            data: dict[str, str] | None = None,
        ) -> None:
            values = {
                "id": self.next_event_id,
                "dossier_id": d["id"],
                "occurred_at": at,
                "action": action,
                "from_status": before,
                "to_status": after,
                "actor_id": None,
                "actor_label": rng.choice(OFFICERS),
                "agency_id": agency,
                "reason_code": "",
                "note": note,
                "data": data or {},
            }
            rows.append(tuple(values[f] for f in self.e_fields))
            self.next_event_id += 1

        received = d["received_at"]
        add(
            received,
            "receive",
            "",
            "received",
            agencies[0],
            data={"due_at": d["original_due_at"].isoformat()},
        )
        ending = {"refused": "refuse", "withdrawn": "withdraw", "stopped": "stop"}
        for order, moment in enumerate(hand_overs, start=1):
            note = rng.choice(INTERNAL_NOTES)
            if status in ending and order == done:
                break
            if order == last:
                add(moment, "resolve", "in_progress", "resolved", centre, note)
            elif order == 1:
                add(moment, "forward", "received", "in_progress", agencies[1], note)
            else:
                add(
                    moment,
                    "hand_over",
                    "in_progress",
                    "in_progress",
                    agencies[order],
                    note,
                )
        if status == "supplement_requested":
            add(
                d["paused_at"],
                "request_supplement",
                "in_progress",
                status,
                d["current_agency_id"],
                rng.choice(SUPPLEMENT_REASONS),
            )
        if d["apology_count"]:
            add(
                d["original_due_at"] - timedelta(days=1),
                "apologise",
                "in_progress",
                "in_progress",
                d["current_agency_id"],
                "Chờ xác minh liên thông",
                data={"new_due_at": d["due_at"].isoformat()},
            )
        if status == "returned":
            add(d["returned_at"], "return_result", "resolved", status, None)
        if status in ending:
            reasons = {"refused": REFUSAL_REASONS, "stopped": STOP_REASONS}
            add(
                d["finished_at"],
                ending[status],
                "received" if done == 1 else "in_progress",
                status,
                centre,
                rng.choice(reasons.get(status, [""])),
            )
        return rows


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for w in weights:
        total += w
        result.append(total)
    return result


def load(
    org: Org,
    n: int,
    *,
    now: datetime,
    seed: int,
    force_open: float = 0.0,
    events: bool = False,
) -> float:
    """Write n dossiers with their steps (and events); ANALYZE. Returns seconds."""
    from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep

    gen = Generator(org, now=now, seed=seed, force_open=force_open, events=events)
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
            dossiers, steps, timeline = gen.chunk(size)
            if pg:
                _copy(cursor, Dossier._meta.db_table, gen.d_cols, dossiers)
                _copy(cursor, ProcessingStep._meta.db_table, gen.s_cols, steps)
                _copy(cursor, DossierEvent._meta.db_table, gen.e_cols, timeline, True)
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
                DossierEvent.objects.bulk_create(
                    [
                        DossierEvent(**dict(zip(gen.e_fields, r, strict=True)))
                        for r in timeline
                    ],
                    batch_size=5000,
                )
            done += size
            if n > CHUNK:
                out(f"  … {done:>9,} dossiers  {time.perf_counter() - start:6.1f} s\n")
        if pg:
            cursor.execute("SET session_replication_role = DEFAULT")
            for model in (Dossier, ProcessingStep, DossierEvent):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


def _copy(
    cursor: Any, table: str, cols: list[str], rows: list[Row], json: bool = False
) -> None:
    """COPY rows in; ``json``: dict values go to jsonb columns."""
    columns = ", ".join(f'"{c}"' for c in cols)
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            if json:
                row = tuple(Jsonb(v) if isinstance(v, dict) else v for v in row)
            copy.write_row(row)


def wipe() -> None:
    """Remove all dossiers (between the small and the big run)."""
    from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep

    if connection.vendor == "postgresql":
        tables = [m._meta.db_table for m in (Dossier, ProcessingStep, DossierEvent)]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        DossierEvent.objects.all().delete()
        ProcessingStep.objects.all().delete()
        Dossier.objects.all().delete()


# -- the lookup's read model -----------------------------------------------------------

VIEW_BATCH = 1_000


def _view_rows(ids: list[int], now: datetime) -> int:
    """Render the read model's rows of these dossiers and write them in."""
    from congso.portal.models import PublicDossierView
    from congso.portal.public_view import public_view_rebuild, public_view_rows

    if connection.vendor != "postgresql":
        return public_view_rebuild(ids=ids, now=now)
    cols = [
        "dossier_id",
        "code",
        "row_version",
        "rendering",
        "language",
        "due_at",
        "original_due_at",
        "finished_at",
        "supplement_count",
        "page",
        "body",
        "built_at",
    ]
    done = 0
    with connection.cursor() as cursor:
        for start in range(0, len(ids), VIEW_BATCH):
            rows = public_view_rows(ids=ids[start : start + VIEW_BATCH], now=now)
            _copy(
                cursor,
                PublicDossierView._meta.db_table,
                cols,
                [tuple(getattr(r, c) for c in cols) for r in rows],
            )
            done += len(rows)
    return done


def _view_worker(ids: list[int], now: datetime) -> int:
    connection.close()  # a fresh connection of this process's own
    try:
        return _view_rows(ids, now)
    finally:
        connection.close()


def build_public_view(*, now: datetime, workers: int = 2) -> float:
    """The lookup's read model (``portal.PublicDossierView``) for every dossier, as
    ``manage.py portal_public_view_rebuild`` would write it: three queries and one
    rendering per batch, COPY on PostgreSQL, ``workers`` processes. Seconds."""
    import multiprocessing

    from congso.dossiers.models import Dossier
    from congso.portal.models import PublicDossierView

    start = time.perf_counter()
    PublicDossierView.objects.all().delete()
    ids = list(Dossier.objects.order_by("id").values_list("id", flat=True))
    if connection.vendor != "postgresql" or workers <= 1 or len(ids) < 10 * VIEW_BATCH:
        _view_rows(ids, now)
    else:
        # Slices of VIEW_BATCH × 10 ids, dealt to the workers as they finish.
        size = VIEW_BATCH * 10
        slices = [ids[i : i + size] for i in range(0, len(ids), size)]
        connection.close()  # not shared with the children
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = 0
            for count in pool.starmap(_view_worker, [(s, now) for s in slices]):
                done += count
        if len(ids) > CHUNK:
            out(f"  … {done:>9,} public views  {time.perf_counter() - start:6.1f} s\n")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {PublicDossierView._meta.db_table}")
    return time.perf_counter() - start
