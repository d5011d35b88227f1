"""The documents API: incoming register and handling, outgoing drafts to
issuance, downloads, search, statistics and case files — with the project
error format, scope (other agency → 404), roles (403), anonymous (401), secret
documents (invisible and audited), bad input (4xx, nothing stored), stale
versions (409) and constant query counts."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from congso.accounts.constants import Role
from congso.accounts.tests.factories import official
from congso.audit.models import AuditEvent
from congso.documents.constants import (
    AssignmentStatus,
    HandlingRole,
    IncomingAction,
    IncomingStatus,
    OutgoingStatus,
    Secrecy,
)
from congso.documents.models import (
    CaseFile,
    DocumentEvent,
    DocumentFile,
    HandlingAssignment,
    IncomingDocument,
    NumberAllocation,
    OutgoingDocument,
)
from congso.documents.services.direction import UnitDirection, incoming_direct
from congso.documents.services.incoming import (
    UploadedFile,
    incoming_register,
    incoming_submit,
)
from congso.documents.services.outgoing import outgoing_create
from congso.documents.services.records import case_file_open
from congso.documents.tests.factories import (
    Office,
    draft_data,
    incoming_data,
    register,
)

pytestmark = pytest.mark.django_db

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8

INCOMING = "api-document-incoming-list"
OUTGOING = "api-document-outgoing-list"
SEARCH = "api-document-search"
STATISTICS = "api-document-statistics"
CASE_FILES = "api-document-case-file-list"


def _url(name: str, *args: object) -> str:
    return reverse(name, args=list(args))


def _post(client, url: str, data: dict[str, Any], **extra: Any):
    return client.post(url, data, content_type="application/json", **extra)


def _as(client, office: Office, who: str):
    client.force_login(office.users[who])
    return client


def _in_a_week() -> str:
    return (timezone.localdate() + timedelta(days=7)).isoformat()


def _incoming_action(client, doc_id: int, action: str, version: int, **extra: Any):
    return _post(
        client,
        _url("api-document-incoming-action", doc_id),
        {"action": action, "expected_version": version, **extra},
    )


def _outgoing_action(client, doc_id: int, action: str, version: int, **extra: Any):
    return _post(
        client,
        _url("api-document-outgoing-action", doc_id),
        {"action": action, "expected_version": version, **extra},
    )


def _directed(office: Office) -> IncomingDocument:
    """A registered document directed to culture (lead) and the office."""
    doc = register(office)
    doc = incoming_submit(document=doc, actor=office.users["clerk"])
    return incoming_direct(
        document=doc,
        directions=[
            UnitDirection(office.culture.pk, HandlingRole.LEAD),
            UnitDirection(office.office.pk, HandlingRole.COOPERATE),
        ],
        actor=office.users["leader"],
    )


def _secret(office: Office) -> IncomingDocument:
    return register(
        office,
        secrecy=Secrecy.CONFIDENTIAL,
        number_symbol="07/BCA-A02",
        issuer_name="Công an thành phố Huế",
        subject="Về việc bảo vệ bí mật nhà nước năm 2026",
        files=[UploadedFile("mat.pdf", PDF)],
    )


# -- anonymous, tokens -------------------------------------------------------------


def _every_endpoint(office: Office) -> list[tuple[str, str]]:
    doc = _directed(office)
    assignment = doc.assignments.get(role=HandlingRole.LEAD)
    draft = outgoing_create(
        agency_id=office.ward.pk, data=draft_data(office), actor=office.users["clerk"]
    )
    case_file = case_file_open(
        agency_id=office.ward.pk,
        notation="01.VP",
        title="Hồ sơ thử",
        retention="permanent",
        retention_years=None,
        creator="",
        actor=office.users["clerk"],
    )
    scan = register(office, number_symbol="9/X", files=[UploadedFile("a.pdf", PDF)])
    file_id = scan.documentfiles.get().pk
    return [
        ("get", _url(INCOMING)),
        ("post", _url(INCOMING)),
        ("get", _url("api-document-incoming-detail", doc.pk)),
        ("post", _url("api-document-incoming-action", doc.pk)),
        ("post", _url("api-document-assignment-action", assignment.pk)),
        ("get", _url("api-document-file-download", file_id)),
        ("get", _url(OUTGOING)),
        ("post", _url(OUTGOING)),
        ("get", _url("api-document-outgoing-detail", draft.pk)),
        ("patch", _url("api-document-outgoing-detail", draft.pk)),
        ("post", _url("api-document-outgoing-action", draft.pk)),
        ("get", _url(SEARCH)),
        ("get", _url(STATISTICS)),
        ("get", _url(CASE_FILES)),
        ("post", _url(CASE_FILES)),
        ("post", _url("api-document-case-file-documents", case_file.pk)),
        ("post", _url("api-document-case-file-close", case_file.pk)),
    ]


def test_anonymous_gets_401_everywhere(client, office):
    """Every endpoint answers an anonymous caller 401 in the project format."""
    for method, url in _every_endpoint(office):
        response = getattr(client, method)(url, **VI)
        assert response.status_code == 401, (method, url)
        assert response.json()["code"] == "not_authenticated"


def test_other_agency_gets_404_for_every_object(client, office):
    """An official of another agency cannot tell the objects exist: 404 on
    every endpoint that names one."""
    named = [
        (method, url)
        for method, url in _every_endpoint(office)
        if any(part.isdigit() for part in url.split("/"))
    ]
    assert len(named) == 9
    _as(client, office, "other_leader")
    for method, url in named:
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code == 404, (method, url)
        foreign = response.json()
        assert foreign["code"] == "not_found"
        unknown_url = "/".join(
            p if not p.isdigit() else "999999" for p in url.split("/")
        )
        unknown = getattr(client, method)(
            unknown_url, {}, content_type="application/json"
        )
        assert (unknown.status_code, unknown.json()) == (404, foreign)  # alike


def test_token_authentication(client, office):
    register(office)
    token = Token.objects.create(user=office.users["clerk"])
    response = client.get(_url(INCOMING), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


# -- incoming: register, handle -----------------------------------------------------


def test_register_json_and_read_back(client, office):
    _as(client, office, "clerk")
    response = _post(
        client,
        _url(INCOMING),
        {
            "issuer_name": "Sở Nội vụ thành phố Huế",
            "subject": "Về việc   tuyển dụng công chức năm 2026",
            "number_symbol": "456/SNV-CCVC",
            "doc_type": "official_letter",
            "issued_date": "20/11/2026",
            "urgency": "urgent",
        },
    )
    assert response.status_code == 201
    body = response.json()
    doc = IncomingDocument.objects.get()
    assert body["id"] == doc.pk
    assert body["arrival_number"] == 1
    assert body["subject"] == "Về việc tuyển dụng công chức năm 2026"
    assert body["issued_date"] == "2026-11-20"
    assert body["urgency"] == "urgent"
    assert body["status"] == IncomingStatus.REGISTERED
    assert response["Location"].endswith(f"/api/v1/documents/incoming/{doc.pk}/")
    assert [e["action"] for e in body["trace"]] == ["register"]
    assert "submit" in body["allowed_actions"]
    assert "recall" not in body["allowed_actions"]  # the sender's, not the API's


def test_register_multipart_with_files_and_download(client, office):
    _as(client, office, "clerk")
    response = client.post(
        _url(INCOMING),
        {
            "issuer_name": "Sở Y tế",
            "subject": "Về việc tiêm chủng",
            "files": [SimpleUploadedFile("Công văn số 1.pdf", PDF)],
            "attachments": [SimpleUploadedFile("phu-luc.pdf", PDF)],
        },
    )
    assert response.status_code == 201, response.json()
    files = response.json()["files"]
    assert [(f["kind"], f["name"]) for f in files] == [
        ("scan", "Công văn số 1.pdf"),
        ("attachment", "phu-luc.pdf"),
    ]
    download = client.get(files[0]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "filename*=utf-8''C%C3%B4ng%20v%C4%83n" in download["Content-Disposition"]
    assert not AuditEvent.objects.filter(
        event_type__in=["documents.incoming.viewed", "documents.incoming.downloaded"]
    ).exists()  # only secret documents' reads are recorded


def test_incoming_happy_path(client, office):
    """Register → submit → direct → assign → propose → complete, each by the
    right official through the API, the version moving on each step."""
    _as(client, office, "clerk")
    doc_id = _post(
        client, _url(INCOMING), {"issuer_name": "Sở Y tế", "subject": "Về việc A"}
    ).json()["id"]
    body = _incoming_action(client, doc_id, "submit", 0).json()
    assert body["status"] == IncomingStatus.AWAITING_DIRECTION

    _as(client, office, "leader")
    units = [
        {
            "unit": office.culture.pk,
            "role": "lead",
            "deadline": _in_a_week(),
            "instruction": "Tham mưu trả lời",
        },
        {"unit": office.office.pk, "role": "cooperate"},
    ]
    response = _incoming_action(client, doc_id, "direct", 1, units=units)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == IncomingStatus.IN_PROGRESS
    assert body["due_date"] == _in_a_week()
    lead = next(a for a in body["assignments"] if a["role"] == "lead")
    assert lead["unit_name"] == "Phòng Văn hóa – Xã hội"
    assignment_url = lead["actions_url"]

    _as(client, office, "head")
    response = _post(
        client,
        assignment_url,
        {
            "action": "assign",
            "assignee": office.users["specialist"].pk,
            "expected_version": body["row_version"],
        },
    )
    assert response.status_code == 200, response.json()
    version = response.json()["row_version"]

    _as(client, office, "specialist")
    response = _post(
        client,
        assignment_url,
        {
            "action": "propose",
            "proposal": "Đề xuất dự thảo trả lời.",
            "expected_version": version,
        },
    )
    assert response.status_code == 200, response.json()
    version = response.json()["row_version"]

    _as(client, office, "head")
    response = _post(
        client, assignment_url, {"action": "complete", "expected_version": version}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == IncomingStatus.COMPLETED
    assert {a["status"] for a in body["assignments"]} == {AssignmentStatus.DONE}
    assert [e["action"] for e in body["trace"]] == [
        "register",
        "submit",
        "direct",
        "assign",
        "propose",
        "complete",
    ]


def test_file_and_return(client, office):
    first, second = register(office), register(office, number_symbol="2/X")
    _as(client, office, "clerk")
    assert _incoming_action(client, first.pk, "file", 0).json()["status"] == "filed"
    refused = _incoming_action(client, second.pk, "return", 0, **VI)
    assert refused.status_code == 400
    assert refused.json()["code"] == "reason"
    returned = _incoming_action(client, second.pk, "return", 0, note="Gửi nhầm")
    assert returned.json()["status"] == IncomingStatus.RETURNED


@pytest.mark.parametrize(
    ("who", "action"),
    [("specialist", "submit"), ("clerk", "direct"), ("head", "return")],
)
def test_incoming_actions_need_the_role(client, office, who, action):
    doc = register(office)
    extra = {
        "units": [{"unit": office.culture.pk, "role": "lead"}],
        "note": "Gửi nhầm",
    }
    response = _incoming_action(_as(client, office, who), doc.pk, action, 0, **extra)
    assert response.status_code == 403
    assert response.json()["code"] == "role"
    doc.refresh_from_db()
    assert (doc.status, doc.row_version) == (IncomingStatus.REGISTERED, 0)


def test_register_needs_the_clerk_role(client, office):
    _as(client, office, "specialist")
    body = {"issuer_name": "Sở Y tế", "subject": "Về việc A"}
    assert _post(client, _url(INCOMING), body).status_code == 403
    client.force_login(official("khongvaitro"))
    assert _post(client, _url(INCOMING), body).status_code == 403
    assert not IncomingDocument.objects.exists()


def test_assignment_actions_need_the_role(client, office):
    doc = _directed(office)
    lead = doc.assignments.get(role=HandlingRole.LEAD)
    url = _url("api-document-assignment-action", lead.pk)
    assign = {
        "action": "assign",
        "assignee": office.users["specialist"].pk,
        "expected_version": doc.row_version,
    }
    _as(client, office, "specialist")
    assert _post(client, url, assign).status_code == 403
    _as(client, office, "office_head")  # heads another unit
    assert _post(client, url, assign).status_code == 403
    propose = {
        "action": "propose",
        "proposal": "X",
        "expected_version": doc.row_version,
    }
    refused = _post(client, url, propose)  # nobody assigned yet
    assert refused.status_code == 400
    assert refused.json()["code"] == "not_assignee"
    lead.refresh_from_db()
    assert (lead.status, lead.assignee_id) == (AssignmentStatus.AT_UNIT, None)


# -- secret documents -------------------------------------------------------------


@pytest.mark.parametrize("who", ["specialist", "head", "other_leader", "other_clerk"])
def test_secret_incoming_is_invisible(client, office, who):
    """Not in the list, 404 on detail, actions and download, no search hit."""
    doc = _secret(office)
    file_id = doc.documentfiles.get().pk
    _as(client, office, who)
    assert client.get(_url(INCOMING)).json()["count"] == 0
    assert client.get(_url("api-document-incoming-detail", doc.pk)).status_code == 404
    assert _incoming_action(client, doc.pk, "submit", 0).status_code == 404
    assert client.get(_url("api-document-file-download", file_id)).status_code == 404
    found = client.get(_url(SEARCH), {"q": "bi mat nha nuoc"}).json()
    assert (found["total"], found["hits"]) == (0, [])
    assert client.get(_url(SEARCH), {"q": "07/BCA-A02"}).json()["total"] == 0
    assert (
        not AuditEvent.objects.filter(
            event_type__startswith="documents.incoming.", object_id=str(doc.pk)
        )
        .exclude(event_type="documents.incoming.registered")
        .exists()
    )


def test_secret_incoming_is_visible_to_the_leader_and_each_read_is_audited(
    client, office
):
    doc = _secret(office)
    file_id = doc.documentfiles.get().pk
    _as(client, office, "leader")
    assert client.get(_url(INCOMING)).json()["results"][0]["id"] == doc.pk
    detail = client.get(_url("api-document-incoming-detail", doc.pk))
    assert detail.status_code == 200
    assert detail.json()["secrecy"] == Secrecy.CONFIDENTIAL
    viewed = AuditEvent.objects.get(event_type="documents.incoming.viewed")
    assert viewed.actor_id == office.users["leader"].pk
    assert viewed.object_id == str(doc.pk)
    download = client.get(_url("api-document-file-download", file_id))
    assert download.status_code == 200
    downloaded = AuditEvent.objects.get(event_type="documents.incoming.downloaded")
    assert downloaded.data["file"] == file_id
    hits = client.get(_url(SEARCH), {"q": "bí mật nhà nước"}).json()["hits"]
    assert [(h["direction"], h["id"]) for h in hits] == [("incoming", doc.pk)]
    assert hits[0]["url"].endswith(f"/api/v1/documents/incoming/{doc.pk}/")
    assert "<mark>" in hits[0]["title_html"]


def test_secret_incoming_is_visible_to_the_directed_unit_head(client, office):
    """Directed to a unit: its head may read it (and the read is recorded)."""
    doc = _secret(office)
    incoming_direct(
        document=doc,
        directions=[UnitDirection(office.culture.pk, HandlingRole.LEAD)],
        actor=office.users["leader"],
    )
    _as(client, office, "head")
    assert client.get(_url("api-document-incoming-detail", doc.pk)).status_code == 200
    assert (
        AuditEvent.objects.filter(event_type="documents.incoming.viewed").count() == 1
    )
    _as(client, office, "office_head")
    assert client.get(_url("api-document-incoming-detail", doc.pk)).status_code == 404


# -- bad input --------------------------------------------------------------------


def _nothing_stored() -> None:
    assert not IncomingDocument.objects.exists()
    assert not DocumentFile.objects.exists()
    assert not NumberAllocation.objects.exists()


def test_nfd_text_is_stored_nfc(client, office):
    subject = unicodedata.normalize("NFD", "Về việc Ngày hội Đại đoàn kết")
    _as(client, office, "clerk")
    body = {"issuer_name": unicodedata.normalize("NFD", "Sở Y tế"), "subject": subject}
    assert _post(client, _url(INCOMING), body).status_code == 201
    doc = IncomingDocument.objects.get()
    assert doc.subject == unicodedata.normalize("NFC", subject)
    assert doc.issuer_name == "Sở Y tế"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"subject": "A" * 501}, "subject", "Trường này không được dài quá 500 ký tự."),
        ({"subject": ""}, "subject", None),
        ({"issued_date": "11/25/2026"}, "issued_date", None),  # US order
        ({"issued_date": "31/02/2026"}, "issued_date", None),  # no such day
        ({"secrecy": "very_secret"}, "secrecy", None),
        ({"page_count": 0}, "page_count", None),
    ],
)
def test_bad_register_input_is_400_and_stores_nothing(
    client, office, changes, field, message
):
    _as(client, office, "clerk")
    body = {"issuer_name": "Sở Y tế", "subject": "Về việc A", **changes}
    response = _post(client, _url(INCOMING), body, **VI)
    assert response.status_code == 400
    payload = response.json()
    assert payload["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert field in payload["errors"]
    if message:
        assert payload["errors"][field] == [message]
    _nothing_stored()


def test_future_arrival_is_refused_by_the_service(client, office):
    _as(client, office, "clerk")
    later = (timezone.now() + timedelta(days=2)).isoformat()
    body = {"issuer_name": "Sở Y tế", "subject": "Về việc A", "received_at": later}
    response = _post(client, _url(INCOMING), body)
    assert response.status_code == 400
    assert "received_at" in response.json()["errors"]
    _nothing_stored()


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("cong-van.pdf", EXE, "files"),  # an executable renamed .pdf
        ("bang-tinh.xlsx", b"PK\x03\x04not-a-zip", "attachments"),
    ],
)
def test_wrong_file_type_is_refused_and_nothing_stored(
    client, office, name, data, field
):
    _as(client, office, "clerk")
    response = client.post(
        _url(INCOMING),
        {
            "issuer_name": "Sở Y tế",
            "subject": "Về việc A",
            field: [SimpleUploadedFile(name, data, content_type="application/pdf")],
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "file_type"
    assert name in response.json()["detail"]
    _nothing_stored()


def test_duplicate_is_409_then_registered_on_purpose(client, office):
    register(office)
    _as(client, office, "clerk")
    body = {
        "issuer_name": "Sở Văn hóa và Thể thao thành phố Huế",
        "subject": "Về việc khác",
        "number_symbol": "1234/SVHTT-QLVH",
    }
    conflict = _post(client, _url(INCOMING), body)
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "duplicate"
    assert IncomingDocument.objects.count() == 1
    again = _post(client, _url(INCOMING), {**body, "allow_duplicate": True})
    assert again.status_code == 201


def test_stale_version_is_409_and_changes_nothing(client, office):
    doc = register(office)
    incoming_submit(document=doc, actor=office.users["clerk"])
    events = DocumentEvent.objects.count()
    _as(client, office, "leader")
    response = _incoming_action(client, doc.pk, "file", 0)
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    doc.refresh_from_db()
    assert (doc.status, doc.row_version) == (IncomingStatus.AWAITING_DIRECTION, 1)
    assert DocumentEvent.objects.count() == events


def test_illegal_transition_is_400_and_changes_nothing(client, office):
    doc = _directed(office)
    events = DocumentEvent.objects.count()
    _as(client, office, "clerk")
    response = _incoming_action(client, doc.pk, "submit", doc.row_version, **VI)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "transition_not_allowed"
    with translation.override("vi"):  # in the caller's language (the catalogue's)
        expected = gettext(
            "“%(action)s” is not possible for a document that is “%(status)s”."
        ) % {
            "action": IncomingAction.SUBMIT.label,
            "status": IncomingStatus.IN_PROGRESS.label,
        }
    assert body["detail"] == expected
    doc.refresh_from_db()
    assert doc.status == IncomingStatus.IN_PROGRESS
    assert DocumentEvent.objects.count() == events


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"action": "direct", "expected_version": 0}, "units"),
        ({"action": "recall", "expected_version": 0}, "action"),
        ({"action": "submit"}, "expected_version"),
        (
            {
                "action": "direct",
                "expected_version": 0,
                "units": [{"unit": 1, "role": "boss"}],
            },
            "units",
        ),
    ],
)
def test_bad_action_input_is_400(client, office, payload, field):
    doc = register(office)
    _as(client, office, "leader")
    response = _post(client, _url("api-document-incoming-action", doc.pk), payload)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not HandlingAssignment.objects.exists()


def test_direction_needs_one_lead(client, office):
    doc = register(office)
    _as(client, office, "leader")
    units = [{"unit": office.culture.pk, "role": "cooperate"}]
    response = _incoming_action(client, doc.pk, "direct", 0, units=units)
    assert response.status_code == 400
    assert response.json()["code"] == "one_lead"
    assert not HandlingAssignment.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"date_from": "2026-13-01"},
        {"date_to": "12/31/2026"},
        {"secrecy": "x"},
    ],
)
def test_bad_filters_are_400(client, office, query):
    _as(client, office, "clerk")
    response = client.get(_url(INCOMING), query, **VI)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(query)


def test_list_filters(client, office):
    register(office, urgency="flash")
    register(office, number_symbol="2/X", issuer_name="Bộ Nội vụ")
    old = register(
        office,
        number_symbol="3/X",
        received_at=timezone.now() - timedelta(days=40),
        issued_date=None,
    )
    _as(client, office, "clerk")

    def ids(**query: str) -> set[int]:
        response = client.get(_url(INCOMING), query)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert len(ids()) == 3
    assert len(ids(urgency="flash")) == 1
    assert len(ids(issuer="bo noi VU")) == 1  # folded, part of the name
    month_ago = (timezone.localdate() - timedelta(days=30)).strftime("%d/%m/%Y")
    assert old.pk not in ids(date_from=month_ago)
    assert ids(date_to=month_ago) == {old.pk}
    assert len(ids(status="registered")) == 3
    assert ids(status="completed") == set()


# -- outgoing ---------------------------------------------------------------------


def _draft_payload(office: Office, **changes: Any) -> dict[str, Any]:
    return {
        "doc_type": "official_letter",
        "subject": "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        "signer": office.users["leader"].pk,
        "signer_title": "Chủ tịch",
        "competence": "TM.",
        "competence_of": "Ủy ban nhân dân",
        "body": "Ủy ban nhân dân phường đề nghị các tổ dân phố tổ chức Ngày hội.",
        "place": "Phong Điền",
        "drafting_unit": office.culture.pk,
        "internal_recipients": [office.other_ward.pk],
        "external_recipients": "Như trên\nLưu: VT, VHXH",
        **changes,
    }


def test_outgoing_draft_review_and_refusals(client, office):
    """Create → edit → submit → approve; ``sign`` by anyone but the signer is
    refused and changes nothing; the signer returns it; the drafter cancels."""
    _as(client, office, "specialist")
    created = _post(client, _url(OUTGOING), _draft_payload(office))
    assert created.status_code == 201, created.json()
    body = created.json()
    doc_id = body["id"]
    assert (body["status"], body["row_version"]) == (OutgoingStatus.DRAFT, 0)
    assert body["internal_recipients"] == [
        {"id": office.other_ward.pk, "name": "Ủy ban nhân dân phường Phong Thái"}
    ]
    detail_url = _url("api-document-outgoing-detail", doc_id)
    edited = client.patch(
        detail_url,
        {"subject": "V/v Ngày hội năm 2026", "expected_version": 0},
        content_type="application/json",
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["subject"] == "V/v Ngày hội năm 2026"
    assert edited.json()["body"].startswith("Ủy ban nhân dân phường")  # kept
    assert edited.json()["internal_recipients"][0]["id"] == office.other_ward.pk
    stale = client.patch(
        detail_url,
        {"subject": "X", "expected_version": 0},
        content_type="application/json",
    )
    assert stale.status_code == 409

    reviewers = [office.users["deputy"].pk]
    submitted = _outgoing_action(client, doc_id, "submit", 1, reviewers=reviewers)
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert body["status"] == OutgoingStatus.IN_REVIEW
    assert body["pending_reviewer"] == office.users["deputy"].pk
    assert [f["kind"] for f in body["files"]] == ["draft"]

    _as(client, office, "deputy")
    body = _outgoing_action(client, doc_id, "approve", 2).json()
    assert body["status"] == OutgoingStatus.AWAITING_SIGNATURE
    version = body["row_version"]

    for who in ("deputy", "specialist", "clerk"):
        refused = _outgoing_action(_as(client, office, who), doc_id, "sign", version)
        assert refused.status_code in (400, 403), who
        assert refused.json()["code"] in ("not_signer", "role")
    doc = OutgoingDocument.objects.get()
    assert (doc.status, doc.row_version) == (OutgoingStatus.AWAITING_SIGNATURE, version)
    assert not doc.documentfiles.filter(kind="signed").exists()

    _as(client, office, "clerk")
    refused = _outgoing_action(client, doc_id, "issue", version)
    assert refused.status_code == 400
    assert refused.json()["code"] == "transition_not_allowed"

    _as(client, office, "leader")
    without_reason = _outgoing_action(client, doc_id, "return", version)
    assert without_reason.status_code == 400
    returned = _outgoing_action(client, doc_id, "return", version, note="Sửa câu 2")
    assert returned.json()["status"] == OutgoingStatus.DRAFT

    _as(client, office, "specialist")
    cancelled = _outgoing_action(
        client, doc_id, "cancel", returned.json()["row_version"]
    )
    assert cancelled.json()["status"] == OutgoingStatus.CANCELLED
    assert "edit" not in cancelled.json()["allowed_actions"]


def _reception_officer(office: Office):
    """An official of the ward whose role has nothing to do with documents."""
    return official("motcua", role=Role.RECEPTION_OFFICER, at=office.ward)


def test_outgoing_wrong_roles_and_bad_input(client, office):
    client.force_login(official("khongvaitro"))
    assert _post(client, _url(OUTGOING), _draft_payload(office)).status_code == 403
    client.force_login(_reception_officer(office))
    assert _post(client, _url(OUTGOING), _draft_payload(office)).status_code == 403
    _as(client, office, "other_clerk")  # for an agency not theirs
    for_ward = _draft_payload(office, agency=office.ward.pk)
    assert _post(client, _url(OUTGOING), for_ward).status_code == 403
    _as(client, office, "specialist")
    not_a_signer = _draft_payload(office, signer=office.users["head"].pk)
    refused = _post(client, _url(OUTGOING), not_a_signer)
    assert refused.status_code == 400
    assert refused.json()["code"] == "signer"
    unknown = _post(
        client, _url(OUTGOING), _draft_payload(office, internal_recipients=[999999])
    )
    assert unknown.status_code == 400
    assert "internal_recipients" in unknown.json()["errors"]
    too_long = _post(client, _url(OUTGOING), _draft_payload(office, subject="Á" * 501))
    assert "subject" in too_long.json()["errors"]
    exe = client.post(
        _url(OUTGOING),
        {
            **{k: v for k, v in _draft_payload(office).items() if k != "body"},
            "internal_recipients": [],
            "file": SimpleUploadedFile("du-thao.pdf", EXE),
        },
    )
    assert exe.status_code == 400, exe.json()
    assert exe.json()["code"] == "file_type"
    assert not OutgoingDocument.objects.exists()


def test_outgoing_actions_of_others_are_refused(client, office):
    doc = outgoing_create(
        agency_id=office.ward.pk,
        data=draft_data(office),
        actor=office.users["specialist"],
    )
    client.force_login(_reception_officer(office))
    assert _outgoing_action(client, doc.pk, "submit", 0).status_code == 403
    _as(client, office, "office_specialist")  # neither drafter nor leader
    assert _outgoing_action(client, doc.pk, "cancel", 0).status_code == 403
    assert _outgoing_action(client, doc.pk, "recall", 0, reason="X").status_code == 403
    _as(client, office, "leader")  # issuing is the document office's
    assert _outgoing_action(client, doc.pk, "issue", 0).status_code == 403
    doc.refresh_from_db()
    assert (doc.status, doc.row_version) == (OutgoingStatus.DRAFT, 0)


def _next_friday() -> date:
    """The throw-away PKI's certificates start today: sign in the future."""
    today = timezone.localdate()
    return today + timedelta(days=(4 - today.weekday()) % 7 or 7)


