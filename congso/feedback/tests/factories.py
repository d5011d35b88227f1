"""Builders of feedback tests, through the real services, on the dossiers' small
one-stop world (``congso.dossiers.tests.factories``): a commune People's
Committee with its service centre and a culture–social office, and officials."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from congso.accounts.models import User
from congso.calendar.worktime import VN_TZ
from congso.catalog.models import ProcedureVersion
from congso.dossiers.models import Dossier
from congso.dossiers.tests.factories import OneStop, advance, receive, three_steps
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.constants import FeedbackCategory, FeedbackStatus
from congso.feedback.models import Feedback
from congso.feedback.services import Submission, feedback_submit, feedback_transition

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOW = datetime(2026, 3, 2, 9, tzinfo=VN_TZ)  # a Monday


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def citizen(username: str = "congdan", **extra: Any) -> User:
    """A citizen account: a user without any role assignment."""
    return User.objects.create_user(
        username=username,
        password="x-Secret-123",
        full_name=extra.pop("full_name", "Nguyễn Thị Hoà"),
        email=extra.pop("email", f"{username}@example.vn"),
        **extra,
    )


def pdf(name: str = "anh-chup.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def submission(one_stop: OneStop, **values: Any) -> Submission:
    data: dict[str, Any] = {
        "category": FeedbackCategory.PROCEDURE,
        "title": "Chờ lâu khi đăng ký khai sinh",
        "content": "Tôi đã chờ hơn 2 giờ tại bộ phận một cửa để nộp hồ sơ khai sinh.",
        "agency_id": one_stop.commune.pk,
        "contact_phone": "0905 123 678",
    }
    data.update(values)
    return Submission(**data)


def submit(
    one_stop: OneStop,
    who: User,
    now: datetime = NOW,
    files: Sequence[SimpleUploadedFile] = (),
    **values: Any,
) -> Feedback:
    return feedback_submit(
        submission=submission(one_stop, files=files, **values), citizen=who, now=now
    )


def act(
    item: Feedback, action: A, actor: User, now: datetime = NOW, **data: Any
) -> Feedback:
    note = data.pop("note", "Nội dung xử lý")
    return feedback_transition(
        feedback=item, action=action, actor=actor, note=note, data=data, now=now
    )


#: The official actions that reach each state from *submitted*.
ROUTES: dict[str, tuple[tuple[A, str], ...]] = {
    FeedbackStatus.SUBMITTED: (),
    FeedbackStatus.ACCEPTED: ((A.ACCEPT, "reception"),),
    FeedbackStatus.REFUSED: ((A.REFUSE, "reception"),),
    FeedbackStatus.SUPPLEMENT_REQUESTED: (
        (A.ACCEPT, "reception"),
        (A.REQUEST_SUPPLEMENT, "reception"),
    ),
    FeedbackStatus.IN_HANDLING: ((A.ACCEPT, "reception"), (A.ASSIGN, "leader")),
    FeedbackStatus.ANSWERED: ((A.ACCEPT, "reception"), (A.ANSWER, "leader")),
    FeedbackStatus.PUBLISHED: (
        (A.ACCEPT, "reception"),
        (A.ANSWER, "leader"),
        (A.PUBLISH, "leader"),
    ),
}


def action_data(one_stop: OneStop, action: A) -> dict[str, Any]:
    """What an action needs besides a note."""
    if action == A.FORWARD:
        return {"agency_id": one_stop.other_commune.pk}
    if action == A.ASSIGN:
        return {"assignee_id": one_stop.users["specialist"].pk}
    return {}


def walk(
    one_stop: OneStop, item: Feedback, status: str, now: datetime = NOW
) -> Feedback:
    """Move a submitted item to ``status`` through the services."""
    for action, who in ROUTES[status]:
        item = act(
            item, action, one_stop.users[who], now, **action_data(one_stop, action)
        )
    return item


def finished_dossier(
    one_stop: OneStop, owner: User | None, **applicant: str
) -> Dossier:
    """A dossier received at the centre, resolved, and owned by ``owner``."""
    version = ProcedureVersion.objects.filter(
        procedure__national_code="1.001193"
    ).first() or three_steps(one_stop)
    dossier = receive(one_stop, version, now=at(2, 3, 8), **applicant)
    dossier = advance(one_stop, dossier, "return", now=at(3, 3, 10))
    Dossier.objects.filter(pk=dossier.pk).update(citizen=owner)
    dossier.refresh_from_db()
    return dossier
