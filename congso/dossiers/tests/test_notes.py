"""Officials' comments and working files on a dossier (ý kiến trao đổi, tài liệu đính
kèm): pages and API, from the right side and the wrong one (other agency 404, wrong
role 403, anonymous), bad input (Vietnamese message, nothing stored), downloads
with Vietnamese file names, withdrawal without deletion, constant query counts."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from congso.accounts.constants import Role
from congso.accounts.tests.factories import official
from congso.audit.models import AuditEvent
from congso.core.errors import ConflictError, PermissionDeniedError
from congso.core.files import DOCX, ODT, PDF, PNG, content_disposition, sniff
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import (
    Dossier,
    DossierAttachment,
    DossierComment,
    DossierEvent,
)
from congso.dossiers.services import DossierError, dossier_transition
from congso.dossiers.services.notes import (
    MAX_ATTACHMENT_BYTES,
    MAX_COMMENT_LENGTH,
    dossier_attachment_add,
    dossier_attachment_withdraw,
    dossier_comment_add,
)
from congso.dossiers.tests.factories import OneStop, advance, receive, three_steps

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
REPORT_NAME = "Biên bản kiểm tra thực địa.pdf"


def vi(msgid: str) -> str:
    """The Vietnamese text of a msgid, up to its first placeholder."""
    with translation.override("vi"):
        return gettext(msgid).split("%(")[0].strip()


def assert_vietnamese(msgid: str, html: str) -> None:
    """The refusal is shown, and in Vietnamese (needs the merged catalogue)."""
    text = vi(msgid)
    assert text != msgid.split("%(")[0].strip(), f"no Vietnamese for {msgid!r}"
    assert text in html


def office_file(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = office_file(
    {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def version(one_stop: OneStop):
    return three_steps(one_stop)


@pytest.fixture
def dossier(one_stop: OneStop, version) -> Dossier:
    """Received at the commune centre: step 1 (desk) is current; the office (step
    2) and the commune leader (step 3) have not had it yet."""
    return receive(one_stop, version)


@pytest.fixture
def clerk(one_stop: OneStop):
    """A document clerk of the commune: sees the commune's dossiers, but takes no
    part in one-stop handling."""
    return official("vanthu", role=Role.DOCUMENT_CLERK, at=one_stop.commune)


def pdf(name: str = REPORT_NAME, data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# -- comments: pages ----------------------------------------------------------------


def test_comment_through_htmx_returns_the_section_and_changes_nothing_else(
    client, one_stop, dossier
):
    """A comment is stored with its author, unit and step, audited, and the dossier
    keeps its status, row version and timeline."""
    events = DossierEvent.objects.filter(dossier=dossier).count()
    client.force_login(one_stop.users["reception"])
    response = client.post(
        reverse("dossiers:dossier-comment-add", args=[dossier.code]),
        {"text": "Đã kiểm tra đủ thành phần.", "step": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="comments"' in html
    assert "Đã kiểm tra đủ thành phần." in html
    comment = DossierComment.objects.get()
    assert comment.author == one_stop.users["reception"]
    assert comment.agency_id == one_stop.centre.pk
    assert comment.agency_label == "Trung tâm Phục vụ hành chính công phường Phong Điền"
    assert comment.step is not None
    assert comment.step.order == 1
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert (fresh.status, fresh.row_version) == (dossier.status, dossier.row_version)
    assert DossierEvent.objects.filter(dossier=dossier).count() == events
    audit = AuditEvent.objects.get(event_type="dossiers.comment.added")
    assert audit.object_id == str(comment.pk)
    assert audit.data["sha256"] == hashlib.sha256(comment.text.encode()).hexdigest()


def test_comment_without_htmx_goes_back_to_the_comments(client, one_stop, dossier):
    client.force_login(one_stop.users["leader"])
    url = reverse("dossiers:dossier-comment-add", args=[dossier.code])
    response = client.post(url, {"text": "Đề nghị phòng VH-XH thẩm định sớm."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/dossiers/{dossier.code}/#comments")
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert "Đề nghị phòng VH-XH thẩm định sớm." in page.content.decode()
    comment = DossierComment.objects.get()
    assert (comment.step, comment.agency_id) == (None, one_stop.commune.pk)


@pytest.mark.parametrize(("who", "expected"), [("land", 404), ("other_reception", 404)])
def test_comment_on_a_dossier_of_another_agency_is_404(
    client, one_stop, dossier, who, expected
):
    client.force_login(one_stop.users[who])
    response = client.post(
        reverse("dossiers:dossier-comment-add", args=[dossier.code]), {"text": "x"}
    )
    assert response.status_code == expected
    assert not DossierComment.objects.exists()


def test_anonymous_comment_and_download_go_to_sign_in(client, dossier):
    for url in (
        reverse("dossiers:dossier-comment-add", args=[dossier.code]),
        reverse("dossiers:dossier-attachment-add", args=[dossier.code]),
    ):
        response = client.post(url, {"text": "x"})
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    download = client.get(
        reverse("dossiers:dossier-attachment-download", args=[dossier.code, 1])
    )
    assert download.status_code == 302
    assert not DossierComment.objects.exists()


def test_a_clerk_sees_the_dossier_but_may_not_comment(client, one_stop, dossier, clerk):
    """Seeing is not handling: no form for the clerk, and a forged post is 403."""
    client.force_login(clerk)
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert page.status_code == 200
    comment_url = reverse("dossiers:dossier-comment-add", args=[dossier.code])
    assert comment_url not in page.content.decode()
    response = client.post(comment_url, {"text": "Ý kiến của văn thư"})
    assert response.status_code == 403
    assert_vietnamese(
        "Your role does not allow commenting on this dossier.",
        response.content.decode(),
    )
    assert not DossierComment.objects.exists()


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        ({"text": "   "}, "Write your comment."),
        ({"text": "Có ý kiến", "step": 9}, "This dossier has no step %(order)s."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_comment_is_400_in_vietnamese_and_saves_nothing(
    client, one_stop, dossier, data, msgid, htmx
):
    client.force_login(one_stop.users["reception"])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(
        reverse("dossiers:dossier-comment-add", args=[dossier.code]), data, **headers
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert ("<html" in html) is not htmx
    assert_vietnamese(msgid, html)
    assert not DossierComment.objects.exists()
    assert not AuditEvent.objects.filter(event_type="dossiers.comment.added").exists()


# -- comments: service --------------------------------------------------------------


def test_comment_service_normalises_and_limits_the_text(one_stop, dossier):
    reception = one_stop.users["reception"]
    with pytest.raises(DossierError) as error:
        dossier_comment_add(
            dossier=dossier, text="a" * (MAX_COMMENT_LENGTH + 1), actor=reception
        )
    assert error.value.code == "too_long"
    assert list(error.value.extra["errors"]) == ["text"]
    assert not DossierComment.objects.exists()
    nfd = unicodedata.normalize("NFD", "  Hồ sơ hợp lệ  ")
    comment = dossier_comment_add(dossier=dossier, text=nfd, actor=reception)
    assert comment.text == "Hồ sơ hợp lệ"
    assert unicodedata.is_normalized("NFC", comment.text)


def test_comments_are_allowed_after_the_dossier_is_finished(one_stop, version):
    """A comment changes nothing, so a leader may still note something on a dossier
    whose result was returned."""
    d = advance(one_stop, receive(one_stop, version), "return")
    d = dossier_transition(
        dossier=d, action=A.RETURN_RESULT, actor=one_stop.users["reception"]
    )
    assert d.status == DossierStatus.RETURNED
    comment = dossier_comment_add(
        dossier=d, text="Rút kinh nghiệm", actor=one_stop.users["leader"]
    )
    assert comment.pk is not None
    assert Dossier.objects.get(pk=d.pk).row_version == d.row_version


# -- attachments: pages -------------------------------------------------------------


def _attach(client, dossier, upload, **extra):
    data = {"title": "Biên bản kiểm tra thực địa", "file": upload, **extra}
    return client.post(
        reverse("dossiers:dossier-attachment-add", args=[dossier.code]), data
    )


def test_desk_attaches_a_file_and_colleagues_download_it(
    client, one_stop, dossier, media
):
    client.force_login(one_stop.users["reception"])
    response = _attach(client, dossier, pdf(), description="Lập ngày 02/03", step=1)
    assert response.status_code == 302
    assert response["Location"].endswith("#attachments")
    row = DossierAttachment.objects.get()
    assert (row.content_type, row.size) == (PDF, len(PDF_BYTES))
    assert row.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert row.original_name == REPORT_NAME
    assert row.step is not None
    assert row.step.order == 1
    stored = Path(row.file.path)
    assert stored.read_bytes() == PDF_BYTES
    assert stored.suffix == ".pdf"
    assert "Bi" not in stored.name  # a random name, not the official's
    assert AuditEvent.objects.filter(
        event_type="dossiers.attachment.added", data__sha256=row.sha256
    ).exists()
    assert Dossier.objects.get(pk=dossier.pk).row_version == dossier.row_version

    client.force_login(one_stop.users["specialist"])
    url = reverse("dossiers:dossier-attachment-download", args=[dossier.code, row.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == PDF
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" + quote(REPORT_NAME, safe="") in disposition
    assert 'filename="bien ban kiem tra thuc dia.pdf"' in disposition


@pytest.mark.parametrize("who", ["land", "other_reception"])
def test_download_from_another_agency_is_404(client, one_stop, dossier, who):
    row = dossier_attachment_add(
        dossier=dossier, title="Dự thảo", file=pdf(), actor=one_stop.users["reception"]
    )
    client.force_login(one_stop.users[who])
    url = reverse("dossiers:dossier-attachment-download", args=[dossier.code, row.pk])
    assert client.get(url).status_code == 404


def test_download_under_another_dossier_code_is_404(client, one_stop, version):
    """The attachment id must belong to the dossier in the URL."""
    first, second = receive(one_stop, version), receive(one_stop, version)
    row = dossier_attachment_add(
        dossier=first, title="Dự thảo", file=pdf(), actor=one_stop.users["reception"]
    )
    client.force_login(one_stop.users["reception"])
    wrong = reverse("dossiers:dossier-attachment-download", args=[second.code, row.pk])
    right = reverse("dossiers:dossier-attachment-download", args=[first.code, row.pk])
    assert client.get(wrong).status_code == 404
    assert client.get(right).status_code == 200


NOT_A_WORKING_FILE = (
    "The file %(name)s is not a PDF, JPEG or PNG document, nor a Word, "
    "Excel or OpenDocument file without macros."
)
BAD_FILES = {
    "fake-pdf": (
        lambda: pdf("ket-qua.pdf", b"<html><body>not a pdf</body></html>"),
        NOT_A_WORKING_FILE,
    ),
    "macro-docx": (
        lambda: pdf(
            "du-thao.docx",
            office_file(
                {
                    "[Content_Types].xml": b"<Types/>",
                    "word/document.xml": b"<w:document/>",
                    "word/vbaProject.bin": b"macro",
                }
            ),
        ),
        NOT_A_WORKING_FILE,
    ),
    "oversize": (
        lambda: pdf("lon.pdf", PDF_BYTES + b"0" * MAX_ATTACHMENT_BYTES),
        "The file %(name)s is larger than %(size)d MB.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_400_in_vietnamese_and_stores_nothing(
    client, one_stop, dossier, media, case
):
    build, msgid = BAD_FILES[case]
    client.force_login(one_stop.users["reception"])
    response = _attach(client, dossier, build())
    assert response.status_code == 400
    assert_vietnamese(msgid, response.content.decode())
    assert not DossierAttachment.objects.exists()
    assert stored_files(media) == []


def test_missing_title_is_400_in_vietnamese(client, one_stop, dossier, media):
    client.force_login(one_stop.users["reception"])
    response = _attach(client, dossier, pdf(), title="  ")
    assert response.status_code == 400
    assert_vietnamese("Give the document a title.", response.content.decode())
    assert not DossierAttachment.objects.exists()
    assert stored_files(media) == []


def test_only_agencies_that_held_the_dossier_attach(client, one_stop, dossier, clerk):
    """The office (step 2) may comment but not attach before the dossier reaches
    it, and may once it has; a clerk who sees the dossier never may."""
    attach_url = reverse("dossiers:dossier-attachment-add", args=[dossier.code])
    for user in (one_stop.users["specialist"], clerk):
        client.force_login(user)
        page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
        assert page.status_code == 200
        assert attach_url not in page.content.decode()
        refused = _attach(client, dossier, pdf())
        assert refused.status_code == 403
        assert_vietnamese(
            "Only the desk and the agencies that handled this dossier attach files.",
            refused.content.decode(),
        )
    assert not DossierAttachment.objects.exists()
    advance(one_stop, dossier, "handle")
    client.force_login(one_stop.users["specialist"])
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert attach_url in page.content.decode()
    assert _attach(client, dossier, pdf()).status_code == 302
    row = DossierAttachment.objects.get()
    assert row.agency_id == one_stop.office.pk


def test_no_attachment_once_the_dossier_is_finished(one_stop, version):
    d = advance(one_stop, receive(one_stop, version), "return")
    d = dossier_transition(
        dossier=d, action=A.RETURN_RESULT, actor=one_stop.users["reception"]
    )
    with pytest.raises(DossierError) as error:
        dossier_attachment_add(
            dossier=d, title="Muộn", file=pdf(), actor=one_stop.users["reception"]
        )
    assert error.value.code == "finished"
    assert not DossierAttachment.objects.exists()


def test_working_files_are_sniffed_by_content(one_stop, dossier):
    """A Word file is accepted as DOCX whatever its name; a PNG called .pdf is kept
    as PNG and downloads with a .png name."""
    reception = one_stop.users["reception"]
    word = dossier_attachment_add(
        dossier=dossier,
        title="Dự thảo quyết định",
        file=SimpleUploadedFile("du-thao", DOCX_BYTES, "application/octet-stream"),
        actor=reception,
    )
    assert (word.content_type, word.original_name) == (DOCX, "du-thao.docx")
    image = dossier_attachment_add(
        dossier=dossier,
        title="Ảnh hiện trạng",
        file=pdf("C:\\Ảnh\\hiện trạng.pdf", PNG_BYTES),
        actor=reception,
    )
    assert (image.content_type, image.original_name) == (PNG, "hiện trạng.png")


def test_sniff_reads_the_bytes_not_the_name():
    odt = office_file({"mimetype": ODT.encode(), "content.xml": b"<office/>"})
    assert sniff(io.BytesIO(odt), frozenset({ODT})) == ODT
    assert sniff(io.BytesIO(DOCX_BYTES), frozenset({PDF})) is None
    assert sniff(io.BytesIO(b"PK\x03\x04 broken"), frozenset({DOCX})) is None
    assert sniff(io.BytesIO(PDF_BYTES), frozenset({PDF})) == PDF
    assert sniff(io.BytesIO(PNG_BYTES), frozenset({PDF})) is None


def test_content_disposition_quotes_what_it_must():
    header = content_disposition('Văn bản "trả lời".pdf')
    assert header == (
        'attachment; filename="van ban _tra loi_.pdf"; '
        "filename*=utf-8''V%C4%83n%20b%E1%BA%A3n%20%22tr%E1%BA%A3%20l%E1%BB%9Di%22.pdf"
    )


# -- withdrawal ---------------------------------------------------------------------


def test_author_withdraws_a_file_which_stays(client, one_stop, dossier):
    reception = one_stop.users["reception"]
    row = dossier_attachment_add(
        dossier=dossier, title="Bản nhầm", file=pdf(), actor=reception
    )
    url = reverse("dossiers:dossier-attachment-withdraw", args=[dossier.code, row.pk])
    client.force_login(one_stop.users["specialist"])
    assert client.post(url, {"reason": "Không phải của tôi"}).status_code == 403
    client.force_login(reception)
    empty = client.post(url, {"reason": " "})
    assert empty.status_code == 400
    assert_vietnamese("Say why the file is withdrawn.", empty.content.decode())
    assert client.post(url, {"reason": "Tải nhầm tệp"}).status_code == 302
    row.refresh_from_db()
    assert row.withdrawn_at is not None
    assert (row.withdrawn_by, row.withdrawal_reason) == (reception, "Tải nhầm tệp")
    assert Path(row.file.path).read_bytes() == PDF_BYTES
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert "<del>Bản nhầm</del>" in page.content.decode()
    download = reverse(
        "dossiers:dossier-attachment-download", args=[dossier.code, row.pk]
    )
    assert client.get(download).status_code == 200
    with pytest.raises(ConflictError):
        dossier_attachment_withdraw(attachment=row, reason="lần hai", actor=reception)
    assert (
        AuditEvent.objects.filter(event_type="dossiers.attachment.withdrawn").count()
        == 1
    )


def test_withdrawal_is_only_for_the_author(one_stop, dossier):
    row = dossier_attachment_add(
        dossier=dossier, title="Dự thảo", file=pdf(), actor=one_stop.users["reception"]
    )
    with pytest.raises(PermissionDeniedError):
        dossier_attachment_withdraw(
            attachment=row, reason="x", actor=one_stop.users["leader"]
        )
    row.refresh_from_db()
    assert row.withdrawn_at is None


# -- API ----------------------------------------------------------------------------


def test_api_comments_list_and_create(client, one_stop, dossier):
    url = reverse("api-dossier-comment-list", args=[dossier.code])
    assert client.get(url).status_code == 401
    client.force_login(one_stop.users["specialist"])
    created = client.post(
        url, {"text": "Cần xác minh nơi cư trú.", "step": 2}, "application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["text"], body["step"]) == ("Cần xác minh nơi cư trú.", 2)
    assert body["agency"] == one_stop.office.pk
    listed = client.get(url).json()
    assert [c["text"] for c in listed] == ["Cần xác minh nơi cư trú."]
    client.force_login(one_stop.users["land"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}, "application/json").status_code == 404
    assert DossierComment.objects.count() == 1


def test_api_bad_comment_is_400_and_saves_nothing(client, one_stop, dossier, clerk):
    url = reverse("api-dossier-comment-list", args=[dossier.code])
    client.force_login(one_stop.users["reception"])
    empty = client.post(url, {"text": ""}, "application/json")
    assert empty.status_code == 400
    assert "text" in empty.json()["errors"]
    long = client.post(
        url, {"text": "a" * (MAX_COMMENT_LENGTH + 1)}, "application/json"
    )
    assert long.status_code == 400
    assert "text" in long.json()["errors"]
    no_step = client.post(url, {"text": "Về bước 9", "step": 9}, "application/json")
    assert no_step.status_code == 400
    assert no_step.json()["code"] == "step"
    assert "step" in no_step.json()["errors"]
    client.force_login(clerk)
    denied = client.post(url, {"text": "Văn thư góp ý"}, "application/json")
    assert denied.status_code == 403
    assert denied.json()["code"] == "role"
    assert not DossierComment.objects.exists()


def test_api_attachments_upload_list_and_download(client, one_stop, dossier, media):
    url = reverse("api-dossier-attachment-list", args=[dossier.code])
    client.force_login(one_stop.users["reception"])
    created = client.post(url, {"title": "Biên bản", "file": pdf(), "step": 1})
    assert created.status_code == 201
    body = created.json()
    assert (body["content_type"], body["file_name"]) == (PDF, REPORT_NAME)
    assert body["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert [a["id"] for a in client.get(url).json()] == [body["id"]]
    download = client.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "filename*=utf-8''Bi%C3%AAn" in download["Content-Disposition"]
    client.force_login(one_stop.users["other_reception"])
    assert client.get(body["download_url"]).status_code == 404
    assert client.get(url).status_code == 404


def test_api_fake_pdf_is_400_in_vietnamese_and_stores_nothing(
    client, one_stop, dossier, media
):
    client.force_login(one_stop.users["reception"])
    response = client.post(
        reverse("api-dossier-attachment-list", args=[dossier.code]),
        {"title": "Kết quả", "file": pdf("ket-qua.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "file_type"
    assert body["errors"]["file"] == [body["detail"]]
    assert_vietnamese(NOT_A_WORKING_FILE, body["detail"])
    assert not DossierAttachment.objects.exists()
    assert stored_files(media) == []


def test_api_withdraw(client, one_stop, dossier):
    row = dossier_attachment_add(
        dossier=dossier, title="Dự thảo", file=pdf(), actor=one_stop.users["reception"]
    )
    url = reverse("api-dossier-attachment-withdraw", args=[dossier.code, row.pk])
    client.force_login(one_stop.users["reception"])
    ok = client.post(url, {"reason": "Đã có bản mới"}, "application/json")
    assert ok.status_code == 200
    assert ok.json()["withdrawn_at"] is not None
    again = client.post(url, {"reason": "Lần nữa"}, "application/json")
    assert again.status_code == 409
    assert DossierAttachment.objects.filter(pk=row.pk).exists()


# -- query counts -------------------------------------------------------------------


def _detail_queries(client, dossier) -> int:
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
        assert page.status_code == 200
    return len(ctx.captured_queries)


def _api_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_detail_page_and_lists_query_count_is_constant(client, one_stop, dossier):
    """One note of each kind or several, by different officials and on different
    steps: the same number of queries."""
    advance(one_stop, dossier, "approve")
    authors = [one_stop.users[w] for w in ("reception", "specialist", "leader")]

    def add(n: int) -> None:
        for i in range(n):
            author = authors[i % len(authors)]
            dossier_comment_add(
                dossier=dossier,
                text=f"Ý kiến số {i}",
                actor=author,
                step_order=i % 3 + 1,
            )
            dossier_attachment_add(
                dossier=dossier,
                title=f"Tài liệu {i}",
                file=pdf(f"tai-lieu-{i}.pdf"),
                actor=author,
                step_order=i % 3 + 1,
            )

    client.force_login(one_stop.users["reception"])
    comments = reverse("api-dossier-comment-list", args=[dossier.code])
    attachments = reverse("api-dossier-attachment-list", args=[dossier.code])
    add(1)
    one = (
        _detail_queries(client, dossier),
        _api_queries(client, comments),
        _api_queries(client, attachments),
    )
    add(8)
    html = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert html.content.decode().count("Ý kiến số ") == 9
    assert (
        _detail_queries(client, dossier),
        _api_queries(client, comments),
        _api_queries(client, attachments),
    ) == one
