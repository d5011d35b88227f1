"""Incoming documents by e-mail: parsing (RFC 2047 names and subjects, RFC 2231
file names, HTML-only bodies, legacy charsets, malformed input), the metadata
guess, and the Maildir and IMAP sources."""

from __future__ import annotations

import imaplib
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from congso.documents.constants import DocumentType
from congso.documents.intake.errors import FileTooLargeError, MalformedEmailError
from congso.documents.intake.guess import (
    agency_from_name,
    find_date,
    find_notation,
    guess_document,
)
from congso.documents.intake.mail import html_to_text, parse_email
from congso.documents.intake.sources import (
    FetchedMessage,
    ImapConfig,
    ImapSource,
    MaildirSource,
    imap_utf7,
    mail_source_get,
    parse_fetch,
    parse_search,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SENDER = "Văn thư - UBND huyện Phong Điền"
SUBJECT = "Quyết định số 15/QĐ-UBND ngày 05/3/2026 về việc phê duyệt kế hoạch"
ATTACHMENT = "Quyết định 15_QĐ-UBND (bản ký số).pdf"


def incoming(
    *,
    subject: str = SUBJECT,
    sender: str = SENDER,
    body: str | None = "Kính gửi: Văn phòng HĐND và UBND tỉnh.\nTrân trọng.",
    html: str | None = None,
    attachment: str | None = ATTACHMENT,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(display_name=sender, addr_spec="VanThu@PhongDien.gov.vn")
    message["To"] = "vanthu@tinh.gov.vn"
    message["Subject"] = subject
    message["Date"] = "Thu, 05 Mar 2026 08:30:00 +0700"
    message["Message-ID"] = "<abc.123@phongdien.gov.vn>"
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    if attachment is not None:
        # declared generically on purpose: the type is sniffed from the bytes
        message.add_attachment(
            PDF_BYTES,
            maintype="application",
            subtype="octet-stream",
            filename=attachment,
        )
    return message


TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters with a breve,
    circumflex or horn precomposed, the tone mark as a combining character."""
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(mark for mark in decomposed if mark in TONE_MARKS)
        base = unicodedata.normalize(
            "NFC", "".join(mark for mark in decomposed if mark not in TONE_MARKS)
        )
        out += (base + tones).encode("cp1258")
    return out


# -- parsing ---------------------------------------------------------------------------


def test_vietnamese_message_with_pdf_attachment() -> None:
    raw = incoming().as_bytes()
    # the names really travel encoded: RFC 2047, RFC 2231 with continuations
    assert b"=?utf-8?" in raw
    assert b"filename*0*=utf-8''" in raw
    parsed = parse_email(raw)
    assert parsed.sender_address == "vanthu@phongdien.gov.vn"
    assert parsed.sender_name == SENDER
    assert parsed.subject == SUBJECT
    assert parsed.date == datetime(
        2026, 3, 5, 8, 30, tzinfo=timezone(timedelta(hours=7))
    )
    assert parsed.date.utcoffset() == timedelta(hours=7)
    assert parsed.message_id == "<abc.123@phongdien.gov.vn>"
    assert parsed.body == "Kính gửi: Văn phòng HĐND và UBND tỉnh.\nTrân trọng."
    (attachment,) = parsed.attachments
    assert attachment.filename == ATTACHMENT
    assert attachment.content_type == "application/pdf"
    assert attachment.declared_type == "application/octet-stream"
    assert attachment.data == PDF_BYTES
    assert attachment.size == len(PDF_BYTES)
    guess = parsed.guess
    assert guess.notation is not None
    assert guess.notation.notation == "15/QĐ-UBND"
    assert guess.notation.doc_type == DocumentType.DECISION
    assert guess.issued_on == date(2026, 3, 5)
    assert guess.agency == "UBND huyện Phong Điền"


def test_nfd_input_comes_out_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SUBJECT)
    parsed = parse_email(
        incoming(subject=nfd, sender=unicodedata.normalize("NFD", SENDER)).as_bytes()
    )
    assert parsed.subject == SUBJECT
    assert parsed.sender_name == SENDER
    assert parsed.guess.notation is not None
    assert parsed.guess.notation.notation == "15/QĐ-UBND"


def test_html_only_message_gives_plain_text() -> None:
    html = (
        "<html><head><style>p{color:red}</style><title>x</title></head><body>"
        "<p>Kính gửi:&nbsp;Sở Nội vụ</p><div>Số: 123/UBND-VP<br>ngày 5 tháng 3 "
        "năm 2026</div><script>alert(1)</script><p>A &amp; B &lt;C&gt;</p>"
        "</body></html>"
    )
    parsed = parse_email(
        incoming(subject="Công văn", body=None, html=html, attachment=None).as_bytes()
    )
    assert parsed.body == (
        "Kính gửi: Sở Nội vụ\n\nSố: 123/UBND-VP\nngày 5 tháng 3 năm 2026\n\nA & B <C>"
    )
    assert parsed.attachments == ()
    assert parsed.guess.notation is not None
    assert parsed.guess.notation.notation == "123/UBND-VP"
    assert parsed.guess.notation.agency == "UBND"
    assert parsed.guess.notation.unit == "VP"
    assert parsed.guess.issued_on == date(2026, 3, 5)


def test_plain_text_is_preferred_to_html() -> None:
    parsed = parse_email(
        incoming(body="Bản văn bản thuần", html="<p>Bản HTML</p>").as_bytes()
    )
    assert parsed.body == "Bản văn bản thuần"
    assert len(parsed.attachments) == 1


def test_rfc2047_file_name_and_nameless_attachment() -> None:
    """Outlook writes file names as RFC 2047 words; a part without a name gets
    one from its sniffed type; a logo shown by the HTML is not an attachment."""
    raw = (
        b"From: =?utf-8?b?4bumeSBiYW4gbmjDom4gZMOibiB4w6M=?= <ubnd@xa.gov.vn>\r\n"
        b"Subject: =?utf-8?q?V/v_b=C3=A1o_c=C3=A1o?=\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\n"
        b'Content-Type: multipart/related; boundary="R"\r\n\r\n'
        b"--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b'<p>B\xc3\xa1o c\xc3\xa1o</p><img src="cid:logo">\r\n'
        b"--R\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\n"
        b'Content-Disposition: inline; filename="image001.png"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        b"--R--\r\n"
        b"--B\r\n"
        b'Content-Type: application/pdf; name="=?utf-8?B?QsOhbyBjw6FvLnBkZg==?="\r\n'
        b'Content-Disposition: attachment; filename="=?utf-8?B?QsOhbyBjw6FvLnBkZg==?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
        b"--B\r\n"
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
        b"--B--\r\n"
    )
    parsed = parse_email(raw)
    assert parsed.sender_name == "Ủy ban nhân dân xã"
    assert parsed.guess.agency == "Ủy ban nhân dân xã"
    assert parsed.subject == "V/v báo cáo"
    assert parsed.date is None
    assert parsed.body == "Báo cáo"
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("Báo cáo.pdf", "application/pdf"),
        ("attachment-2.pdf", "application/pdf"),
    ]


def test_legacy_charsets_and_unknown_zone() -> None:
    """A windows-1258 body (tone marks as combining characters) becomes NFC; an
    unknown charset falls back to UTF-8; "-0000" is read as UTC."""
    text = "Kính gửi Ủy ban nhân dân huyện"
    raw = (
        b"From: a@b.vn\r\nDate: Thu, 05 Mar 2026 01:30:00 -0000\r\n"
        b"Content-Type: text/plain; charset=windows-1258\r\n\r\n" + cp1258(text)
    )
    parsed = parse_email(raw)
    assert parsed.body == text
    assert parsed.date == datetime(2026, 3, 5, 1, 30, tzinfo=UTC)
    bogus = b"From: a@b.vn\r\nContent-Type: text/plain; charset=x-bogus\r\n\r\n"
    assert parse_email(bogus + "Văn bản".encode()).body == "Văn bản"


def test_path_in_file_name_is_dropped() -> None:
    parsed = parse_email(
        incoming(attachment="..\\..\\C:\\tmp\\Tờ trình.pdf").as_bytes()
    )
    assert parsed.attachments[0].filename == "Tờ trình.pdf"


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \r\n",
        b"\x00\xff\xfe not an e-mail at all",
        b"Subject: no sender\r\n\r\nbody",
        b"From: not an address\r\nSubject: x\r\n\r\nbody",
    ],
    ids=["empty", "blank", "binary", "no-from", "bad-from"],
)
def test_malformed_email_raises(raw: bytes) -> None:
    with pytest.raises(MalformedEmailError) as raised:
        parse_email(raw)
    assert raised.value.code == "malformed_email"
    assert str(raised.value)


def test_oversize_email_is_refused(settings: Any) -> None:
    settings.DOCUMENTS_MAIL_MAX_BYTES = 1024
    with pytest.raises(FileTooLargeError):
        parse_email(b"From: a@b.vn\r\n\r\n" + b"x" * 2048)


# -- the guess -------------------------------------------------------------------------


def test_notation_labelled_first_and_validated() -> None:
    text = "Thực hiện Công văn 45/STP-VP, nay gửi văn bản Số: 12/2025/QĐ-UBND."
    found = find_notation(text)
    assert found is not None
    assert found.notation == "12/2025/QĐ-UBND"
    assert found.year == 2025
    first = find_notation("Theo 45/STP-VP và 46/STP-VP")
    assert first is not None
    assert first.notation == "45/STP-VP"
    assert find_notation("ngày 05/03/2026, tỷ lệ 3/4, mã 12/abc") is None


def test_notation_from_a_file_name() -> None:
    guess = guess_document(
        subject="Gửi văn bản", body="", filenames=["QD 15_QĐ-UBND.pdf"], sender_name=""
    )
    assert guess.notation is not None
    assert guess.notation.notation == "15/QĐ-UBND"
    assert guess.issued_on is None
    assert guess.agency == ""


def test_dates() -> None:
    assert find_date("Huế, ngày 05 tháng 3 năm 2026") == date(2026, 3, 5)
    assert find_date("ngay 5 thang 12 nam 2025 (khong dau)") == date(2025, 12, 5)
    assert find_date("NGÀY 01 THÁNG 02 NĂM 2026") == date(2026, 2, 1)
    assert find_date("hạn 31/02/2026, họp 28.02.2026") == date(2026, 2, 28)
    assert find_date("số 12/2025/QĐ-UBND") is None


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("Văn thư - UBND huyện Phong Điền", "UBND huyện Phong Điền"),
        ("Sở Tư pháp tỉnh Thừa Thiên Huế", "Sở Tư pháp tỉnh Thừa Thiên Huế"),
        ("UBND xa Phong Hien", "UBND xa Phong Hien"),
        ("Van phong Uy ban nhan dan tinh", "Van phong Uy ban nhan dan tinh"),
        ("Nguyễn Văn An", ""),
        ("Trương Thị Bình", ""),
        ("", ""),
    ],
)
def test_agency_from_display_name(name: str, agency: str) -> None:
    assert agency_from_name(name) == agency


def test_html_to_text_keeps_table_cells_apart() -> None:
    html = "<table><tr><td>Số</td><td>15/QĐ-UBND</td></tr></table>"
    assert html_to_text(html) == "Số 15/QĐ-UBND"


# -- Maildir ---------------------------------------------------------------------------


def test_maildir_delivers_unseen_messages_and_marks_them(tmp_path: Path) -> None:
    source = MaildirSource(tmp_path / "inbox")
    raws = [incoming(subject=f"Văn bản {n}").as_bytes() for n in (1, 2, 3)]
    keys = [source.deliver(raw) for raw in raws]
    fetched = source.fetch_unseen()
    assert [item.key for item in fetched] == keys
    assert [item.raw for item in fetched] == raws
    assert parse_email(fetched[0].raw).subject == "Văn bản 1"
    assert source.fetch_unseen(limit=2) == fetched[:2]

    source.mark_seen(keys[0])
    assert [item.key for item in source.fetch_unseen()] == keys[1:]
    (moved,) = (tmp_path / "inbox" / "cur").iterdir()
    assert moved.name == f"{keys[0]}:2,S"
    assert moved.read_bytes() == raws[0]  # renamed, never rewritten
    source.mark_seen(keys[0])  # again: nothing happens
    source.mark_seen("no-such-key")
    # a reader that saw but did not flag it (moved to cur/ with "Replied")
    new = tmp_path / "inbox" / "new" / keys[1]
    new.rename(tmp_path / "inbox" / "cur" / f"{keys[1]}:2,R")
    assert [item.key for item in source.fetch_unseen()] == keys[1:]
    source.mark_seen(keys[1])
    assert (tmp_path / "inbox" / "cur" / f"{keys[1]}:2,RS").exists()
    assert [item.key for item in source.fetch_unseen()] == keys[2:]


def test_mail_source_from_settings(settings: Any, tmp_path: Path) -> None:
    settings.DOCUMENTS_MAIL_MAILDIR = tmp_path / "box"
    source = mail_source_get()
    assert isinstance(source, MaildirSource)
    assert (tmp_path / "box" / "new").is_dir()
    settings.DOCUMENTS_MAIL_SOURCE = "imap"
    settings.DOCUMENTS_MAIL_IMAP_HOST = "imap.example.vn"
    settings.DOCUMENTS_MAIL_IMAP_USER = "vanthu"
    settings.DOCUMENTS_MAIL_IMAP_PASSWORD = "secret"
    imap = mail_source_get()
    assert isinstance(imap, ImapSource)
    assert imap.config.folder == "INBOX"
    assert "secret" not in repr(imap.config)


# -- IMAP (the server is faked) --------------------------------------------------------


def test_imap_folder_names_in_modified_utf7() -> None:
    assert imap_utf7("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    assert imap_utf7("A&B") == "A&-B"
    assert imap_utf7("INBOX") == "INBOX"


def test_parse_imap_answers() -> None:
    assert parse_search([b"8 3 15"]) == ["3", "8", "15"]
    assert parse_search([b""]) == []
    answer = [(b"1 (UID 5 BODY[] {11}", b"From: a@b\r\n"), b")"]
    assert parse_fetch(answer) == b"From: a@b\r\n"
    flags_first = [(b"1 (FLAGS (\\Seen) UID 5 BODY[] {3}", b"abc"), b" )"]
    assert parse_fetch(flags_first) == b"abc"
    assert parse_fetch([None]) is None


class FakeImap:
    """Answers like imaplib's IMAP4_SSL; records the commands."""

    instances: list[FakeImap] = []
    validity = b"7"
    messages = {"3": b"From: a@b.vn\r\n\r\none", "9": b"From: a@b.vn\r\n\r\ntwo"}

    def __init__(self, host: str, port: int, **kwargs: Any) -> None:
        self.commands: list[tuple[str, ...]] = [("connect", host, str(port))]
        FakeImap.instances.append(self)

    def login(self, user: str, password: str) -> tuple[str, list[bytes]]:
        self.commands.append(("login", user))
        return "OK", [b""]

    def select(self, mailbox: str, readonly: bool = False) -> tuple[str, list[bytes]]:
        self.commands.append(("select", mailbox, str(readonly)))
        return "OK", [b"2"]

    def response(self, code: str) -> tuple[str, list[bytes]]:
        return code, [self.validity]

    def uid(self, command: str, *args: str) -> tuple[str, list[Any]]:
        self.commands.append((command, *args))
        if command == "SEARCH":
            return "OK", [b" ".join(k.encode() for k in self.messages)]
        if command == "FETCH":
            uid = args[0]
            head = f"1 (UID {uid} BODY[] {{{len(self.messages[uid])}}}".encode()
            return "OK", [(head, self.messages[uid]), b")"]
        return "OK", [b""]

    def logout(self) -> None:
        self.commands.append(("logout",))


def test_imap_fetches_without_marking_then_marks_by_uid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    FakeImap.instances = []
    monkeypatch.setattr(imaplib, "IMAP4_SSL", FakeImap)
    source = ImapSource(
        ImapConfig(
            host="imap.example.vn", user="vanthu", password="x", folder="Văn bản đến"
        )
    )
    fetched = source.fetch_unseen()
    assert fetched == [
        FetchedMessage(key="7:3", raw=FakeImap.messages["3"]),
        FetchedMessage(key="7:9", raw=FakeImap.messages["9"]),
    ]
    fetch = FakeImap.instances[0].commands
    folder = '"V&AQM-n b&HqM-n &AREevw-n"'  # modified UTF-7
    assert ("select", folder, "True") in fetch
    assert not any(command[0] == "STORE" for command in fetch)
    assert ("FETCH", "3", "(UID BODY.PEEK[])") in fetch
    assert fetch[-1] == ("logout",)

    source.mark_seen("7:9")
    mark = FakeImap.instances[1].commands
    assert ("select", folder, "False") in mark
    assert ("STORE", "9", "+FLAGS.SILENT", r"(\Seen)") in mark

    FakeImap.validity = b"8"  # the folder was renumbered: do not mark
    try:
        source.mark_seen("7:3")
    finally:
        FakeImap.validity = b"7"
    assert not any(command[0] == "STORE" for command in FakeImap.instances[2].commands)
