"""Incoming documents by e-mail: the mailbox is read into the clerk's list
(each message once, marked read only once stored), a message is registered
with its attachments through the page, or dismissed; strangers see nothing."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.core.errors import PermissionDeniedError
from congso.documents.constants import FileKind, IncomingChannel
from congso.documents.intake.sources import MaildirSource
from congso.documents.models import IncomingDocument, MailItem, MailStatus
from congso.documents.services.mail import mail_fetch, mail_upload
from congso.signatures.signing.appearance import stamp_pdf

pytestmark = pytest.mark.django_db


def _message(subject: str = "Công văn số 77/SNV-VP V/v báo cáo văn thư") -> bytes:
    message = EmailMessage()
    message["From"] = "Sở Nội vụ thành phố Huế <snv@hue.example>"
    message["To"] = "vanthu@phongdien.example"
    message["Subject"] = subject
    message["Message-ID"] = "<77@hue.example>"
    message.set_content(
        "Kính gửi UBND phường, Sở gửi Công văn số 77/SNV-VP ngày 02/11/2026."
    )
    pdf = stamp_pdf("<p>Số: 77/SNV-VP</p>", width_pt=595, height_pt=842)
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename="77-SNV-VP.pdf"
    )
    message.add_attachment(
        b"PK\x03\x04junk", maintype="application", subtype="zip", filename="a.zip"
    )
    return message.as_bytes()


def test_the_mailbox_is_read_once(office, tmp_path):
    source = MaildirSource(tmp_path / "inbox")
    source.deliver(_message())
    assert mail_fetch(agency_id=office.ward.pk, source=source) == 1
    assert mail_fetch(agency_id=office.ward.pk, source=source) == 0  # marked read
    item = MailItem.objects.get()
    assert item.subject.startswith("Công văn số 77/SNV-VP")
    assert item.sender_name == "Sở Nội vụ thành phố Huế"


def test_register_a_message_through_the_page(client, office, tmp_path):
    source = MaildirSource(tmp_path / "inbox")
    source.deliver(_message())
    mail_fetch(agency_id=office.ward.pk, source=source)
    item = MailItem.objects.get()
    client.force_login(office.users["clerk"])
    page = client.get(reverse("documents:mail-detail", args=[item.pk]))
    html = page.content.decode()
    assert 'value="77/SNV-VP"' in html  # number guessed from the message
    assert "02/11/2026" in html
    form = {
        "channel": "email",
        "issuer_name": "Sở Nội vụ thành phố Huế",
        "number_symbol": "77/SNV-VP",
        "issued_date": "02/11/2026",
        "subject": "V/v báo cáo công tác văn thư",
        "urgency": "normal",
        "secrecy": "none",
    }
    response = client.post(reverse("documents:mail-detail", args=[item.pk]), form)
    assert response.status_code == 302
    doc = IncomingDocument.objects.get()
    assert doc.channel == IncomingChannel.EMAIL
    assert doc.source_reference == "<77@hue.example>"
    assert list(doc.documentfiles.values_list("kind", "name")) == [
        (FileKind.SCAN, "77-SNV-VP.pdf")
    ]
    assert "1" in doc.notes  # the zip stays in the original message
    item.refresh_from_db()
    assert item.status == MailStatus.REGISTERED
    assert item.incoming == doc
    again = client.post(reverse("documents:mail-detail", args=[item.pk]), form)
    assert again.status_code == 400  # already registered: refused
    assert IncomingDocument.objects.count() == 1


def test_strangers_cannot_reach_the_mail(client, office, tmp_path):
    item = mail_upload(
        agency_id=office.ward.pk, raw=_message(), actor=office.users["clerk"]
    )
    for user in ("other_clerk", "specialist"):
        client.force_login(office.users[user])
        assert (
            client.get(reverse("documents:mail-detail", args=[item.pk])).status_code
            == 404
        )
    with pytest.raises(PermissionDeniedError):
        mail_upload(
            agency_id=office.ward.pk,
            raw=_message("x"),
            actor=office.users["specialist"],
        )


def test_a_non_email_upload_is_refused(client, office):
    client.force_login(office.users["clerk"])
    response = client.post(
        reverse("documents:mail-list"),
        {"eml": SimpleUploadedFile("x.eml", b"\x00\x01 not an e-mail")},
    )
    assert response.status_code == 400
    assert MailItem.objects.count() == 0


def test_dismiss(client, office):
    item = mail_upload(
        agency_id=office.ward.pk, raw=_message(), actor=office.users["clerk"]
    )
    client.force_login(office.users["clerk"])
    client.post(reverse("documents:mail-dismiss", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == MailStatus.DISMISSED
