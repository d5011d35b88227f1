"""Feedback services: submission (checked input, files, audit), the transitions'
effects (deadlines, forwarding, once-only rules, optimistic concurrency), the
citizen's notifications through the outbox, and votes."""

from __future__ import annotations

import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.audit.models import AuditEvent
from congso.core.errors import ConflictError, PermissionDeniedError
from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.constants import FeedbackStatus, VoteValue
from congso.feedback.models import Feedback, FeedbackAttachment, FeedbackEvent
from congso.feedback.services import FeedbackError, feedback_transition, feedback_vote
from congso.feedback.tests.factories import (
    act,
    at,
    finished_dossier,
    pdf,
    submit,
    walk,
)
from congso.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_submit_stores_the_item_with_its_deadlines_files_and_audit(one_stop, citizen):
    item = submit(one_stop, citizen, files=[pdf()])
    assert item.code == "PAKN-2026-00001"
    assert item.status == FeedbackStatus.SUBMITTED
    assert (item.refusal_due_at, item.supplement_due_at, item.handling_due_at) == (
        at(4, 3, 17),
        at(9, 3, 17),
        at(23, 3, 17),
    )
    assert item.due_at == item.refusal_due_at
    assert item.contact_name == "Nguyễn Thị Hoà"  # prefilled from the account
    assert item.contact_phone == "0905123678"
    [attachment] = FeedbackAttachment.objects.filter(feedback=item)
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "anh-chup.pdf"
    [event] = FeedbackEvent.objects.filter(feedback=item)
    assert (event.action, event.to_status, event.actor) == (
        A.SUBMIT,
        FeedbackStatus.SUBMITTED,
        citizen,
    )
    audit = AuditEvent.objects.get(event_type="feedback.feedback.submitted")
    assert audit.data["code"] == item.code
    assert submit(one_stop, citizen).code == "PAKN-2026-00002"


def test_nfd_text_is_stored_as_nfc(one_stop, citizen):
    title = unicodedata.normalize("NFD", "Thái độ cán bộ một cửa")
    item = submit(one_stop, citizen, title=title)
    assert item.title == "Thái độ cán bộ một cửa"
    assert unicodedata.is_normalized("NFC", item.title)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "x" * 201}, "title"),
        ({"content": "   "}, "content"),
        ({"category": "gossip"}, "category"),
        ({"agency_id": None}, "agency"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"dossier_code": "H57.10.01-260302-9999"}, "dossier_code"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(one_stop, citizen, values, field):
    with pytest.raises(FeedbackError) as exc:
        submit(one_stop, citizen, **values)
    assert field in exc.value.extra["errors"]
    assert exc.value.status_code == 400
    assert not Feedback.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="feedback.").exists()


def test_wrong_or_oversize_files_are_refused(one_stop, citizen):
    exe = SimpleUploadedFile(
        "anh.pdf", b"MZ\x90\x00binary", content_type="application/pdf"
    )
    with pytest.raises(FeedbackError) as exc:
        submit(one_stop, citizen, files=[exe])
    assert "files" in exc.value.extra["errors"]
    big = SimpleUploadedFile("to.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(FeedbackError):
        submit(one_stop, citizen, files=[big])
    with pytest.raises(FeedbackError):
        submit(one_stop, citizen, files=[pdf() for _ in range(6)])
    assert not Feedback.objects.exists()
    assert not FeedbackAttachment.objects.exists()


def test_only_citizens_submit(one_stop):
    with pytest.raises(PermissionDeniedError):
        submit(one_stop, one_stop.users["reception"])


def test_about_a_dossier_only_ones_own_and_its_receiving_unit_is_concerned(
    one_stop, citizen, other_citizen
):
    dossier = finished_dossier(one_stop, citizen)
    item = submit(one_stop, citizen, dossier_code=dossier.code.lower(), agency_id=None)
    assert (item.dossier, item.agency_id) == (dossier, one_stop.centre.pk)
    with pytest.raises(FeedbackError) as exc:
        submit(one_stop, other_citizen, dossier_code=dossier.code, agency_id=None)
    assert "dossier_code" in exc.value.extra["errors"]


def test_acceptance_refusal_supplement_and_answer_notify_the_citizen(
    one_stop, citizen, settings
):
    settings.NOTIFICATIONS_CHANNELS = ["email", "sms"]
    settings.PUBLIC_BASE_URL = "https://dichvucong.hue.gov.vn"
    item = submit(one_stop, citizen, contact_email="hoa@example.vn")
    item = act(item, A.ACCEPT, one_stop.users["reception"])
    item = act(item, A.REQUEST_SUPPLEMENT, one_stop.users["reception"], note="Ảnh chụp")
    item = act(item, A.SUPPLEMENT, citizen, at(4, 3, 9), note="Đã gửi ảnh")
    item = act(
        item, A.ANSWER, one_stop.users["leader"], at(5, 3, 9), note="Đã chấn chỉnh"
    )
    events = sorted(
        Notification.objects.filter(object_id=item.code).values_list("event", "channel")
    )
    assert events == [
        ("feedback.accepted", "email"),
        ("feedback.accepted", "sms"),
        ("feedback.answered", "email"),
        ("feedback.answered", "sms"),
        ("feedback.supplement_requested", "email"),
        ("feedback.supplement_requested", "sms"),
    ]
    assert OutboxMessage.objects.filter(topic="notifications.deliver").count() == 6
    outbox_drain()
    from django.core import mail

    body = next(m.body for m in mail.outbox if "bổ sung" in m.subject)
    assert "Ảnh chụp" in body
    assert f"/phan-anh/cua-toi/{item.code}/" in body
    refused = act(
        submit(one_stop, citizen), A.REFUSE, one_stop.users["leader"], note="Trùng"
    )
    assert Notification.objects.filter(
        object_id=refused.code, event="feedback.refused"
    ).exists()


def test_refusal_and_answer_need_their_text(one_stop, citizen):
    item = submit(one_stop, citizen)
    with pytest.raises(FeedbackError) as exc:
        act(item, A.REFUSE, one_stop.users["leader"], note="  ")
    assert exc.value.extra["errors"]["note"]
    assert Feedback.objects.get(pk=item.pk).status == FeedbackStatus.SUBMITTED


def test_more_information_is_requested_once_and_the_wait_is_not_counted(
    one_stop, citizen
):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ACCEPTED)
    item = act(item, A.REQUEST_SUPPLEMENT, one_stop.users["reception"], at(4, 3, 9))
    assert item.due_at is None  # waiting for the citizen
    item = act(item, A.SUPPLEMENT, citizen, at(9, 3, 9), files=[pdf()])
    assert item.handling_due_at == at(26, 3, 17)
    assert item.status == FeedbackStatus.IN_HANDLING
    assert item.attachments.count() == 1
    with pytest.raises(FeedbackError) as exc:
        act(item, A.REQUEST_SUPPLEMENT, one_stop.users["reception"])
    assert exc.value.code == "supplement_twice"


