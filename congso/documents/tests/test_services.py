"""The document services with the database: registration and its numbers and
deadlines, bad input, direction and assignment rules, numbering, refusals from
the wrong side, recall and replacement, reminders and statistics."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from congso.calendar.worktime import VN_TZ
from congso.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.core.tests.system import require_tool
from congso.documents.constants import (
    AssignmentStatus,
    DeliveryStatus,
    HandlingRole,
    IncomingChannel,
    IncomingStatus,
    OutgoingStatus,
    SeriesKind,
    Urgency,
)
from congso.documents.models import (
    DocumentReminder,
    IncomingDocument,
    NumberAllocation,
    OutgoingDocument,
)
from congso.documents.reminders import reminders_publish
from congso.documents.selectors.statistics import agency_figures, unit_figures
from congso.documents.services.direction import (
    UnitDirection,
    assignment_assign,
    assignment_complete,
    assignment_propose,
    incoming_direct,
)
from congso.documents.services.incoming import UploadedFile, incoming_register
from congso.documents.services.issuance import (
    outgoing_issue,
    outgoing_recall,
    outgoing_sign,
)
from congso.documents.services.numbering import NumberAlreadyUsedError, number_reserve
from congso.documents.services.outgoing import (
    outgoing_create,
    outgoing_submit,
    outgoing_update,
)
from congso.documents.tests.factories import draft_data, incoming_data, register

pytestmark = pytest.mark.django_db

# A Friday in a plain week of 2026 (no holiday around it).
FRIDAY = datetime(2026, 10, 9, 10, tzinfo=VN_TZ)


@time_machine.travel(FRIDAY, tick=False)
def test_incoming_numbers_run_through_the_year_per_agency(office):
    first = register(office, number_symbol="1/A")
    second = register(office, number_symbol="2/A")
    other = incoming_register(
        agency_id=office.other_ward.pk,
        data=incoming_data(number_symbol="3/A"),
        files=[],
        actor=office.users["other_clerk"],
    )
    assert [first.arrival_number, second.arrival_number, other.arrival_number] == [
        1,
        2,
        1,
    ]
    assert first.registration_due == date(2026, 10, 12)  # Friday → Monday
    with time_machine.travel(datetime(2027, 1, 4, 9, tzinfo=VN_TZ), tick=False):
        assert register(office, number_symbol="4/A").arrival_number == 1


@time_machine.travel(FRIDAY, tick=False)
def test_urgent_documents_are_registered_the_same_day(office):
    doc = register(office, urgency=Urgency.FLASH)
    assert doc.registration_due == FRIDAY.date()


@time_machine.travel(FRIDAY, tick=False)
def test_late_registration_is_recorded_and_counted(office):
    doc = register(office, received_at=FRIDAY - timedelta(days=4))  # Monday
    assert doc.registration_due == date(2026, 10, 6)
    assert doc.documentevents.get().data["late"] is True
    [figures] = agency_figures(
        agency_ids=[office.ward.pk],
        date_from=date(2026, 10, 1),
        date_to=date(2026, 10, 31),
        today=FRIDAY.date(),
    )
    assert figures.incoming_registered_late == 1


@time_machine.travel(FRIDAY, tick=False)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", ""),
        ("subject", "x" * 501),
        ("issuer_name", "  "),
        ("received_at", FRIDAY + timedelta(hours=2)),
        ("issued_date", date(2026, 10, 10)),
        ("due_date", date(2026, 10, 1)),
        ("number_symbol", "1" * 51),
        ("channel", "fax"),
    ],
)
def test_bad_incoming_data_is_refused_and_nothing_stored(office, field, value):
    with pytest.raises(ApplicationError) as caught:
        register(office, **{field: value})
    assert field in caught.value.extra["errors"]
    assert IncomingDocument.objects.count() == 0


def test_nfd_input_is_stored_as_nfc(office):
    subject = unicodedata.normalize("NFD", "Về việc đăng ký khai sinh")
    doc = register(
        office, subject=subject, issuer_name=unicodedata.normalize("NFD", "Sở Tư pháp")
    )
    assert doc.subject == "Về việc đăng ký khai sinh"
    assert doc.issuer_name == "Sở Tư pháp"


@pytest.mark.parametrize(
    ("name", "data"),
    [("virus.pdf", b"MZ\x90\x00"), ("empty.pdf", b""), ("script.png", b"<script>")],
)
def test_wrong_files_are_refused(office, name, data):
    with pytest.raises(ApplicationError) as caught:
        register(office, files=[UploadedFile(name, data)])
    assert name in str(caught.value.message)
    assert IncomingDocument.objects.count() == 0


def test_oversize_file_is_refused(office, settings):
    settings.DOCUMENTS_MAX_UPLOAD_MB = 1
    with pytest.raises(ApplicationError) as caught:
        register(
            office, files=[UploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 1_100_000)]
        )
    assert caught.value.code == "file_too_large"


def test_duplicates_warn_unless_confirmed(office):
    register(office)
    with pytest.raises(ConflictError):
        register(
            office,
            number_symbol="1234/svhtt-qlvh",
            issuer_name="SỞ VĂN HÓA VÀ THỂ THAO THÀNH PHỐ HUẾ",
        )
    again = register(office, allow_duplicate=True)
    assert again.arrival_number == 2


def test_only_clerks_register(office):
    with pytest.raises(PermissionDeniedError):
        incoming_register(
            agency_id=office.ward.pk,
            data=incoming_data(),
            files=[],
            actor=office.users["specialist"],
        )
    with pytest.raises(PermissionDeniedError):
        incoming_register(
            agency_id=office.ward.pk,
            data=incoming_data(),
            files=[],
            actor=office.users["other_clerk"],
        )


def _directed(office, deadline: date | None = None) -> IncomingDocument:
    doc = register(office)
    return incoming_direct(
        document=doc,
        directions=[
            UnitDirection(office.culture.pk, HandlingRole.LEAD, deadline),
            UnitDirection(office.office.pk, HandlingRole.COOPERATE, deadline),
        ],
        actor=office.users["leader"],
    )


@pytest.mark.parametrize(
    ("directions", "code"),
    [
        ([], "no_unit"),
        ([("culture", HandlingRole.COOPERATE)], "one_lead"),
        ([("culture", HandlingRole.LEAD), ("office", HandlingRole.LEAD)], "one_lead"),
        (
            [("culture", HandlingRole.LEAD), ("culture", HandlingRole.COOPERATE)],
            "unit_twice",
        ),
    ],
)
def test_direction_rules(office, directions, code):
    doc = register(office)
    with pytest.raises(ApplicationError) as caught:
        incoming_direct(
            document=doc,
            directions=[UnitDirection(getattr(office, u).pk, r) for u, r in directions],
            actor=office.users["leader"],
        )
    assert caught.value.code == code
    assert not doc.assignments.exists()


def test_direction_needs_the_agencys_leader(office):
    doc = register(office)
    for user in ("head", "clerk", "other_leader"):
        with pytest.raises(PermissionDeniedError):
            incoming_direct(
                document=doc,
                directions=[UnitDirection(office.culture.pk, HandlingRole.LEAD)],
                actor=office.users[user],
            )


def test_assignment_rules(office):
    users = office.users
    deadline = timezone.localdate() + timedelta(days=5)
    doc = _directed(office, deadline)
    lead = doc.assignments.get(role=HandlingRole.LEAD)
    with pytest.raises(ApplicationError) as caught:
        assignment_assign(
            assignment=lead, assignee=users["office_specialist"], actor=users["head"]
        )
    assert caught.value.code == "assignee_outside"
    with pytest.raises(ApplicationError) as caught:
        assignment_assign(
            assignment=lead,
            assignee=users["specialist"],
            actor=users["head"],
            deadline=deadline + timedelta(days=1),
        )
    assert caught.value.code == "deadline_range"
    with pytest.raises(PermissionDeniedError):
        assignment_assign(
            assignment=lead, assignee=users["specialist"], actor=users["office_head"]
        )
    lead = assignment_assign(
        assignment=lead, assignee=users["specialist"], actor=users["head"]
    )
    with pytest.raises(ApplicationError) as caught:
        assignment_propose(assignment=lead, proposal="x", actor=users["head"])
    assert caught.value.code == "not_assignee"
    assignment_propose(assignment=lead, proposal="Đề xuất", actor=users["specialist"])
    cooperating = doc.assignments.get(role=HandlingRole.COOPERATE)
    assignment_complete(assignment=cooperating, actor=users["office_head"])
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.IN_PROGRESS  # cooperating units don't close it
    assignment_complete(assignment=lead, actor=users["head"])
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.COMPLETED
    assert set(doc.assignments.values_list("status", flat=True)) == {
        AssignmentStatus.DONE
    }


def test_reminders_before_and_after_the_deadline(office):
    users = office.users
    today = timezone.localdate()
    doc = _directed(office, today + timedelta(days=1))
    lead = doc.assignments.get(role=HandlingRole.LEAD)
    assignment_assign(
        assignment=lead, assignee=users["specialist"], actor=users["head"]
    )
    with _atomic():
        assert reminders_publish(timezone.now()) == 2
    with _atomic():
        assert reminders_publish(timezone.now()) == 2  # same day: de-duplicated
    assert (
        OutboxMessage.objects.filter(topic="documents.deadline_reminder").count() == 2
    )
    outbox_drain()
    # The lead unit's assignee, and the cooperating unit's head (not yet assigned).
    assert set(
        DocumentReminder.objects.values_list("recipient__username", flat=True)
    ) == {
        "chuyenvien",
        "chanhvanphong",
    }
    later = timezone.now() + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        with _atomic():
            reminders_publish(later)
        outbox_drain()
    overdue = DocumentReminder.objects.filter(kind="overdue")
    assert "lanhdao" in set(overdue.values_list("recipient__username", flat=True))
    [unit] = [
        u
        for u in unit_figures(
            unit_ids=[office.culture.pk],
            date_from=today,
            date_to=today,
            today=later.date(),
        )
    ]
    assert unit.open_overdue == 1


def _atomic():
    from django.db import transaction

    return transaction.atomic()


def test_reserved_numbers_and_used_numbers(office, keys):
    users = office.users
    now = timezone.now()
    reserved = number_reserve(
        agency_id=office.ward.pk,
        year=timezone.localdate().year,
        kind=SeriesKind.OUTGOING,
        actor=users["clerk"],
        note="Giữ số cho quyết định khen thưởng",
        now=now,
    )
    assert reserved.value == 1

    def signed() -> OutgoingDocument:
        doc = outgoing_create(
            agency_id=office.ward.pk, data=draft_data(office), actor=users["specialist"]
        )
        doc = outgoing_submit(document=doc, reviewer_ids=[], actor=users["specialist"])
        return outgoing_sign(document=doc, actor=users["leader"])

    first = outgoing_issue(document=signed(), actor=users["clerk"])
    assert first.number == 2  # the reserved 1 is skipped
    with pytest.raises(NumberAlreadyUsedError):
        outgoing_issue(document=signed(), actor=users["clerk"], reserved_number=2)
    with pytest.raises(ApplicationError) as caught:
        outgoing_issue(document=signed(), actor=users["clerk"], reserved_number=40)
    assert caught.value.code == "number_not_reserved"
    third = outgoing_issue(document=signed(), actor=users["clerk"], reserved_number=1)
    assert third.number_symbol == "01/UBND-VHXH"
    assert NumberAllocation.objects.filter(status="used").count() == 2


def test_signed_documents_cannot_be_edited_or_signed_by_others(office, keys):
    users = office.users
    doc = outgoing_create(
        agency_id=office.ward.pk, data=draft_data(office), actor=users["specialist"]
    )
    doc = outgoing_submit(document=doc, reviewer_ids=[], actor=users["specialist"])
    with pytest.raises(ApplicationError) as caught:
        outgoing_sign(document=doc, actor=users["deputy"])
    assert caught.value.code == "not_signer"
    doc = outgoing_sign(document=doc, actor=users["leader"])
    with pytest.raises(ApplicationError) as caught:
        outgoing_update(
            document=doc,
            data=draft_data(office, subject="V/v khác"),
            actor=users["specialist"],
        )
    assert caught.value.code == "not_draft"
    with pytest.raises(PermissionDeniedError):
        outgoing_issue(document=doc, actor=users["specialist"])
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SIGNED
    assert doc.number is None


def test_a_letter_needs_its_drafting_unit(office):
    with pytest.raises(ApplicationError) as caught:
        outgoing_create(
            agency_id=office.ward.pk,
            data=draft_data(office, drafting_unit_id=None),
            actor=office.users["specialist"],
        )
    assert "drafting_unit" in caught.value.extra["errors"]


def test_the_signer_must_lead_the_agency(office):
    with pytest.raises(ApplicationError) as caught:
        outgoing_create(
            agency_id=office.ward.pk,
            data=draft_data(office, signer_id=office.users["other_leader"].pk),
            actor=office.users["specialist"],
        )
    assert caught.value.code == "signer"


def test_recall_reaches_the_recipients(office, keys):
    users = office.users
    doc = outgoing_create(
        agency_id=office.ward.pk,
        data=draft_data(office, internal_recipient_ids=[office.other_ward.pk]),
        actor=users["specialist"],
    )
    doc = outgoing_submit(document=doc, reviewer_ids=[], actor=users["specialist"])
    doc = outgoing_sign(document=doc, actor=users["leader"])
    doc = outgoing_issue(document=doc, actor=users["clerk"])
    outbox_drain()
    outbox_drain()  # a second delivery attempt has no second effect
    received = IncomingDocument.objects.get(agency=office.other_ward)
    assert received.channel == IncomingChannel.ELECTRONIC
    with pytest.raises(ApplicationError):
        outgoing_recall(document=doc, actor=users["clerk"], reason=" ")
    doc = outgoing_recall(document=doc, actor=users["clerk"], reason="Sai thể thức")
    assert doc.status == OutgoingStatus.RECALLED
    assert doc.deliveries.get().status == DeliveryStatus.RECALLED
    received.refresh_from_db()
    assert received.status == IncomingStatus.RECALLED


def test_a_replacement_replaces_the_old_document(office, keys):
    users = office.users

    def issue(**extra):
        doc = outgoing_create(
            agency_id=office.ward.pk,
            data=draft_data(office, **extra),
            actor=users["specialist"],
        )
        doc = outgoing_submit(document=doc, reviewer_ids=[], actor=users["specialist"])
        doc = outgoing_sign(document=doc, actor=users["leader"])
        return outgoing_issue(document=doc, actor=users["clerk"])

    old = issue()
    new = issue(replaces_id=old.pk, subject="V/v thay thế Công văn số 01/UBND-VHXH")
    old.refresh_from_db()
    assert old.status == OutgoingStatus.REPLACED
    assert new.number_symbol == "02/UBND-VHXH"


def test_a_scanned_image_is_recognised_and_found_by_search(office):
    """A paper document scanned as PNG: after registration the outbox runs
    Tesseract (vie), keeps a searchable PDF, and the words become searchable
    without diacritics."""
    from congso.documents.constants import FileKind, OcrStatus
    from congso.documents.selectors.search import document_search
    from congso.documents.tests.test_ocr import DPI, encoded, render

    require_tool("tesseract", "tesseract-ocr")
    scan = encoded(render(), "PNG", dpi=(DPI, DPI))
    doc = register(
        office,
        subject="Quyết định (bản giấy)",
        number_symbol="15/QĐ-UBND",
        files=[UploadedFile("quyet-dinh.png", scan)],
    )
    outbox_drain()
    row = doc.documentfiles.get(kind=FileKind.SCAN)
    assert row.ocr_status == OcrStatus.DONE
    assert "kế hoạch" in row.text
    ocr_copy = doc.documentfiles.get(kind=FileKind.OCR)
    assert ocr_copy.derived_from == row
    hits = document_search(
        user=office.users["clerk"], on=timezone.localdate(), text="cai cach hanh chinh"
    ).hits
    assert [h.object_id for h in hits] == [str(doc.pk)]


def test_paper_without_a_scan_is_not_handled_on_the_network(office):
    from congso.signatures.signing.appearance import stamp_pdf

    bare = register(office, number_symbol="1/A")
    scanned = register(
        office,
        number_symbol="2/A",
        files=[
            UploadedFile("a.pdf", stamp_pdf("<p>x</p>", width_pt=595, height_pt=842))
        ],
    )
    electronic = register(
        office, number_symbol="3/A", channel=IncomingChannel.ELECTRONIC
    )
    assert [
        bare.handled_on_network,
        scanned.handled_on_network,
        electronic.handled_on_network,
    ] == [False, True, True]
