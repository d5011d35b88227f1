"""The Phong Điền demo organisation (dữ liệu mẫu): Thừa Thiên Huế as it was in 2022,
its 2025 upgrade to Thành phố Huế and thị xã Phong Điền, and the wards that succeeded
Phong Điền on 1/7/2025 — with officials for every role in both structures.

Built only through the services, so the demo also exercises validation and audit.
Identifiers marked ``[demo]`` in docs/subsystems/organisation.md are illustrative."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from congso.accounts import services
from congso.accounts.constants import (
    AgencyKind,
    AgencyLevel,
    LineageKind,
    Role,
    ScopeKind,
)
from congso.accounts.models import (
    AdminUnit,
    AdminUnitLineage,
    Agency,
    AgencyVersion,
    User,
)

FIXTURE = Path(__file__).parent / "data" / "admin_units_hue.json"
DEMO_PASSWORD = "CongSo@2025"  # noqa: S105  # printed by demo_logins; demo data only
OLD_START = date(2015, 1, 1)
UPGRADE = date(2025, 1, 1)
TWO_TIER = date(2025, 7, 1)
NEW_WARDS = ["Phong Điền", "Phong Thái", "Phong Dinh", "Phong Phú", "Phong Quảng"]
DISTRICT_OFFICES = [
    ("Văn phòng HĐND và UBND huyện Phong Điền", "VP"),
    ("Phòng Tư pháp", "TP"),
    ("Phòng Tài nguyên và Môi trường", "TNMT"),
    ("Phòng Kinh tế – Hạ tầng", "KTHT"),
    ("Phòng Tài chính – Kế hoạch", "TCKH"),
    ("Phòng Nội vụ", "NV"),
    ("Phòng Lao động – Thương binh và Xã hội", "LĐTBXH"),
    ("Phòng Văn hóa và Thông tin", "VHTT"),
    ("Phòng Nông nghiệp và Phát triển nông thôn", "NNPTNT"),
]
WARD_UNITS = [
    ("Văn phòng HĐND và UBND", "VP"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"),
    ("Phòng Văn hóa – Xã hội", "VHXH"),
]


@dataclass(frozen=True)
class DemoOfficial:
    username: str
    full_name: str
    role: str
    old_agency: str  # key in the 2022 structure
    old_title: str
    new_agency: str  # key in the structure from 1/7/2025
    new_title: str


OFFICIALS = [
    DemoOfficial(
        "quantri",
        "Nguyễn Văn Quản",
        Role.SYSTEM_ADMIN,
        "province",
        "Quản trị hệ thống",
        "city",
        "Quản trị hệ thống",
    ),
    DemoOfficial(
        "lanhdao",
        "Trần Thị Lan",
        Role.AGENCY_LEADER,
        "district",
        "Chủ tịch UBND huyện",
        "ward:Phong Điền",
        "Chủ tịch UBND phường",
    ),
    DemoOfficial(
        "truongphong",
        "Lê Văn Trường",
        Role.UNIT_HEAD,
        "office:TP",
        "Trưởng phòng Tư pháp",
        "ward:Phong Điền:VHXH",
        "Trưởng phòng Văn hóa – Xã hội",
    ),
    DemoOfficial(
        "chuyenvien",
        "Phạm Thị Hoa",
        Role.SPECIALIST,
        "office:TP",
        "Chuyên viên",
        "ward:Phong Điền:VHXH",
        "Chuyên viên",
    ),
    DemoOfficial(
        "motcua",
        "Hoàng Văn Minh",
        Role.RECEPTION_OFFICER,
        "centre",
        "Công chức một cửa",
        "ward:Phong Điền:centre",
        "Công chức tiếp nhận",
    ),
    DemoOfficial(
        "vanthu",
        "Đặng Thị Thu",
        Role.DOCUMENT_CLERK,
        "district",
        "Văn thư",
        "ward:Phong Điền",
        "Văn thư",
    ),
    DemoOfficial(
        "chuyenvien.phongthai",
        "Võ Văn Thái",
        Role.SPECIALIST,
        "office:TNMT",
        "Chuyên viên",
        "ward:Phong Thái:KTHTĐT",
        "Chuyên viên",
    ),
]


@dataclass(frozen=True)
class DemoCitizen:
    """A person known to the demo e-identity provider (VNeID mô phỏng)."""

    personal_id: str
    full_name: str
    birth_date: date
    email: str
    phone: str
    address: str


CITIZEN_PASSWORD = "VNeID@2025"  # noqa: S105  # printed by demo_logins; demo data only
#: A local citizen account (e-mail + password, e-mail verified), made by the
#: portal's demo loader with an online dossier; printed by demo_logins.
LOCAL_CITIZEN_EMAIL = "lethihoa@example.vn"
LOCAL_CITIZEN_PASSWORD = "CongDan@2025"  # noqa: S105  # demo data only
CITIZENS = [
    DemoCitizen(
        "046090001234",
        "Nguyễn Văn An",
        date(1990, 3, 12),
        "nguyenvanan@example.vn",
        "0905123456",
        "12 Lê Lợi, phường Phú Hội, thành phố Huế, tỉnh Thừa Thiên Huế",
    ),
    DemoCitizen(
        "046185002345",
        "Trần Thị Bích Ngọc",
        date(1985, 11, 2),
        "tranthibichngoc@example.vn",
        "0914234567",
        "Thôn Vĩnh Nguyên, xã Phong Hòa, huyện Phong Điền, tỉnh Thừa Thiên Huế",
    ),
    DemoCitizen(
        "046078003456",
        "Lê Quang Huy",
        date(1978, 6, 25),
        "lequanghuy@example.vn",
        "0935345678",
        "45 Nguyễn Huệ, phường Vĩnh Ninh, thành phố Huế, tỉnh Thừa Thiên Huế",
    ),
    DemoCitizen(
        "046199004567",
        "Hồ Thị Mai Phương",
        date(1999, 1, 17),
        "hothimaiphuong@example.vn",
        "0389456789",
        "Tổ dân phố Trạch Tả, thị trấn Phong Điền, huyện Phong Điền, "
        "tỉnh Thừa Thiên Huế",
    ),
]


def citizens_demo_load() -> int:
    """The demo provider's people and the portal's client record (idempotent).
    Nothing when the demo provider is off. Returns the number of people."""
    if not settings.CITIZEN_OIDC_SIMULATOR:
        return 0
    from congso.accounts.contrib.vneid_sim.services import (
        portal_client_ensure,
        simulated_identity_ensure,
    )

    with transaction.atomic():
        for c in CITIZENS:
            simulated_identity_ensure(
                personal_id=c.personal_id,
                full_name=c.full_name,
                password=CITIZEN_PASSWORD,
                email=c.email,
                phone=c.phone,
                address=c.address,
                birth_date=c.birth_date,
            )
        bases = [settings.PUBLIC_BASE_URL] if settings.PUBLIC_BASE_URL else []
        portal_client_ensure(
            base_urls=[*bases, "http://127.0.0.1:8000", "http://localhost:8000"]
        )
    return len(CITIZENS)


class DemoLoader:
    """Idempotent: a second run changes nothing."""

    def __init__(self) -> None:
        self.units: dict[str, AdminUnit] = {}
        self.agencies: dict[str, Agency] = {}

    def run(self) -> bool:
        if AgencyVersion.objects.filter(name="UBND huyện Phong Điền").exists():
            return False
        with transaction.atomic():
            self.load_admin_units()
            self.build_2022()
            self.create_officials()
            self.build_2025()
            self.reassign_after_upgrade()
            self.build_two_tier()
            self.reassign_two_tier()
        return True

    # Administrative units ----------------------------------------------------
    def load_admin_units(self) -> None:
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        meta = data["meta"]
        pending = list(data["units"])
        while pending:  # parents first
            rest = []
            for u in pending:
                parent_key = u.get("parent")
                if parent_key and parent_key not in self.units:
                    rest.append(u)
                    continue
                self.units[u["key"]], _ = AdminUnit.objects.update_or_create(
                    key=u["key"],
                    defaults={
                        "code": u["code"],
                        "name": u["name"],
                        "kind": u["kind"],
                        "parent": self.units.get(parent_key) if parent_key else None,
                        "valid_from": _date(u.get("valid_from")),
                        "valid_to": _date(u.get("valid_to")),
                        "source": meta.get("source", ""),
                        "source_version": meta.get("source_version", ""),
                    },
                )
            if len(rest) == len(pending):
                raise ValueError("admin unit fixture has unknown parents")
            pending = rest
        for link in data["lineage"]:
            AdminUnitLineage.objects.get_or_create(
                old_unit=self.units[link["old"]],
                new_unit=self.units[link["new"]],
                defaults={
                    "effective_date": _date(link["effective_date"]),
                    "share": link.get("share", "whole"),
                    "legal_basis": link.get("legal_basis", ""),
                },
            )

    def unit(
        self, *, kind: str | tuple[str, ...], name_part: str, open_on: date
    ) -> AdminUnit | None:
        kinds = (kind,) if isinstance(kind, str) else kind
        for u in self.units.values():
            if u.kind in kinds and name_part in u.name and _open(u, open_on):
                return u
        return None

    def legacy_communes(self) -> list[AdminUnit]:
        district = self.unit(
            kind="district", name_part="Phong Điền", open_on=date(2022, 6, 1)
        )
        if district is None:
            return []
        return sorted(
            (
                u
                for u in self.units.values()
                if u.parent_id == district.pk and _open(u, date(2022, 6, 1))
            ),
            key=lambda u: u.code,
        )

    # Agencies -------------------------------------------------------------------
    def add(self, key: str, valid_from: date, **fields: Any) -> Agency:
        parent = fields.pop("parent", None)
        agency = services.agency_create(
            data=services.AgencyData(
                parent=self.agencies[parent] if parent else None, **fields
            ),
            valid_from=valid_from,
            actor=None,
        )
        self.agencies[key] = agency
        return agency

    def build_2022(self) -> None:
        province_unit = self.unit(
            kind="province", name_part="Thừa Thiên Huế", open_on=date(2022, 6, 1)
        )
        district_unit = self.unit(
            kind="district", name_part="Phong Điền", open_on=date(2022, 6, 1)
        )
        self.add(
            "province",
            OLD_START,
            name="UBND tỉnh Thừa Thiên Huế",
            short_name="UBND",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.PROVINCE,
            admin_unit=province_unit,
            electronic_id="000.00.00.H57",
            external_code="H57",
        )
        self.add(
            "province:STNMT",
            OLD_START,
            parent="province",
            name="Sở Tài nguyên và Môi trường tỉnh Thừa Thiên Huế",
            short_name="STNMT",
            kind=AgencyKind.SPECIALISED_AGENCY,
            level=AgencyLevel.PROVINCE,
            admin_unit=province_unit,
            electronic_id="000.00.15.H57",
            external_code="H57.15",
        )
        self.add(
            "district",
            OLD_START,
            parent="province",
            name="UBND huyện Phong Điền",
            short_name="UBND",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.DISTRICT,
            admin_unit=district_unit,
            electronic_id="000.00.25.H57",
            external_code="H57.25",
            address="Thị trấn Phong Điền, huyện Phong Điền, tỉnh Thừa Thiên Huế",
        )
        self.add(
            "centre",
            OLD_START,
            parent="district",
            name="Trung tâm Hành chính công huyện Phong Điền",
            short_name="TTHCC",
            kind=AgencyKind.SERVICE_CENTRE,
            level=AgencyLevel.DISTRICT,
            admin_unit=district_unit,
            external_code="H57.25.TTHCC",
        )
        self.add(
            "centre:desk",
            OLD_START,
            parent="centre",
            name="Bộ phận Tiếp nhận và Trả kết quả",
            kind=AgencyKind.INTERNAL_UNIT,
            level=AgencyLevel.DISTRICT,
        )
        for index, (name, short) in enumerate(DISTRICT_OFFICES, start=1):
            self.add(
                f"office:{short}",
                OLD_START,
                parent="district",
                name=name,
                short_name=short,
                kind=AgencyKind.SPECIALISED_AGENCY,
                level=AgencyLevel.DISTRICT,
                admin_unit=district_unit,
                electronic_id=f"{index:03d}.00.25.H57",
            )
        for index, commune in enumerate(self.legacy_communes(), start=1):
            self.add(
                f"commune:{commune.code}",
                OLD_START,
                parent="district",
                name=f"UBND {commune.name[0].lower()}{commune.name[1:]}",
                short_name="UBND",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                level=AgencyLevel.COMMUNE,
                admin_unit=commune,
                electronic_id=f"000.{index:02d}.25.H57",
            )

    def build_2025(self) -> None:
        """1/1/2025: the province becomes Thành phố Huế and the district thị xã Phong Điền."""
        city_unit = self.unit(
            kind=("city", "province"), name_part="Huế", open_on=UPGRADE
        )
        town_unit = self.unit(kind="town", name_part="Phong Điền", open_on=UPGRADE)
        self.add(
            "city",
            UPGRADE,
            name="UBND thành phố Huế",
            short_name="UBND",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.PROVINCE,
            admin_unit=city_unit,
            electronic_id="000.00.00.H57",
            external_code="H57",
            legal_basis="Nghị quyết 175/2024/QH15",
        )
        services.agency_version_change(
            agency=self.agencies["province:STNMT"],
            effective_date=UPGRADE,
            actor=None,
            changes={
                "parent": self.agencies["city"],
                "name": "Sở Tài nguyên và Môi trường thành phố Huế",
            },
        )
        self.add(
            "town",
            UPGRADE,
            parent="city",
            name="UBND thị xã Phong Điền",
            short_name="UBND",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.DISTRICT,
            admin_unit=town_unit,
            electronic_id="000.00.25.H57",
            external_code="H57.25",
            legal_basis="Nghị quyết 1314/NQ-UBTVQH15",
        )
        for key in ["centre", *[f"office:{s}" for _, s in DISTRICT_OFFICES]]:
            changes: dict[str, Any] = {"parent": self.agencies["town"]}
            if key == "centre":
                changes["name"] = "Trung tâm Hành chính công thị xã Phong Điền"
            if key == "office:VP":
                changes["name"] = "Văn phòng HĐND và UBND thị xã Phong Điền"
            services.agency_version_change(
                agency=self.agencies[key],
                effective_date=UPGRADE,
                changes=changes,
                actor=None,
            )
        self.rearrange_communes()
        services.agency_succeed(
            predecessors=[self.agencies["province"]],
            successors=[self.agencies["city"]],
            kind=LineageKind.UPGRADE,
            effective_date=UPGRADE,
            legal_basis="Nghị quyết 175/2024/QH15",
            actor=None,
        )
        services.agency_succeed(
            predecessors=[self.agencies["district"]],
            successors=[self.agencies["town"]],
            kind=LineageKind.UPGRADE,
            effective_date=UPGRADE,
            legal_basis="Nghị quyết 1314/NQ-UBTVQH15",
            actor=None,
        )

    def build_two_tier(self) -> None:
        """1/7/2025: the district tier ceases; five wards of Thành phố Huế succeed it."""
        basis = "Nghị quyết 1675/NQ-UBTVQH15"
        wards = []
        for index, ward in enumerate(NEW_WARDS, start=1):
            unit = self.unit(kind="ward", name_part=f"Phường {ward}", open_on=TWO_TIER)
            key = f"ward:{ward}"
            self.add(
                key,
                TWO_TIER,
                parent="city",
                name=f"UBND phường {ward}",
                short_name="UBND",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                level=AgencyLevel.COMMUNE,
                admin_unit=unit,
                electronic_id=f"{index:03d}.10.00.H57",
                legal_basis=basis,
            )
            self.add(
                f"{key}:centre",
                TWO_TIER,
                parent=key,
                name=f"Trung tâm Phục vụ hành chính công phường {ward}",
                short_name="TTPVHCC",
                kind=AgencyKind.SERVICE_CENTRE,
                level=AgencyLevel.COMMUNE,
                admin_unit=unit,
            )
            for name, short in WARD_UNITS:
                self.add(
                    f"{key}:{short}",
                    TWO_TIER,
                    parent=key,
                    name=name,
                    short_name=short,
                    kind=AgencyKind.INTERNAL_UNIT,
                    level=AgencyLevel.COMMUNE,
                )
            wards.append(self.agencies[key])
        services.agency_succeed(
            predecessors=[self.agencies["town"]],
            successors=wards,
            kind=LineageKind.SPLIT,
            effective_date=TWO_TIER,
            legal_basis=basis,
            actor=None,
        )
        offices = [
            self.agencies["centre"],
            *(self.agencies[f"office:{s}"] for _, s in DISTRICT_OFFICES),
        ]
        services.agency_succeed(
            predecessors=offices,
            successors=[],
            kind=LineageKind.DISSOLVE,
            effective_date=TWO_TIER,
            legal_basis=basis,
            actor=None,
        )
        by_unit = {v.admin_unit_id: key for key, v in self._ward_versions().items()}
        for key in [k for k in self.agencies if k.startswith("commune:")]:
            version = AgencyVersion.objects.filter(agency=self.agencies[key]).last()
            if version is None or version.valid_to is not None:
                continue  # already merged on 1/1/2025
            targets = self.successor_units(version.admin_unit, TWO_TIER)
            successors = [
                self.agencies[by_unit[u.pk]] for u in targets if u.pk in by_unit
            ]
            if successors:
                services.agency_succeed(
                    predecessors=[self.agencies[key]],
                    successors=successors,
                    kind=LineageKind.MERGE,
                    effective_date=TWO_TIER,
                    legal_basis=basis,
                    actor=None,
                )

    def rearrange_communes(self) -> None:
        """1/1/2025 (NQ 1314): communes renamed, upgraded to wards or merged."""
        groups: dict[int, list[str]] = {}
        units: dict[int, AdminUnit] = {}
        for key in [k for k in self.agencies if k.startswith("commune:")]:
            old_unit = AgencyVersion.objects.get(agency=self.agencies[key]).admin_unit
            for unit in self.successor_units(old_unit, UPGRADE):
                groups.setdefault(unit.pk, []).append(key)
                units[unit.pk] = unit
        for unit_id, keys in groups.items():
            unit = units[unit_id]
            name = f"UBND {unit.name[0].lower()}{unit.name[1:]}"
            if len(keys) == 1 and unit.valid_from == UPGRADE:
                services.agency_version_change(
                    agency=self.agencies[keys[0]],
                    effective_date=UPGRADE,
                    changes={
                        "parent": self.agencies["town"],
                        "admin_unit": unit,
                        "name": name,
                    },
                    actor=None,
                )
                continue
            new_key = f"commune:{unit.code}@2025"
            self.add(
                new_key,
                UPGRADE,
                parent="town",
                name=name,
                short_name="UBND",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                level=AgencyLevel.COMMUNE,
                admin_unit=unit,
                legal_basis="Nghị quyết 1314/NQ-UBTVQH15",
            )
            services.agency_succeed(
                predecessors=[self.agencies[k] for k in keys],
                successors=[self.agencies[new_key]],
                kind=LineageKind.MERGE,
                effective_date=UPGRADE,
                legal_basis="Nghị quyết 1314/NQ-UBTVQH15",
                actor=None,
            )

    def successor_units(self, unit: AdminUnit | None, on: date) -> list[AdminUnit]:
        """Follow administrative-unit lineage until units in force on ``on``."""
        if unit is None:
            return []
        if _open(unit, on):
            return [unit]
        result: list[AdminUnit] = []
        for link in AdminUnitLineage.objects.filter(old_unit=unit).select_related(
            "new_unit"
        ):
            for found in self.successor_units(link.new_unit, on):
                if found not in result:
                    result.append(found)
        return result

    def _ward_versions(self) -> dict[str, AgencyVersion]:
        return {
            key: AgencyVersion.objects.get(agency=self.agencies[key])
            for key in (f"ward:{w}" for w in NEW_WARDS)
        }

    def create_officials(self) -> None:
        """2022 structure: every role (the cessions of 2025 end these assignments)."""
        for o in OFFICIALS:
            user = services.official_create(
                username=o.username,
                full_name=o.full_name,
                password=DEMO_PASSWORD,
                actor=None,
                is_staff=o.role == Role.SYSTEM_ADMIN,
                is_superuser=o.role == Role.SYSTEM_ADMIN,
            )
            self.assign(user, o.role, o.old_agency, date(2022, 1, 1), o.old_title)

    def reassign_after_upgrade(self) -> None:
        """1/1/2025: holders at the province and district move to the city and town."""
        moved = {"province": "city", "district": "town"}
        for o in OFFICIALS:
            if o.old_agency in moved:
                user = User.objects.get(username=o.username)
                self.assign(user, o.role, moved[o.old_agency], UPGRADE, o.old_title)

    def reassign_two_tier(self) -> None:
        """1/7/2025: officials continue in the wards and the city."""
        for o in OFFICIALS:
            if o.new_agency == "city":
                continue  # the city did not change on 1/7/2025
            user = User.objects.get(username=o.username)
            self.assign(user, o.role, o.new_agency, TWO_TIER, o.new_title)

    def assign(self, user: User, role: str, key: str, start: date, title: str) -> None:
        services.role_assign(
            user=user,
            agency=self.agencies[key],
            role=role,
            valid_from=start,
            position_title=title,
            actor=None,
            scope=ScopeKind.SUBTREE if role == Role.SYSTEM_ADMIN else None,
        )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _open(unit: AdminUnit, on: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= on) and (
        unit.valid_to is None or unit.valid_to >= on
    )
