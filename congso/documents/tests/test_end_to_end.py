"""End to end: an incoming document from registration through direction,
assignment and proposal, a reply drafted in the Decree 30 layout, reviewed,
signed by the leader, numbered and signed by the agency, issued on the network
and registered at the recipient; registers, numbers, PDF text, signatures and
search checked on the way."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from congso.audit.models import AuditEvent
from congso.core.errors import ConflictError
from congso.core.outbox import outbox_drain
from congso.core.tests.system import require_tool
from congso.core.text import decree30_date
from congso.documents import exports
from congso.documents.constants import (
    AssignmentStatus,
    DeliveryStatus,
    FileKind,
    HandlingRole,
    IncomingAction,
    IncomingChannel,
    IncomingStatus,
    OutgoingStatus,
    Secrecy,
)
from congso.documents.models import DocumentFile, IncomingDocument
from congso.documents.selectors.search import document_search
from congso.documents.services.direction import (
    UnitDirection,
    assignment_assign,
    assignment_propose,
    incoming_direct,
)
from congso.documents.services.incoming import UploadedFile, incoming_submit
from congso.documents.services.issuance import (
    latest_file,
    outgoing_issue,
    outgoing_sign,
)
from congso.documents.services.outgoing import (
    outgoing_create,
    outgoing_review,
    outgoing_submit,
)
from congso.documents.tests.factories import draft_data, register
from congso.signatures.pki.testing import ThrowawayPki, throwaway_pki
from congso.signatures.signing.appearance import stamp_pdf
from congso.signatures.tests.poppler import pdfsig

pytestmark = pytest.mark.django_db(transaction=False)


def _next_friday() -> date:
    """The certificates of the throw-away PKI start today: work in the future."""
    today = timezone.localdate()
    return today + timedelta(days=(4 - today.weekday()) % 7 or 7)


FRIDAY = _next_friday()
AT = timezone.make_aware(
    timezone.datetime.combine(FRIDAY, timezone.datetime.min.time())
)
AT = AT.replace(hour=9)


@pytest.fixture(scope="module")
def documents_pki(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayPki:
    """This module's own PKI: it signs in the future (time travel), and the CRLs
    and OCSP answers it makes then must not reach the other modules' PKI."""
    return throwaway_pki(tmp_path_factory.mktemp("documents-pki-future"))


def _text(pdf: bytes, tmp_path: Path) -> str:
    require_tool("pdftotext", "poppler-utils")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return " ".join(out.split())


def _read(row: DocumentFile) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