def test_outgoing_sign_and_issue(client, office, keys):
    """With the leader's and the ward's certificates: submitted straight to the
    signer, signed, numbered and issued; recalled with a reason."""
    at = timezone.make_aware(
        timezone.datetime.combine(_next_friday(), timezone.datetime.min.time())
    ).replace(hour=9)
    with time_machine.travel(at, tick=False):
        doc = outgoing_create(
            agency_id=office.ward.pk,
            data=draft_data(office),
            actor=office.users["specialist"],
        )
        _as(client, office, "specialist")
        body = _outgoing_action(client, doc.pk, "submit", 0).json()
        assert body["status"] == OutgoingStatus.AWAITING_SIGNATURE
        _as(client, office, "leader")
        signed = _outgoing_action(client, doc.pk, "sign", body["row_version"])
        assert signed.status_code == 200, signed.json()
        assert signed.json()["status"] == OutgoingStatus.SIGNED
        _as(client, office, "clerk")
        issued = _outgoing_action(client, doc.pk, "issue", signed.json()["row_version"])
        assert issued.status_code == 200, issued.json()
        body = issued.json()
        assert body["status"] == OutgoingStatus.ISSUED
        assert body["number_symbol"] == "01/UBND-VHXH"
        assert {f["kind"] for f in body["files"]} >= {"signed", "issued"}
        recalled = _outgoing_action(
            client, doc.pk, "recall", body["row_version"], reason="Sai nội dung"
        )
        assert recalled.json()["status"] == OutgoingStatus.RECALLED
        assert recalled.json()["recall_reason"] == "Sai nội dung"


