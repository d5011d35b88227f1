"""Demo document work for the Phong Điền ward (dữ liệu mẫu): incoming documents
received over the last weeks and handled through the real services — some
waiting for direction, some with units and deadlines (one overdue), one secret —
a reply issued with the leader's and the ward's signatures, a draft in review,
and a case file. Idempotent: nothing is created when the ward has documents."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from congso.accounts.models import User
from congso.accounts.selectors import agency_tree_get
from congso.core.errors import ApplicationError
from congso.documents.constants import (
    DocumentType,
    HandlingRole,
    IncomingChannel,
    Retention,
    Secrecy,
    Urgency,
)
from congso.documents.models import IncomingDocument
from congso.documents.services.direction import (
    UnitDirection,
    assignment_assign,
    assignment_propose,
    incoming_direct,
)
from congso.documents.services.incoming import (
    IncomingData,
    incoming_register,
    incoming_submit,
)
from congso.documents.services.issuance import outgoing_issue, outgoing_sign
from congso.documents.services.outgoing import (
    DraftData,
    outgoing_create,
    outgoing_review,
    outgoing_submit,
)
from congso.documents.services.records import case_file_add, case_file_open

logger = logging.getLogger(__name__)
WARD = "UBND phường Phong Điền"

#: (days ago, channel, issuer, number, type, subject, urgency, secrecy)
INCOMING = [
    (
        20,
        "electronic",
        "UBND thành phố Huế",
        "1520/UBND-VX",
        DocumentType.OFFICIAL_LETTER,
        "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        16,
        "electronic",
        "Sở Nội vụ thành phố Huế",
        "312/SNV-VTLT",
        DocumentType.OFFICIAL_LETTER,
        "V/v hướng dẫn lập hồ sơ công việc và nộp lưu hồ sơ điện tử năm 2026",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        12,
        "paper",
        "Công an thành phố Huế",
        "45/CAH-PV01",
        DocumentType.PLAN,
        "Kế hoạch bảo đảm an ninh trật tự dịp cuối năm",
        Urgency.URGENT,
        Secrecy.CONFIDENTIAL,
    ),
    (
        9,
        "electronic",
        "Sở Văn hóa và Thể thao",
        "2210/SVHTT-QLVH",
        DocumentType.OFFICIAL_LETTER,
        "V/v đăng ký danh hiệu Tổ dân phố văn hóa năm 2026",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        7,
        "email",
        "Văn phòng Đăng ký đất đai thành phố Huế",
        "88/VPĐK-ĐK",
        DocumentType.NOTICE,
        "Thông báo lịch tiếp nhận hồ sơ đăng ký đất đai lần đầu",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        5,
        "electronic",
        "UBND thành phố Huế",
        "88/QĐ-UBND",
        DocumentType.DECISION,
        "Quyết định phê duyệt kế hoạch chuyển đổi số năm 2027",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        3,
        "paper",
        "Ban Chỉ huy Quân sự phường Phong Điền",
        "17/BCH-TM",
        DocumentType.REPORT,
        "Báo cáo kết quả huấn luyện dân quân tự vệ năm 2026",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
    (
        2,
        "electronic",
        "Sở Tài chính thành phố Huế",
        "1033/STC-NS",
        DocumentType.OFFICIAL_LETTER,
        "V/v lập dự toán ngân sách năm 2027",
        Urgency.VERY_URGENT,
        Secrecy.NONE,
    ),
    (
        1,
        "electronic",
        "UBND thành phố Huế",
        "1641/UBND-KT",
        DocumentType.OFFICIAL_LETTER,
        "V/v phòng, chống lụt bão và tìm kiếm cứu nạn mùa mưa bão",
        Urgency.FLASH,
        Secrecy.NONE,
    ),
    (
        0,
        "paper",
        "Trường Tiểu học Phong Điền",
        "25/THPĐ",
        DocumentType.SUBMISSION,
        "Tờ trình xin kinh phí sửa chữa phòng học",
        Urgency.NORMAL,
        Secrecy.NONE,
    ),
]


def _ward() -> tuple[int, dict[str, int]] | None:
    tree = agency_tree_get(on=timezone.localdate())
    ward = next((n for n in tree.nodes.values() if n.name == WARD), None)
    if ward is None:
        return None
    units = {tree.nodes[c].short_name: c for c in tree.children.get(ward.id, [])}
    return ward.id, units


def _demo_mail(ward_id: int) -> None:
    """One e-mail in the demo mailbox, fetched at once (the worker does it every
    minute afterwards): a công văn from the city with its PDF."""
    from email.message import EmailMessage

    from django.conf import settings

    from congso.documents.intake.sources import MaildirSource
    from congso.documents.services.mail import mail_fetch
    from congso.signatures.signing.appearance import stamp_pdf

    message = EmailMessage()
    message["From"] = "Văn phòng UBND thành phố Huế <vanthu@hue.gov.vn.example>"
    message["To"] = "vanthu@phongdien.hue.gov.vn.example"
    message["Subject"] = (
        "Công văn số 1702/UBND-VP V/v báo cáo công tác văn thư, lưu trữ năm 2026"
    )
    message["Message-ID"] = "<demo-1702@hue.gov.vn.example>"
    message.set_content(
        "Kính gửi UBND phường Phong Điền,\n\nVăn phòng UBND thành phố gửi Công văn "
        "số 1702/UBND-VP ngày 20/11/2026 về việc báo cáo công tác văn thư, lưu trữ "
        "năm 2026 (tệp đính kèm).\n"
    )
    pdf = stamp_pdf(
        "<p>ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ — Số: 1702/UBND-VP — V/v báo cáo công "
        "tác văn thư, lưu trữ năm 2026</p>",
        width_pt=595,
        height_pt=842,
    )
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename="1702-UBND-VP.pdf"
    )
    source = MaildirSource(settings.DOCUMENTS_MAIL_MAILDIR)
    source.deliver(message.as_bytes())
    mail_fetch(agency_id=ward_id, source=source)


def documents_demo_load() -> int:
    """Create the demo documents; the number created (0 when already there)."""
    found = _ward()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["vanthu", "lanhdao", "truongphong", "chuyenvien"]
        )
    }
    if found is None or len(users) < 4:
        return 0
    ward_id, units = found
    if IncomingDocument.objects.filter(agency_id=ward_id).exists():
        return 0
    now = timezone.now()
    created = []
    for days, channel, issuer, number, doc_type, subject, urgency, secrecy in INCOMING:
        at = now - timedelta(days=days, hours=2)
        created.append(
            incoming_register(
                agency_id=ward_id,
                data=IncomingData(
                    channel=IncomingChannel(channel),
                    issuer_name=issuer,
                    subject=subject,
                    number_symbol=number,
                    doc_type=doc_type,
                    issued_date=(at - timedelta(days=2)).date(),
                    received_at=at,
                    urgency=urgency,
                    secrecy=secrecy,
                ),
                files=[],
                actor=users["vanthu"],
                now=at,
            )
        )
    _handle(created, ward_id, units, users, now)
    _demo_mail(ward_id)
    return len(created)


def _handle(
    docs: list[IncomingDocument],
    ward_id: int,
    units: dict[str, int],
    users: dict[str, User],
    now: datetime,
) -> None:
    culture, office = units.get("VHXH"), units.get("VP")
    if culture is None or office is None:
        return
    for doc, days in zip(docs[:7], (19, 15, 11, 8, 6, 4, 2), strict=True):
        at = now - timedelta(days=days)
        incoming_submit(document=doc, actor=users["vanthu"], now=at)
        deadline = (at + timedelta(days=10)).date()
        incoming_direct(
            document=doc,
            directions=[
                UnitDirection(culture, HandlingRole.LEAD, deadline, "Tham mưu xử lý"),
                UnitDirection(office, HandlingRole.COOPERATE, deadline),
            ],
            actor=users["lanhdao"],
            now=at + timedelta(hours=1),
        )
    for doc, days in zip(docs[:4], (18, 14, 10, 7), strict=True):
        lead = doc.assignments.get(role=HandlingRole.LEAD)
        at = now - timedelta(days=days)
        assignment_assign(
            assignment=lead,
            assignee=users["chuyenvien"],
            actor=users["truongphong"],
            now=at,
        )
        assignment_propose(
            assignment=lead,
            actor=users["chuyenvien"],
            proposal="Đã tham mưu dự thảo văn bản trả lời.",
            now=at + timedelta(hours=3),
        )
    for doc in docs[7:9]:
        incoming_submit(document=doc, actor=users["vanthu"], now=now)
    _outgoing(docs[0], ward_id, culture, users)


def _outgoing(
    answered: IncomingDocument, ward_id: int, culture: int, users: dict[str, User]
) -> None:
    draft = DraftData(
        doc_type=DocumentType.OFFICIAL_LETTER,
        subject="V/v triển khai Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        signer_id=users["lanhdao"].pk,
        signer_title="Chủ tịch",
        competence="TM.",
        competence_of="Ủy ban nhân dân",
        addressee="Ban công tác Mặt trận các tổ dân phố",
        body=(
            "Thực hiện Công văn số 1520/UBND-VX của UBND thành phố Huế, Ủy ban "
            "nhân dân phường đề nghị Ban công tác Mặt trận các tổ dân phố tổ chức "
            "Ngày hội Đại đoàn kết toàn dân tộc năm 2026 tại khu dân cư.\n"
            "Đề nghị các đơn vị triển khai thực hiện, báo cáo kết quả trước ngày 30/11."
        ),
        place="Phong Điền",
        drafting_unit_id=culture,
        external_recipients="Các tổ dân phố\nLưu: VT, VHXH",
        reply_to_ids=(answered.pk,),
    )
    try:
        doc = outgoing_create(agency_id=ward_id, data=draft, actor=users["chuyenvien"])
        doc = outgoing_submit(
            document=doc,
            reviewer_ids=[users["truongphong"].pk],
            actor=users["chuyenvien"],
        )
        doc = outgoing_review(document=doc, approve=True, actor=users["truongphong"])
        doc = outgoing_sign(document=doc, actor=users["lanhdao"])
        doc = outgoing_issue(document=doc, actor=users["vanthu"])
    except ApplicationError as exc:  # no demo certificates: leave it for signing
        logger.warning("Demo reply not issued: %s", exc)
    second = outgoing_create(
        agency_id=ward_id,
        data=DraftData(
            **{
                **draft.__dict__,
                "subject": "V/v lập dự toán ngân sách năm 2027",
                "reply_to_ids": (),
            }
        ),
        actor=users["chuyenvien"],
    )
    outgoing_submit(
        document=second,
        reviewer_ids=[users["truongphong"].pk],
        actor=users["chuyenvien"],
    )
    case = case_file_open(
        agency_id=ward_id,
        notation="VHXH-01",
        title="Hồ sơ tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        retention=Retention.YEARS,
        retention_years=10,
        creator="Phòng Văn hóa – Xã hội",
        actor=users["vanthu"],
    )
    case_file_add(case_file=case, incoming=answered, actor=users["vanthu"])