@time_machine.travel(AT, tick=False)
def test_incoming_to_issued_reply(
    office, keys, tmp_path, django_capture_on_commit_callbacks
):
    users = office.users
    scan = stamp_pdf(
        "<p>SỞ VĂN HÓA VÀ THỂ THAO — Công văn số 1234/SVHTT-QLVH về Ngày hội Đại "
        "đoàn kết toàn dân tộc</p>",
        width_pt=595,
        height_pt=842,
    )
    doc = register(office, files=[UploadedFile("cong-van-1234.pdf", scan)])
    assert (doc.arrival_number, doc.arrival_year) == (1, FRIDAY.year)
    assert doc.registration_due == FRIDAY + timedelta(days=3)  # the next working day
    assert (
        AuditEvent.objects.filter(event_type="documents.incoming.registered").count()
        == 1
    )

    # The same number, symbol and issuer again: a duplicate warning, nothing stored.
    with pytest.raises(ConflictError) as caught:
        register(office)
    assert caught.value.code == "duplicate"
    assert IncomingDocument.objects.count() == 1

    # The scan's text is recognised after commit and reaches the search index.
    outbox_drain()
    scan_row = doc.documentfiles.get(kind=FileKind.SCAN)
    assert "Đại đoàn kết" in scan_row.text or "Dai doan ket" in scan_row.text

    doc = incoming_submit(
        document=doc, actor=users["clerk"], expected_version=doc.row_version
    )
    assert doc.status == IncomingStatus.AWAITING_DIRECTION
    deadline = FRIDAY + timedelta(days=7)
    doc = incoming_direct(
        document=doc,
        directions=[
            UnitDirection(
                office.culture.pk, HandlingRole.LEAD, deadline, "Tham mưu trả lời"
            ),
            UnitDirection(office.office.pk, HandlingRole.COOPERATE, deadline),
        ],
        actor=users["leader"],
        expected_version=doc.row_version,
    )
    assert doc.status == IncomingStatus.IN_PROGRESS
    assert doc.due_date == deadline
    lead = doc.assignments.get(role=HandlingRole.LEAD)
    lead = assignment_assign(
        assignment=lead,
        assignee=users["specialist"],
        actor=users["head"],
        deadline=FRIDAY + timedelta(days=6),
    )
    lead = assignment_propose(
        assignment=lead, proposal="Dự thảo công văn trả lời.", actor=users["specialist"]
    )
    assert lead.status == AssignmentStatus.PROPOSED

    # The reply, drafted here in the Decree 30 layout and sent up for review.
    reply = outgoing_create(
        agency_id=office.ward.pk,
        data=draft_data(
            office,
            reply_to_ids=[doc.pk],
            internal_recipient_ids=[office.other_ward.pk],
        ),
        actor=users["specialist"],
    )
    reply = outgoing_submit(
        document=reply, reviewer_ids=[users["head"].pk], actor=users["specialist"]
    )
    assert reply.status == OutgoingStatus.IN_REVIEW
    draft_text = _text(_read(latest_file(reply, FileKind.DRAFT)), tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in draft_text
    assert "Độc lập - Tự do - Hạnh phúc" in draft_text
    assert "Ngày hội Đại đoàn kết toàn dân tộc" in draft_text
    reply = outgoing_review(document=reply, approve=True, actor=users["head"])
    assert reply.status == OutgoingStatus.AWAITING_SIGNATURE

    reply = outgoing_sign(document=reply, actor=users["leader"])
    assert reply.status == OutgoingStatus.SIGNED
    with django_capture_on_commit_callbacks(execute=False):
        reply = outgoing_issue(document=reply, actor=users["clerk"])
    assert reply.status == OutgoingStatus.ISSUED
    assert reply.number == 1
    assert reply.number_symbol == "01/UBND-VHXH"
    assert reply.issued_date == FRIDAY

    issued = _read(latest_file(reply, FileKind.ISSUED))
    text = _text(issued, tmp_path)
    assert "01/UBND-VHXH" in text
    assert f"Phong Điền, {decree30_date(FRIDAY)}" in text
    signatures = pdfsig(issued, tmp_path)
    assert len(signatures) == 2
    assert all(s.valid for s in signatures)

    # The reply completes the incoming document, and is linked in its trace.
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.COMPLETED
    actions = list(doc.documentevents.values_list("action", flat=True))
    assert actions[-1] == IncomingAction.REPLY_LINK
    assert IncomingAction.COMPLETE in actions

    # The registers: the incoming one with its số đến and the unit that led, the
    # outgoing one with the number, the signer and the recipient on the network.
    [in_row] = exports.incoming_register_rows(
        agency_id=office.ward.pk,
        date_from=FRIDAY,
        date_to=FRIDAY,
        include_secret_subjects=False,
    )
    assert (in_row.arrival_number, in_row.number_symbol) == (1, "1234/SVHTT-QLVH")
    assert "Phòng Văn hóa – Xã hội" in in_row.recipients
    [out_row] = exports.outgoing_register_rows(
        agency_id=office.ward.pk,
        date_from=FRIDAY,
        date_to=FRIDAY,
        include_secret_subjects=False,
    )
    assert out_row.number_symbol == "01/UBND-VHXH"
    assert out_row.signer.splitlines() == [users["leader"].get_full_name(), "Chủ tịch"]
    assert "Phong Thái" in out_row.recipients

    # Delivered on the network: registered at the other ward, electronically.
    outbox_drain()
    delivery = reply.deliveries.get(recipient_agency=office.other_ward)
    assert delivery.status == DeliveryStatus.RECEIVED
    received = delivery.incoming
    assert received is not None
    assert (received.agency_id, received.arrival_number) == (office.other_ward.pk, 1)
    assert received.channel == IncomingChannel.ELECTRONIC
    assert received.number_symbol == "01/UBND-VHXH"
    assert received.issuer_name == "Ủy ban nhân dân phường Phong Điền"

    # Search, without diacritics and by number, from the right side only.
    hits = document_search(user=users["clerk"], on=AT.date(), text="dai doan ket").hits
    assert {h.object_id for h in hits} >= {str(doc.pk), str(reply.pk)}
    by_number = document_search(user=users["clerk"], on=AT.date(), text="01/UBND-VHXH")
    assert by_number.hits[0].object_id == str(reply.pk)
    other = document_search(
        user=users["other_clerk"], on=AT.date(), text="dai doan ket"
    )
    assert {h.object_id for h in other.hits} == {str(received.pk)}


@time_machine.travel(AT, tick=False)
def test_numbers_per_series_and_year(office, keys):
    """Ordinary documents share one series; secret documents have their own;
    numbers start again at 01 on 1 January."""
    users = office.users

    def issue(**extra: object):
        doc = outgoing_create(
            agency_id=office.ward.pk,
            data=draft_data(office, **extra),
            actor=users["specialist"],
        )
        doc = outgoing_submit(document=doc, reviewer_ids=[], actor=users["specialist"])
        doc = outgoing_sign(document=doc, actor=users["leader"])
        return outgoing_issue(document=doc, actor=users["clerk"])

    assert issue().number_symbol == "01/UBND-VHXH"
    assert issue().number_symbol == "02/UBND-VHXH"
    assert issue(secrecy=Secrecy.CONFIDENTIAL).number_symbol == "01/UBND-VHXH"
    new_year = AT.replace(year=AT.year + 1, month=1, day=5)
    with time_machine.travel(new_year, tick=False):
        assert issue().number_symbol == "01/UBND-VHXH"