def test_forwarding_restarts_the_clock_at_the_other_agency(one_stop, citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ACCEPTED)
    item = act(
        item,
        A.FORWARD,
        one_stop.users["leader"],
        at(6, 3, 9),
        agency_id=one_stop.other_commune.pk,
    )
    assert item.status == FeedbackStatus.SUBMITTED
    assert (item.agency_id, item.clock_start) == (
        one_stop.other_commune.pk,
        at(6, 3, 9),
    )
    assert item.refusal_due_at == at(10, 3, 17)
    # The first agency no longer handles it; the other's desk does.
    with pytest.raises(PermissionDeniedError):
        act(item, A.ACCEPT, one_stop.users["reception"])
    act(item, A.ACCEPT, one_stop.users["other_reception"])


def test_assignment_is_limited_to_the_agency_concerned(one_stop, citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ACCEPTED)
    with pytest.raises(FeedbackError) as exc:
        act(
            item,
            A.ASSIGN,
            one_stop.users["leader"],
            assignee_id=one_stop.users["land"].pk,
        )
    assert exc.value.code == "assignee"
    item = act(
        item,
        A.ASSIGN,
        one_stop.users["leader"],
        assignee_id=one_stop.users["specialist"].pk,
        unit_id=one_stop.office.pk,
    )
    # The assignee may answer; publishing is the leader's.
    item = act(item, A.ANSWER, one_stop.users["specialist"], note="Trả lời")
    assert item.answered_by == one_stop.users["specialist"]
    with pytest.raises(PermissionDeniedError):
        act(item, A.PUBLISH, one_stop.users["reception"])
    item = act(item, A.PUBLISH, one_stop.users["leader"])
    assert item.status == FeedbackStatus.PUBLISHED


@pytest.mark.parametrize("who", ["land", "other_reception", "specialist"])
def test_officials_outside_the_agency_or_role_cannot_act(one_stop, citizen, who):
    item = submit(one_stop, citizen)
    with pytest.raises(PermissionDeniedError):
        act(item, A.ACCEPT, one_stop.users[who])
    assert Feedback.objects.get(pk=item.pk).row_version == 0


def test_another_citizen_cannot_act_for_the_owner(one_stop, citizen, other_citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ANSWERED)
    with pytest.raises(PermissionDeniedError):
        act(item, A.RERAISE, other_citizen)


def test_a_stale_version_is_refused(one_stop, citizen):
    item = submit(one_stop, citizen)
    act(item, A.ACCEPT, one_stop.users["reception"])
    with pytest.raises(ConflictError):
        feedback_transition(
            feedback=item,
            action=A.REFUSE,
            actor=one_stop.users["leader"],
            note="x",
            expected_version=0,
        )


def test_reraise_reopens_handling_once(one_stop, citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    item = act(item, A.RERAISE, citizen, at(10, 3, 9), note="Chưa thỏa đáng")
    assert item.status == FeedbackStatus.IN_HANDLING
    assert (item.reraise_count, item.answered_at, item.published_at) == (1, None, None)
    assert item.handling_due_at == at(31, 3, 17)
    event = FeedbackEvent.objects.filter(feedback=item, action=A.RERAISE).get()
    assert event.data["previous_answer"] == "Nội dung xử lý"
    item = act(item, A.ANSWER, one_stop.users["leader"], at(11, 3, 9))
    with pytest.raises(FeedbackError) as exc:
        act(item, A.RERAISE, citizen)
    assert exc.value.code == "reraise_twice"


def test_votes_once_per_account_on_published_answers(one_stop, citizen, other_citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ANSWERED)
    with pytest.raises(FeedbackError):
        feedback_vote(feedback=item, user=citizen, value=VoteValue.LIKE)
    item = act(item, A.PUBLISH, one_stop.users["leader"])
    feedback_vote(feedback=item, user=citizen, value=VoteValue.DISLIKE)
    feedback_vote(feedback=item, user=other_citizen, value=VoteValue.LIKE)
    with pytest.raises(ConflictError):
        feedback_vote(feedback=item, user=citizen, value=VoteValue.LIKE)
    with pytest.raises(PermissionDeniedError):
        feedback_vote(feedback=item, user=one_stop.users["leader"], value="like")
    item.refresh_from_db()
    assert (item.like_count, item.dislike_count) == (1, 1)
    assert AuditEvent.objects.filter(event_type="feedback.vote.cast").count() == 2