# -- search, statistics, case files -------------------------------------------------


def test_search_scoped_and_filtered(client, office):
    doc = register(office)
    outgoing_create(
        agency_id=office.ward.pk, data=draft_data(office), actor=office.users["clerk"]
    )
    _as(client, office, "specialist")
    body = client.get(_url(SEARCH), {"q": "dai doan ket"}).json()
    assert body["total"] == 2
    body = client.get(_url(SEARCH), {"q": "dai doan ket", "direction": "incoming"})
    assert [h["id"] for h in body.json()["hits"]] == [doc.pk]
    by_number = client.get(_url(SEARCH), {"q": "1234/SVHTT-QLVH"}).json()
    assert by_number["hits"][0]["number_match"] is True
    _as(client, office, "other_clerk")
    assert client.get(_url(SEARCH), {"q": "dai doan ket"}).json()["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"q": 'NEAR(a b) "unclosed * : AND OR - ^ {x}'},
        {"q": "“ngày hội”  số 1234/svhtt-qlvh"},
    ],
)
def test_search_syntax_is_never_interpreted(client, office, query):
    register(office)
    _as(client, office, "clerk")
    assert client.get(_url(SEARCH), query).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2026-11-20", "date_to": "2026-11-01"},
        {"kind": "novel"},
        {"page_size": 1000},
        {"q": "x" * 501},
    ],
)
def test_bad_search_input_is_400(client, office, query):
    _as(client, office, "clerk")
    response = client.get(_url(SEARCH), query)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_statistics(client, office):
    register(office)
    register(office, number_symbol="2/X", channel="email")
    _as(client, office, "leader")
    body = client.get(_url(STATISTICS)).json()
    [ward] = body["agencies"]
    assert (ward["agency"], ward["incoming"], ward["incoming_electronic"]) == (
        office.ward.pk,
        2,
        1,
    )
    assert ward["incoming_electronic_share"] == 50.0
    assert ward["agency_name"] == "Ủy ban nhân dân phường Phong Điền"
    _as(client, office, "other_leader")
    assert client.get(_url(STATISTICS)).json()["agencies"] == []
    bad = client.get(
        _url(STATISTICS), {"date_from": "20/11/2026", "date_to": "01/11/2026"}
    )
    assert bad.status_code == 400
    assert "date_to" in bad.json()["errors"]
    client.force_login(official("khongvaitro"))
    assert client.get(_url(STATISTICS)).status_code == 403


