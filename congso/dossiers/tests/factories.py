"""A small one-stop world for dossier tests: a commune People's Committee with its
service centre and a culture–social office, a district land office and a tax office
for liên thông, officials for every role, and a published procedure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from congso.accounts.constants import AgencyKind, AgencyLevel, Role
from congso.accounts.models import Agency, User
from congso.accounts.tests.factories import agency, official
from congso.calendar.constants import TimeUnit
from congso.calendar.worktime import VN_TZ
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
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier
from congso.dossiers.services import (
    ApplicantData,
    ComponentData,
    Reception,
    dossier_receive,
    dossier_transition,
)


@dataclass
class OneStop:
    commune: Agency
    centre: Agency
    office: Agency
    land_office: Agency
    other_commune: Agency
    users: dict[str, User]


def build_one_stop() -> OneStop:
    commune = agency(
        "UBND phường Phong Điền", level=AgencyLevel.COMMUNE, external_code="H57.10.01"
    )
    centre = agency(
        "Trung tâm Phục vụ hành chính công phường Phong Điền",
        parent=commune,
        kind=AgencyKind.SERVICE_CENTRE,
        level=AgencyLevel.COMMUNE,
    )
    office = agency(
        "Phòng Văn hóa – Xã hội",
        parent=commune,
        kind=AgencyKind.INTERNAL_UNIT,
        level=AgencyLevel.COMMUNE,
    )
    land = agency(
        "Văn phòng Đăng ký đất đai",
        kind=AgencyKind.OTHER_AGENCY,
        level=AgencyLevel.PROVINCE,
        external_code="H57.VPDK",
    )
    other = agency(
        "UBND phường Phong Thái", level=AgencyLevel.COMMUNE, external_code="H57.10.02"
    )
    users = {
        "reception": official("motcua", role=Role.RECEPTION_OFFICER, at=centre),
        "specialist": official("chuyenvien", role=Role.SPECIALIST, at=office),
        "leader": official("lanhdao", role=Role.AGENCY_LEADER, at=commune),
        "land": official("diachinh", role=Role.SPECIALIST, at=land),
        "land_head": official("truongvp", role=Role.UNIT_HEAD, at=land),
        "other_reception": official("motcua2", role=Role.RECEPTION_OFFICER, at=other),
    }
    return OneStop(commune, centre, office, land, other, users)


def build_procedure(
    *,
    steps: list[tuple[str, str, Agency | None, int, bool]],
    limit: int | None = None,
    unit: str = TimeUnit.WORKING_DAYS,
    code: str = "1.001193",
    cutoff: time | None = None,
    fees: tuple[int, ...] = (),
) -> ProcedureVersion:
    """A published version with two components (one required) and the given steps
    ``(name, role, agency or None, allowance, interlinked)``."""
    procedure = Procedure.objects.create(
        national_code=code, local_code=f"{code}.000.00.00.H57"
    )
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        valid_from=date(2025, 7, 1),
        status=VersionStatus.PUBLISHED,
        name="Đăng ký khai sinh",
        sector="Hộ tịch",
        level=AgencyLevel.COMMUNE,
        time_limit=limit if limit is not None else sum(s[3] for s in steps),
        time_unit=unit,
        cutoff_time=cutoff,
        result_type=ResultType.BOTH,
        online_mode=OnlineMode.FULL,
    )
    ProcedureComponent.objects.create(
        version=version,
        order=1,
        name="Tờ khai đăng ký khai sinh",
        form=ComponentForm.ORIGINAL,
    )
    ProcedureComponent.objects.create(
        version=version,
        order=2,
        name="Giấy chứng sinh",
        form=ComponentForm.ORIGINAL,
        required=False,
    )
    for order, (name, role, at, allowance, interlinked) in enumerate(steps, start=1):
        ProcedureStep.objects.create(
            version=version,
            order=order,
            name=name,
            role=role,
            agency=at,
            allowance=allowance,
            is_interlinked=interlinked,
        )
    for amount in fees:
        ProcedureFee.objects.create(
            version=version, kind=FeeKind.CHARGE, name="Lệ phí", amount=amount
        )
    return version


def reception(version: ProcedureVersion, **applicant: str) -> Reception:
    required = version.components.get(order=1)
    return Reception(
        version=version,
        applicant=ApplicantData(
            kind=applicant.get("kind", "person"),
            name=applicant.get("name", "Nguyễn Văn An"),
            personal_id=applicant.get("personal_id", "046090001234"),
            phone=applicant.get("phone", "0912 345 678"),
            address=applicant.get(
                "address", "Tổ dân phố 3, phường Phong Điền, thành phố Huế"
            ),
        ),
        components=[
            ComponentData(
                name=required.name, form=required.form, component_id=required.pk
            )
        ],
    )


def at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def three_steps(one_stop: OneStop):
    """Desk → culture-social office (specialist) → commune leader."""
    return build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Thẩm định", Role.SPECIALIST, one_stop.office, 2, False),
            ("Phê duyệt", Role.AGENCY_LEADER, one_stop.commune, 1, False),
        ]
    )


def receive(one_stop: OneStop, version, now: datetime | None = None, **applicant):
    return dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version, **applicant),
        actor=one_stop.users["reception"],
        now=now,
    )


def advance(one_stop: OneStop, dossier: Dossier, stage: str, now=None) -> Dossier:
    """Walk a received dossier to ``stage``: handle, approve or return."""
    u = one_stop.users
    path = [
        ("handle", A.FORWARD, "reception"),
        ("approve", A.HAND_OVER, "specialist"),
        ("return", A.RESOLVE, "leader"),
    ]
    for name, action, who in path:
        dossier = dossier_transition(
            dossier=dossier, action=action, actor=u[who], now=now
        )
        if name == stage:
            break
    return dossier
