"""The officials' document pages: each step through the page, refusals from the
wrong side (anonymous, wrong role, another agency → 404), secret documents,
bad input shown in Vietnamese with nothing stored, constant query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from congso.audit.models import AuditEvent
from congso.documents.constants import (
    AssignmentStatus,
    HandlingRole,
    IncomingStatus,
    OutgoingStatus,
    Secrecy,
)
from congso.documents.models import IncomingDocument, OutgoingDocument
from congso.documents.services.direction import UnitDirection, incoming_direct
from congso.documents.services.incoming import incoming_submit
from congso.documents.tests.factories import register
from congso.signatures.signing.appearance import stamp_pdf

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _date(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def test_register_through_the_page_with_a_scan(client, office):
    _login(client, office.users["clerk"])
    pdf = stamp_pdf("<p>Công văn</p>", width_pt=595, height_pt=842)
    response = client.post(
        reverse("documents:incoming-new"),
        {
            "channel": "paper",
            "issuer_name": "Sở Nội vụ",
            "number_symbol": "45/SNV-VP",
            "issued_date": "02/11/2025",
            "subject": "Về việc báo cáo công tác văn thư năm 2025",
            "urgency": "urgent",
            "secrecy": "none",
            "scan": SimpleUploadedFile("cv.pdf", pdf),
        },
    )
    doc = IncomingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:incoming-detail", args=[doc.pk])
    assert doc.registration_due == timezone.localdate()  # urgent: the same day
    page = client.get(response["Location"])
    assert "Về việc báo cáo công tác văn thư năm 2025" in page.content.decode()
    assert "cv.pdf" in page.content.decode()


def test_bad_registration_is_refused_in_vietnamese_and_stores_nothing(client, office):
    _login(client, office.users["clerk"])
    response = client.post(
        reverse("documents:incoming-new"),
        {
            "channel": "paper",
            "issuer_name": "Sở Nội vụ",
            "subject": "Về việc x",
            "urgency": "normal",
            "secrecy": "none",
            "issued_date": "2025-13-45",
            "scan": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf"),
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert IncomingDocument.objects.count() == 0
    html = response.content.decode()
    assert "Nhập một ngày hợp lệ" in html or "ngày" in html


def test_wrong_type_upload_is_refused(client, office):
    _login(client, office.users["clerk"])
    response = client.post(
        reverse("documents:incoming-new"),
        {
            "channel": "paper",
            "issuer_name": "Sở Nội vụ",
            "subject": "Về việc x",
            "urgency": "normal",
            "secrecy": "none",
            "scan": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "virus.pdf" in response.content.decode()
    assert IncomingDocument.objects.count() == 0


def test_direction_and_assignment_through_the_pages(client, office):
    users = office.users
    doc = register(office)
    incoming_submit(document=doc, actor=users["clerk"])
    doc.refresh_from_db()
    _login(client, users["leader"])
    response = client.post(
        reverse("documents:incoming-direct", args=[doc.pk]),
        {
            "lead_unit": office.culture.pk,
            "lead_deadline": _date(5),
            "cooperating": [office.office.pk],
            "instruction": "Giao Phòng VHXH chủ trì",
            "expected_version": doc.row_version,
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.IN_PROGRESS
    lead = doc.assignments.get(role=HandlingRole.LEAD)
    _login(client, users["head"])
    page = client.get(reverse("documents:incoming-detail", args=[doc.pk]))
    assert users["specialist"].get_full_name() in page.content.decode()
    response = client.post(
        reverse("documents:assignment-assign", args=[doc.pk, lead.pk]),
        {
            "assignee": users["specialist"].pk,
            "deadline": _date(4),
            "expected_version": doc.row_version,
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.ASSIGNED
    doc.refresh_from_db()
    _login(client, users["specialist"])
    response = client.post(
        reverse("documents:assignment-work", args=[doc.pk, lead.pk]),
        {
            "action": "propose",
            "text": "Đề xuất trả lời",
            "expected_version": doc.row_version,
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.proposal == "Đề xuất trả lời"


def test_stale_version_is_refused(client, office):
    doc = register(office)
    _login(client, office.users["clerk"])
    response = client.post(
        reverse("documents:incoming-step", args=[doc.pk]),
        {"action": "submit", "expected_version": doc.row_version + 7},
    )
    assert response.status_code == 400
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.REGISTERED


def test_wrong_role_cannot_direct(client, office):
    doc = register(office)
    _login(client, office.users["specialist"])
    response = client.post(
        reverse("documents:incoming-direct", args=[doc.pk]),
        {"lead_unit": office.culture.pk, "expected_version": doc.row_version},
    )
    assert response.status_code == 400
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.REGISTERED
    assert not doc.assignments.exists()


@pytest.mark.parametrize(
    "name", ["incoming-detail", "incoming-step", "incoming-direct"]
)
def test_other_agency_gets_404(client, office, name):
    doc = register(office)
    _login(client, office.users["other_leader"])
    url = reverse(f"documents:{name}", args=[doc.pk])
    response = client.get(url) if name == "incoming-detail" else client.post(url, {})
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, office):
    doc = register(office)
    response = client.get(reverse("documents:incoming-detail", args=[doc.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_secret_document_visible_to_leader_only_and_audited(client, office):
    doc = register(office, secrecy=Secrecy.SECRET, number_symbol="9/M-CA")
    _login(client, office.users["specialist"])
    assert (
        client.get(reverse("documents:incoming-detail", args=[doc.pk])).status_code
        == 404
    )
    listing = client.get(reverse("documents:incoming-list")).content.decode()
    assert doc.subject not in listing
    _login(client, office.users["leader"])
    assert (
        client.get(reverse("documents:incoming-detail", args=[doc.pk])).status_code
        == 200
    )
    assert AuditEvent.objects.filter(
        event_type="documents.incoming.viewed", object_id=str(doc.pk)
    ).exists()


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["incoming-list", "outgoing-list", "work"])
def test_list_pages_use_constant_queries(client, office, name):
    users = office.users
    _login(client, users["leader"])
    url = reverse(f"documents:{name}")
    register(office, number_symbol="1/X")
    one = _count(client, url)
    for n in range(2, 21):
        doc = register(office, number_symbol=f"{n}/X")
        incoming_submit(document=doc, actor=users["clerk"])
    assert _count(client, url) == one


def test_outgoing_draft_through_the_page(client, office):
    users = office.users
    _login(client, users["specialist"])
    response = client.post(
        reverse("documents:outgoing-new"),
        {
            "doc_type": "official_letter",
            "subject": "V/v rà soát hồ sơ công việc năm 2026",
            "body": "Đề nghị các đơn vị rà soát.",
            "place": "Phong Điền",
            "drafting_unit": office.culture.pk,
            "signer": users["leader"].pk,
            "competence": "TM.",
            "competence_of": "Ủy ban nhân dân",
            "signer_title": "Chủ tịch",
            "urgency": "normal",
            "secrecy": "none",
            "external_recipients": "Các phòng chuyên môn\nLưu: VT, VHXH",
        },
    )
    doc = OutgoingDocument.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("documents:outgoing-action", args=[doc.pk]),
        {
            "action": "submit",
            "reviewers": [users["head"].pk],
            "expected_version": doc.row_version,
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.IN_REVIEW
    # Editing is refused now that it left the drafter.
    response = client.post(
        reverse("documents:outgoing-edit", args=[doc.pk]),
        {
            "doc_type": "official_letter",
            "subject": "V/v khác",
            "body": "x",
            "place": "Phong Điền",
            "drafting_unit": office.culture.pk,
            "signer": users["leader"].pk,
            "signer_title": "Chủ tịch",
            "urgency": "normal",
            "secrecy": "none",
            "expected_version": doc.row_version,
        },
    )
    assert response.status_code == 400
    doc.refresh_from_db()
    assert doc.subject == "V/v rà soát hồ sơ công việc năm 2026"


def test_other_pages_render(client, office):
    doc = register(office)
    incoming_direct(
        document=doc,
        directions=[UnitDirection(office.culture.pk, HandlingRole.LEAD)],
        actor=office.users["leader"],
    )
    _login(client, office.users["leader"])
    for name in ("work", "search", "statistics", "case-file-list", "outgoing-new"):
        assert client.get(reverse(f"documents:{name}")).status_code == 200, name
    found = client.get(reverse("documents:search"), {"q": "dai doan ket"})
    html = found.content.decode()
    assert reverse("documents:incoming-detail", args=[doc.pk]) in html
    assert "<mark>Đại</mark>" in html


def test_registers_and_exports_download(client, office):
    """The registers come as PDF and Excel for the period asked; a bad period
    gets a Vietnamese 400; the secret register is only for secret readers."""
    register(office)
    today = timezone.localdate().strftime("%d/%m/%Y")
    first = f"01/01/{timezone.localdate().year}"
    period = {"date_from": first, "date_to": today}
    _login(client, office.users["clerk"])
    for kind in ("incoming", "tracking", "outgoing", "secret"):
        pdf = client.get(
            reverse("documents:register-download", args=[kind, "pdf"]), period
        )
        assert pdf.status_code == 200, kind
        assert pdf.content.startswith(b"%PDF-")
        xlsx = client.get(
            reverse("documents:register-download", args=[kind, "xlsx"]), period
        )
        assert xlsx.content.startswith(b"PK")
    bad = client.get(
        reverse("documents:register-download", args=["incoming", "pdf"]),
        {"date_from": "2025-13-01", "date_to": today},
    )
    assert bad.status_code == 400
    _login(client, office.users["specialist"])
    secret = client.get(
        reverse("documents:register-download", args=["secret", "pdf"]), period
    )
    assert secret.status_code == 404
    stats = client.get(reverse("documents:statistics-download"), period)
    assert stats.content.startswith(b"PK")


def test_case_file_export_needs_every_document_readable(client, office):
    from congso.accounts.models import AgencyVersion
    from congso.documents.services.records import case_file_add, case_file_open

    AgencyVersion.objects.filter(agency=office.ward).update(
        electronic_id="000.10.00.H57"
    )
    users = office.users
    case = case_file_open(
        agency_id=office.ward.pk,
        notation="VHXH-01",
        title="Hồ sơ Ngày hội",
        retention="years",
        retention_years=10,
        creator="Phòng VHXH",
        actor=users["clerk"],
    )
    case_file_add(case_file=case, incoming=register(office), actor=users["clerk"])
    _login(client, users["specialist"])
    url = reverse("documents:case-file-export", args=[case.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    secret = register(office, secrecy=Secrecy.SECRET, number_symbol="5/M")
    case_file_add(case_file=case, incoming=secret, actor=users["clerk"])
    assert client.get(url).status_code == 404
    _login(client, users["leader"])
    assert client.get(url).status_code == 200


def test_handling_slip_pdf(client, office, tmp_path):
    from congso.core.tests.system import require_tool

    doc = register(office)
    incoming_direct(
        document=doc,
        directions=[UnitDirection(office.culture.pk, HandlingRole.LEAD)],
        actor=office.users["leader"],
        note="",
    )
    _login(client, office.users["leader"])
    response = client.get(reverse("documents:incoming-slip", args=[doc.pk]))
    assert response.status_code == 200
    path = tmp_path / "slip.pdf"
    path.write_bytes(response.content)
    import subprocess

    text = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN" in text
    assert "Phòng Văn hóa – Xã hội" in " ".join(text.split())
    assert "Chủ trì" in text
    _login(client, office.users["other_leader"])
    assert (
        client.get(reverse("documents:incoming-slip", args=[doc.pk])).status_code == 404
    )