def test_case_file_open_add_close(client, office):
    """Open → file documents in order → close; a document the caller cannot
    read is a field error; another agency sees none of it."""
    doc = register(office)
    foreign = incoming_register(
        agency_id=office.other_ward.pk,
        data=incoming_data(),
        files=[],
        actor=office.users["other_clerk"],
    )
    _as(client, office, "clerk")
    opened = _post(
        client,
        _url(CASE_FILES),
        {
            "notation": "01.vhxh",
            "title": "Ngày hội Đại đoàn kết",
            "retention": "years",
            "retention_years": 10,
        },
    )
    assert opened.status_code == 201, opened.json()
    case_file = opened.json()
    assert (case_file["notation"], case_file["maintenance"]) == ("01.VHXH", "10 năm")
    duplicate = _post(
        client,
        _url(CASE_FILES),
        {"notation": "01.VHXH", "title": "X", "retention": "permanent"},
    )
    assert duplicate.status_code == 409
    documents = _url("api-document-case-file-documents", case_file["id"])
    close = _url("api-document-case-file-close", case_file["id"])
    assert _post(client, close, {}).json()["code"] == "empty"
    hidden = _post(client, documents, {"incoming": foreign.pk})
    assert hidden.status_code == 400
    assert "incoming" in hidden.json()["errors"]
    both = _post(client, documents, {"incoming": doc.pk, "outgoing": 1})
    assert both.status_code == 400
    added = _post(client, documents, {"incoming": doc.pk})
    assert added.status_code == 201
    assert (added.json()["order"], added.json()["incoming"]) == (1, doc.pk)
    assert _post(client, documents, {"incoming": doc.pk}).status_code == 409
    listed = client.get(_url(CASE_FILES)).json()["results"]
    assert [(c["id"], c["document_count"]) for c in listed] == [(case_file["id"], 1)]
    closed = _post(client, close, {"end_date": timezone.localdate().isoformat()})
    assert closed.json()["status"] == "closed"
    assert _post(client, documents, {"incoming": doc.pk}).json()["code"] == "closed"
    _as(client, office, "other_clerk")
    assert client.get(_url(CASE_FILES)).json()["count"] == 0
    client.force_login(official("khongvaitro"))
    body = {"notation": "02", "title": "X", "retention": "permanent"}
    assert _post(client, _url(CASE_FILES), body).status_code == 403
    assert CaseFile.objects.count() == 1


