"""Test builders for the catalogue, going through the real services."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from congso.accounts.constants import AgencyLevel, Role
from congso.catalog import services
from congso.catalog.models import Procedure, ProcedureVersion

START = date(2025, 7, 1)


def version_data(
    *,
    valid_from: date = START,
    name: str = "Đăng ký khai sinh",
    time_limit: int = 3,
    allowances: tuple[int, ...] = (1, 2),
    **extra: Any,
) -> services.VersionData:
    fields: dict[str, Any] = {
        "valid_from": valid_from,
        "name": name,
        "sector": "Tư pháp",
        "field": "Hộ tịch",
        "level": AgencyLevel.COMMUNE,
        "time_limit": time_limit,
        "time_unit": "working_days",
        "result_type": "both",
        "online_mode": "full",
        "cutoff_time": time(15, 0),
        "legal_basis": "Luật Hộ tịch 2014",
        "components": (
            services.ComponentData(name="Tờ khai", form="original"),
            services.ComponentData(name="Giấy chứng sinh", form="original_or_copy"),
        ),
        "steps": tuple(
            services.StepData(
                name=f"Bước {i}",
                role=Role.SPECIALIST if i > 1 else Role.RECEPTION_OFFICER,
                allowance=a,
            )
            for i, a in enumerate(allowances, start=1)
        ),
        "fees": (services.FeeData(kind="fee", name="Phí", amount=8000),),
        "reasons": (
            services.ReasonData(kind="refusal", code="TC01", text="Không đủ điều kiện"),
        ),
    }
    fields.update(extra)
    return services.VersionData(**fields)


def procedure(code: str = "1.001193") -> Procedure:
    return services.procedure_create(
        national_code=code, local_code=f"{code}.000.00.00.H57", actor=None
    )


def published(proc: Procedure | None = None, **kwargs: Any) -> ProcedureVersion:
    version = services.procedure_version_create(
        procedure=proc or procedure(), data=version_data(**kwargs), actor=None
    )
    return services.procedure_version_publish(version=version, actor=None)
