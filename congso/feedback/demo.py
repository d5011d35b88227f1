"""Demo ratings and feedback for the Phong Điền ward (dữ liệu mẫu), made through
the real services so the citizen pages, the queue and the leaders' dashboard of
``make run`` are filled.

Idempotent: nothing is created when feedback already exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from congso.accounts.models import User
from congso.accounts.selectors import agency_tree_get
from congso.core.errors import ApplicationError
from congso.dossiers.constants import Channel, DossierStatus
from congso.dossiers.models import Dossier
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.constants import FeedbackCategory, RatingLevel, VoteValue
from congso.feedback.models import Feedback
from congso.feedback.services import (
    Submission,
    feedback_submit,
    feedback_transition,
    feedback_vote,
)
from congso.feedback.services.ratings import (
    RatingData,
    dossier_rate,
    dossier_rate_at_counter,
)

CENTRE_NAME = "Trung tâm Phục vụ hành chính công phường Phong Điền"
WARD_NAME = "UBND phường Phong Điền"
DEMO_PASSWORD = "CongSo@2025"  # noqa: S105  # the demo loader's shared password
CITIZENS = [
    ("congdan", "Nguyễn Thị Hoà", "0905123678"),
    ("congdan2", "Trần Văn Bình", "0914456789"),
    ("congdan3", "Lê Thị Mai", "0935789123"),
]


@dataclass(frozen=True)
class _Story:
    citizen: int
    category: str
    title: str
    content: str
    days_ago: int
    steps: tuple[tuple[A, str, str], ...]  # (action, official, note)


STORIES = [
    _Story(
        0,
        FeedbackCategory.PROCEDURE,
        "Chờ quá lâu khi đăng ký khai sinh cho con",
        "Sáng thứ Hai tôi đến Trung tâm lúc 7 giờ 30 để đăng ký khai sinh cho con "
        "nhưng phải chờ gần 3 giờ mới đến lượt vì chỉ có một quầy hộ tịch làm việc. "
        "Đề nghị bố trí thêm cán bộ vào đầu tuần.",
        18,
        (
            (A.ACCEPT, "motcua", ""),
            (
                A.ANSWER,
                "lanhdao",
                "UBND phường đã bố trí thêm một quầy hộ tịch vào "
                "sáng thứ Hai và thứ Ba từ ngày 01 tháng này, đồng thời khuyến khích "
                "người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
            ),
            (A.PUBLISH, "lanhdao", ""),
        ),
    ),
    _Story(
        1,
        FeedbackCategory.STAFF_CONDUCT,
        "Thái độ cán bộ tiếp nhận chưa đúng mực",
        "Khi tôi hỏi lại về giấy tờ cần bổ sung, cán bộ tiếp nhận trả lời cộc lốc "
        "và không hướng dẫn cụ thể. Đề nghị chấn chỉnh tác phong phục vụ.",
        12,
        (
            (A.ACCEPT, "motcua", ""),
            (
                A.ANSWER,
                "lanhdao",
                "Lãnh đạo UBND phường đã làm việc với cán bộ liên "
                "quan, yêu cầu rút kinh nghiệm và xin lỗi ông về sự việc.",
            ),
        ),
    ),
    _Story(
        2,
        FeedbackCategory.PROCEDURE,
        "Hồ sơ đất đai phải bổ sung nhiều lần",
        "Hồ sơ đăng ký biến động đất đai của gia đình tôi bị yêu cầu bổ sung hai "
        "lần, mỗi lần một loại giấy tờ khác nhau. Đề nghị hướng dẫn đầy đủ ngay "
        "từ đầu.",
        8,
        (
            (A.ACCEPT, "motcua", ""),
            (
                A.REQUEST_SUPPLEMENT,
                "motcua",
                "Đề nghị bà cung cấp mã hồ sơ và "
                "bản chụp các phiếu yêu cầu bổ sung đã nhận.",
            ),
        ),
    ),
    _Story(
        0,
        FeedbackCategory.POLICY,
        "Kiến nghị về mức thu phí chứng thực",
        "Đề nghị xem xét giảm phí chứng thực bản sao cho người cao tuổi và người "
        "có công với cách mạng.",
        6,
        ((A.ACCEPT, "motcua", ""), (A.ASSIGN, "lanhdao", "")),
    ),
    _Story(
        1,
        FeedbackCategory.PROCEDURE,
        "Không nhận được tin nhắn hẹn trả kết quả",
        "Tôi đã để lại số điện thoại nhưng không nhận được tin nhắn báo kết quả hồ "
        "sơ, phải đến hỏi nhiều lần.",
        3,
        (),
    ),
    _Story(
        2,
        FeedbackCategory.POLICY,
        "Phản ánh việc mua bán đất trái phép",
        "Có người rao bán đất nông nghiệp đã phân lô ở khu vực Tổ dân phố Khánh Mỹ.",
        4,
        (
            (
                A.REFUSE,
                "motcua",
                "Nội dung không thuộc phạm vi phản ánh, kiến nghị về "
                "quy định hành chính; đề nghị ông/bà gửi tố giác đến cơ quan công an.",
            ),
        ),
    ),
]


def _office(moment: datetime) -> datetime:
    """The moment moved into office hours on a weekday (demo officials rest)."""
    local = timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)
    local = local.replace(hour=min(max(local.hour, 8), 16))
    while local.weekday() >= 5:
        local = (local + timedelta(days=1)).replace(hour=8)
    return local


def _citizens() -> list[User]:
    users = []
    for username, name, phone in CITIZENS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                full_name=name,
                phone=phone,
                email=f"{username}@example.vn",
            )
        users.append(user)
    return users


def _ward_id() -> int | None:
    tree = agency_tree_get(on=timezone.localdate())
    return next((n.id for n in tree.nodes.values() if n.name == WARD_NAME), None)


def _story(story: _Story, citizens: list[User], ward: int, now: datetime) -> None:
    names = ["motcua", "lanhdao", "chuyenvien"]
    officials = {u.username: u for u in User.objects.filter(username__in=names)}
    who = citizens[story.citizen]
    moment = _office(now - timedelta(days=story.days_ago))
    item = feedback_submit(
        submission=Submission(
            category=story.category,
            title=story.title,
            content=story.content,
            agency_id=ward,
            contact_name=who.get_full_name(),
            contact_email=who.email,
            contact_phone=who.phone,
        ),
        citizen=who,
        now=moment,
    )
    for action, username, note in story.steps:
        moment = _office(moment + timedelta(hours=20))
        data = {}
        if action == A.ASSIGN:
            data = {"assignee_id": officials["chuyenvien"].pk}
        item = feedback_transition(
            feedback=item,
            action=action,
            actor=officials[username],
            note=note,
            data=data,
            now=min(moment, now),
        )
    if item.status == "published":
        for citizen in citizens:
            feedback_vote(feedback=item, user=citizen, value=VoteValue.LIKE, now=now)


def _ratings(citizens: list[User], now: datetime) -> int:
    finished = list(
        Dossier.objects.filter(
            status__in=[DossierStatus.RESOLVED, DossierStatus.RETURNED],
            channel=Channel.IN_PERSON,
            citizen__isnull=True,
        ).order_by("id")[:8]
    )
    desk = User.objects.filter(username="motcua").first()
    levels = [
        RatingLevel.VERY_SATISFIED,
        RatingLevel.SATISFIED,
        RatingLevel.VERY_SATISFIED,
        RatingLevel.NOT_SATISFIED,
        RatingLevel.SATISFIED,
        RatingLevel.SATISFIED,
        RatingLevel.VERY_SATISFIED,
        RatingLevel.SATISFIED,
    ]
    made = 0
    for index, (dossier, level) in enumerate(zip(finished, levels, strict=False)):
        data = RatingData(
            level=level,
            attitude_level=level,
            time_level=RatingLevel.SATISFIED,
            comment="Cán bộ hướng dẫn tận tình."
            if level != "not_satisfied"
            else "Phải đi lại nhiều lần.",
        )
        try:
            if index < len(citizens):  # the first ones belong to demo citizens
                Dossier.objects.filter(pk=dossier.pk).update(citizen=citizens[index])
                dossier.citizen = citizens[index]
                dossier_rate(
                    dossier=dossier, citizen=citizens[index], data=data, now=now
                )
            elif desk is not None:
                dossier_rate_at_counter(
                    dossier=dossier, official=desk, data=data, now=now
                )
            made += 1
        except ApplicationError:
            continue
    return made


def feedback_demo_load() -> int:
    """Create demo ratings and feedback; returns how many items were created."""
    ward = _ward_id()
    if ward is None or Feedback.objects.exists():
        return 0
    now = timezone.now()
    with transaction.atomic():
        citizens = _citizens()
        made = _ratings(citizens, now)
        for story in STORIES:
            try:
                with transaction.atomic():
                    _story(story, citizens, ward, now)
                made += 1
            except ApplicationError:
                continue
    return made