# -- query counts -----------------------------------------------------------------


def _queries(client, url: str, query: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, query or {})
        assert response.status_code == 200, response.json()
    return len(ctx.captured_queries)


def _make_incoming(office: Office, i: int) -> None:
    register(office, number_symbol=f"{i + 1}/X", files=[UploadedFile("a.pdf", PDF)])


def _make_outgoing(office: Office, i: int) -> None:
    outgoing_create(
        agency_id=office.ward.pk, data=draft_data(office), actor=office.users["clerk"]
    )


def _make_case_file(office: Office, i: int) -> None:
    case_file_open(
        agency_id=office.ward.pk,
        notation=f"{i:02d}",
        title="Hồ sơ",
        retention="permanent",
        retention_years=None,
        creator="",
        actor=office.users["clerk"],
    )


#: Each list, how to add a row to it, and a query that finds every row.
LISTS = [
    (INCOMING, _make_incoming, {"urgency": "normal", "issuer": "van hoa"}),
    (OUTGOING, _make_outgoing, {"status": "draft"}),
    (CASE_FILES, _make_case_file, {}),
    (SEARCH, _make_outgoing, {"q": "dai doan ket", "direction": "outgoing"}),
    (SEARCH, _make_incoming, {}),
]


@pytest.mark.parametrize(("name", "make", "query"), LISTS)
def test_list_query_counts_are_constant(
    client, office, django_assert_num_queries, name, make, query
):
    """The same number of queries for 1 and for 20 rows."""
    _as(client, office, "leader")
    make(office, 0)
    one = _queries(client, _url(name), query)
    for i in range(1, 20):
        make(office, i)
    response = None
    with django_assert_num_queries(one):
        response = client.get(_url(name), query)
    body = response.json()
    assert body.get("count", body.get("total")) == 20
