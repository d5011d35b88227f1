"""A small document-office world for tests: a ward People's Committee with its
office (VP) and culture–social office (VHXH), a second ward that receives on the
network, and officials for every role, built through the real services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from congso.accounts.constants import AgencyKind, AgencyLevel, Role
from congso.accounts.models import Agency, User
from congso.accounts.tests.factories import agency, official
from congso.documents.constants import DocumentType, IncomingChannel
from congso.documents.models import IncomingDocument
from congso.documents.services.incoming import (
    IncomingData,
    UploadedFile,
    incoming_register,
)
from congso.documents.services.outgoing import DraftData


@dataclass
class Office:
    ward: Agency
    office: Agency
    culture: Agency
    other_ward: Agency
    users: dict[str, User] = field(default_factory=dict)


def build_office() -> Office:
    ward = agency(
        "Ủy ban nhân dân phường Phong Điền",
        level=AgencyLevel.COMMUNE,
        short_name="UBND",
        external_code="H57.10.01",
    )
    office = agency(
        "Văn phòng HĐND và UBND",
        parent=ward,
        kind=AgencyKind.INTERNAL_UNIT,
        level=AgencyLevel.COMMUNE,
        short_name="VP",
    )
    culture = agency(
        "Phòng Văn hóa – Xã hội",
        parent=ward,
        kind=AgencyKind.INTERNAL_UNIT,
        level=AgencyLevel.COMMUNE,
        short_name="VHXH",
    )
    other = agency(
        "Ủy ban nhân dân phường Phong Thái",
        level=AgencyLevel.COMMUNE,
        short_name="UBND",
        external_code="H57.10.02",
    )
    users = {
        "clerk": official("vanthu", role=Role.DOCUMENT_CLERK, at=ward),
        "leader": official("lanhdao", role=Role.AGENCY_LEADER, at=ward),
        "deputy": official("phochutich", role=Role.AGENCY_LEADER, at=ward),
        "office_head": official("chanhvanphong", role=Role.UNIT_HEAD, at=office),
        "head": official("truongphong", role=Role.UNIT_HEAD, at=culture),
        "specialist": official("chuyenvien", role=Role.SPECIALIST, at=culture),
        "office_specialist": official("chuyenvienvp", role=Role.SPECIALIST, at=office),
        "other_clerk": official("vanthu2", role=Role.DOCUMENT_CLERK, at=other),
        "other_leader": official("lanhdao2", role=Role.AGENCY_LEADER, at=other),
    }
    return Office(ward, office, culture, other, users)


def incoming_data(**overrides: object) -> IncomingData:
    values: dict[str, object] = {
        "channel": IncomingChannel.PAPER,
        "issuer_name": "Sở Văn hóa và Thể thao thành phố Huế",
        "subject": "Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        "number_symbol": "1234/SVHTT-QLVH",
        "doc_type": DocumentType.OFFICIAL_LETTER,
        "issued_date": date(2026, 1, 5),
    }
    values.update(overrides)
    return IncomingData(**values)  # type: ignore[arg-type]


def register(
    office: Office,
    *,
    files: list[UploadedFile] | None = None,
    **overrides: object,
) -> IncomingDocument:
    return incoming_register(
        agency_id=office.ward.pk,
        data=incoming_data(**overrides),
        files=files or [],
        actor=office.users["clerk"],
    )


def draft_data(office: Office, **overrides: object) -> DraftData:
    values: dict[str, object] = {
        "doc_type": DocumentType.OFFICIAL_LETTER,
        "subject": "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        "signer_id": office.users["leader"].pk,
        "signer_title": "Chủ tịch",
        "competence": "TM.",
        "competence_of": "Ủy ban nhân dân",
        "addressee": "Ban công tác Mặt trận các tổ dân phố",
        "body": (
            "Thực hiện Công văn số 1234/SVHTT-QLVH của Sở Văn hóa và Thể thao, "
            "Ủy ban nhân dân phường đề nghị các tổ dân phố tổ chức Ngày hội.\n"
            "Đề nghị các đơn vị triển khai thực hiện."
        ),
        "place": "Phong Điền",
        "drafting_unit_id": office.culture.pk,
        "external_recipients": "Lưu: VT, VHXH",
    }
    values.update(overrides)
    return DraftData(**values)  # type: ignore[arg-type]
