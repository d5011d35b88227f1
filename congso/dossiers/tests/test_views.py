"""Officials' pages: queues, detail with actions, assignment and desk reception,
proved from the wrong side too (other agency 404, wrong role 403, anonymous)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from congso.audit.models import AuditEvent
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier, DossierComponent
from congso.dossiers.selectors import DeadlineState
from congso.dossiers.tests.factories import OneStop, advance, at, receive, three_steps
from congso.dossiers.tests.test_slips import pdf_text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def version(one_stop: OneStop):
    return three_steps(one_stop)


@pytest.fixture
def dossier(one_stop: OneStop, version):
    return receive(one_stop, version)


# -- permissions --------------------------------------------------------------------

DETAIL = {
    "reception": 200,
    "specialist": 200,
    "leader": 200,
    "land": 404,
    "other_reception": 404,
}


@pytest.mark.parametrize(("who", "expected"), DETAIL.items())
def test_detail_is_hidden_from_other_agencies(client, one_stop, dossier, who, expected):
    client.force_login(one_stop.users[who])
    response = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "url",
    ["dossiers:dossier-list", "dossiers:dossier-receive"],
)
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_anonymous_detail_and_action_redirect(client, dossier):
    for name in ("dossiers:dossier-detail", "dossiers:dossier-action"):
        response = client.post(reverse(name, args=[dossier.code]))
        assert response.status_code in (302, 405)


def test_other_agency_cannot_act(client, one_stop, dossier):
    """An action on a dossier the official cannot see answers 404, not 403."""
    client.force_login(one_stop.users["other_reception"])
    response = client.post(
        reverse("dossiers:dossier-action", args=[dossier.code]),
        {"action": "forward", "expected_version": dossier.row_version},
    )
    assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_wrong_role_gets_403_and_nothing_changes(client, one_stop, dossier):
    """The specialist sees the dossier but may not forward it from the desk."""
    client.force_login(one_stop.users["specialist"])
    response = client.post(
        reverse("dossiers:dossier-action", args=[dossier.code]),
        {"action": "forward", "expected_version": dossier.row_version},
    )
    assert response.status_code == 403
    assert "không" in response.content.decode().lower() or response.content
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_reception_page_is_forbidden_without_the_desk_role(client, one_stop):
    client.force_login(one_stop.users["specialist"])
    assert client.get(reverse("dossiers:dossier-receive")).status_code == 403


# -- detail and actions -------------------------------------------------------------


def test_detail_shows_only_allowed_buttons(client, one_stop, dossier):
    client.force_login(one_stop.users["reception"])
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="forward"' in html
    assert 'value="resolve"' not in html
    assert dossier.applicant_name in html
    client.force_login(one_stop.users["specialist"])
    html = client.get(reverse("dossiers:dossier-detail", args=[dossier.code])).content
    assert b'value="forward"' not in html


def test_action_moves_the_dossier_and_stale_version_is_refused(
    client, one_stop, dossier
):
    client.force_login(one_stop.users["reception"])
    url = reverse("dossiers:dossier-action", args=[dossier.code])
    ok = client.post(
        url, {"action": "forward", "expected_version": dossier.row_version}
    )
    assert ok.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.IN_PROGRESS
    client.force_login(one_stop.users["specialist"])
    stale = client.post(
        url, {"action": "hand_over", "expected_version": dossier.row_version}
    )
    assert stale.status_code == 409
    assert "thay đổi" in stale.content.decode() or stale.status_code == 409
    assert Dossier.objects.get(pk=dossier.pk).current_agency_id == one_stop.office.pk


def test_bad_action_input_is_400(client, one_stop, dossier):
    client.force_login(one_stop.users["reception"])
    url = reverse("dossiers:dossier-action", args=[dossier.code])
    assert client.post(url, {"action": "fly", "expected_version": 0}).status_code == 400
    wrong_state = client.post(url, {"action": "return_result", "expected_version": 0})
    assert wrong_state.status_code == 400


def test_unit_head_assigns_and_audits(client, one_stop, version):
    """The land-office head assigns a dossier at their office to its specialist."""
    from congso.accounts.constants import Role
    from congso.dossiers.tests.factories import build_procedure

    land = build_procedure(
        code="1.000001",
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Đo đạc", Role.SPECIALIST, one_stop.land_office, 2, True),
        ],
    )
    d = advance(one_stop, receive(one_stop, land), "handle")
    url = reverse("dossiers:dossier-assign", args=[d.code])
    client.force_login(one_stop.users["land"])
    payload = {"assignee": one_stop.users["land"].pk, "expected_version": d.row_version}
    assert client.post(url, payload).status_code == 403
    client.force_login(one_stop.users["land_head"])
    assert client.post(url, payload).status_code == 302
    assert Dossier.objects.get(pk=d.pk).assignee == one_stop.users["land"]
    assert (
        AuditEvent.objects.filter(event_type="dossiers.dossier.assigned").count() == 1
    )


# -- queue page ---------------------------------------------------------------------


def test_queue_page_tabs_counts_and_deadline_text(client, one_stop, version):
    receive(one_stop, version, at(2, 3, 9))  # long overdue by now
    client.force_login(one_stop.users["reception"])
    html = client.get(reverse("dossiers:dossier-list") + "?queue=overdue").content
    text = html.decode()
    with translation.override("vi"):
        assert str(DeadlineState.OVERDUE.label) in text
    assert "text-bg-danger" in text
    partial = client.get(
        reverse("dossiers:dossier-list") + "?queue=to_receive", HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in partial.content
    assert b"nav-tabs" in partial.content


def test_queue_page_rejects_bad_filters(client, one_stop):
    client.force_login(one_stop.users["reception"])
    response = client.get(reverse("dossiers:dossier-list") + "?queue=nope")
    assert response.status_code == 400


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("dossiers:dossier-list")).status_code == 200
    return len(ctx.captured_queries)


def test_queue_page_query_count_is_constant(client, one_stop, version):
    client.force_login(one_stop.users["reception"])
    advance(one_stop, receive(one_stop, version), "handle")
    one = _page_queries(client)
    for _ in range(19):
        receive(one_stop, version)
    assert _page_queries(client) == one


def test_excel_export_opens(client, one_stop, dossier):
    client.force_login(one_stop.users["reception"])
    response = client.get(reverse("dossiers:dossier-list") + "?format=xlsx&q=nguyen")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == dossier.code
    assert rows[1][2] == "Nguyễn Văn An"


# -- desk reception -----------------------------------------------------------------


def _form(version, **overrides):
    required = version.components.get(order=1)
    data = {
        "receiving_agency": "",
        "procedure_version": version.pk,
        "channel": "in_person",
        "applicant_kind": "person",
        "applicant_name": "Le\u0302 Thi\u0323 Hoa",  # NFD, as some keyboards send
        "personal_id": "046090001234",
        "phone": "0912345678",
        "address": "Phong Điền",
        f"component_{required.pk}": "on",
        f"file_{required.pk}": SimpleUploadedFile(
            "to-khai.pdf", PDF, "application/pdf"
        ),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_reception_creates_the_dossier(client, one_stop, version):
    client.force_login(one_stop.users["reception"])
    form = _form(version, receiving_agency=one_stop.centre.pk)
    response = client.post(reverse("dossiers:dossier-receive"), form)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse(
        "dossiers:dossier-detail", args=[dossier.code]
    )
    assert dossier.applicant_name == "Lê Thị Hoa"
    scan = DossierComponent.objects.get(dossier=dossier)
    assert (scan.content_type, scan.digitised) == ("application/pdf", True)


def test_reception_components_partial(client, one_stop, version):
    client.force_login(one_stop.users["reception"])
    response = client.get(
        reverse("dossiers:dossier-receive") + f"?procedure_version={version.pk}",
        HTTP_HX_REQUEST="true",
    )
    assert "Tờ khai đăng ký khai sinh" in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"personal_id": "04609000123X"},
            "The personal ID number has exactly 12 digits.",
        ),
        ({"personal_id": ""}, "Enter the personal ID number."),
        ("missing", "The dossier is incomplete; missing: %(items)s"),
        ("exe", "The file %(name)s is not a PDF, JPEG or PNG document."),
        ("fake_pdf", "The file %(name)s is not a PDF, JPEG or PNG document."),
        ("big", "The file %(name)s is larger than 10 MB."),
    ],
)
def test_bad_reception_input_is_400_and_stores_nothing(
    client, one_stop, version, change, message
):
    client.force_login(one_stop.users["reception"])
    required = version.components.get(order=1)
    form = _form(version, receiving_agency=one_stop.centre.pk)
    file_key, box_key = f"file_{required.pk}", f"component_{required.pk}"
    if change == "missing":
        form.pop(file_key)
        form.pop(box_key)
    elif change == "exe":
        form[file_key] = SimpleUploadedFile(
            "scan.pdf", b"MZ\x90\x00", "application/pdf"
        )
    elif change == "fake_pdf":
        form[file_key] = SimpleUploadedFile("scan.png", b"<html>", "image/png")
    elif change == "big":
        form[file_key] = SimpleUploadedFile(
            "big.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf"
        )
    else:
        form.update(change)
    response = client.post(reverse("dossiers:dossier-receive"), form)
    assert response.status_code == 400
    with translation.override("vi"):
        expected = gettext(message).split("%(")[0].strip()
    assert expected
    assert expected in response.content.decode()
    assert not Dossier.objects.exists()
    assert not DossierComponent.objects.exists()


def test_receipt_and_control_sheet_download_as_pdf(client, one_stop, tmp_path):
    """The desk prints the receipt (with the code) and the control sheet; another
    agency's official gets 404."""
    version = three_steps(one_stop)
    d = receive(one_stop, version)
    client.force_login(one_stop.users["reception"])
    for kind in ("receipt", "control-sheet"):
        response = client.get(f"/dossiers/{d.code}/slips/{kind}.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content, tmp_path)
        assert d.code in text
    assert client.get(f"/dossiers/{d.code}/slips/unknown.pdf").status_code == 404
    client.force_login(one_stop.users["other_reception"])
    assert client.get(f"/dossiers/{d.code}/slips/receipt.pdf").status_code == 404


def test_tracking_book_as_pdf_and_excel(client, one_stop, tmp_path):
    """Mẫu 07 for a desk and a period; wrong period → 400; not a desk officer → 403."""
    from io import BytesIO

    from openpyxl import load_workbook

    version = three_steps(one_stop)
    first = receive(one_stop, version, now=at(2, 3, 9))
    second = receive(one_stop, version, now=at(3, 3, 9))
    client.force_login(one_stop.users["reception"])
    assert client.get("/dossiers/register/").status_code == 200
    query = {"desk": one_stop.centre.pk, "start": "01/03/2026", "end": "31/03/2026"}
    pdf = client.get("/dossiers/register/", {**query, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert first.code in text
    assert second.code in text
    xlsx = client.get("/dossiers/register/", {**query, "format": "xlsx"})
    cells = [
        c
        for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(
            values_only=True
        )
        for c in row
    ]
    assert first.code in cells
    assert (
        client.get("/dossiers/register/", {**query, "end": "01/02/2026"}).status_code
        == 400
    )
    bad_desk = client.get(
        "/dossiers/register/", {**query, "desk": one_stop.other_commune.pk}
    )
    assert bad_desk.status_code == 400
    client.force_login(one_stop.users["specialist"])
    assert client.get("/dossiers/register/", query).status_code == 403
