"""Incoming documents received by e-mail (văn bản đến qua thư điện tử): one
message parsed into its sender, subject, date, plain-text body and attachments,
with a guess of the document's number, symbol, date and agency
(:mod:`.guess`). Fetching messages is :mod:`.sources`.

Everything the message says is decoded (RFC 2047 names and subjects, RFC 2231
and the common RFC 2047 file names) and NFC-normalised; attachment types are
sniffed from their bytes, the declared type is kept beside."""

from __future__ import annotations

import email
import email.errors
import email.policy
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Final

from django.conf import settings
from django.utils.translation import gettext as _

from congso.core.text import nfc
from congso.documents.intake.errors import FileTooLargeError, MalformedEmailError
from congso.documents.intake.guess import DocumentGuess, guess_document
from congso.documents.intake.ocr import tidy_text
from congso.documents.intake.sniff import INTAKE_EXTENSIONS, sniff_type

DEFAULT_MAX_BYTES: Final = 50 * 1024 * 1024
MAX_FILENAME: Final = 200
#: Errors the stdlib parser raises on hostile input instead of recording a defect.
_PARSER_ERRORS: Final = (
    email.errors.MessageError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    LookupError,
)
_UNSAFE_NAME: Final = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class EmailAttachment:
    """A file attached to the message; ``content_type`` is sniffed from
    ``data`` (``application/octet-stream`` when unknown), ``declared_type`` is
    what the message claimed."""

    filename: str
    content_type: str
    declared_type: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class ParsedEmail:
    """One incoming e-mail. ``date`` is aware (None when missing or invalid);
    ``message_id`` is the header as written (with its angle brackets)."""

    sender_address: str
    sender_name: str
    subject: str
    date: datetime | None
    message_id: str
    body: str
    attachments: tuple[EmailAttachment, ...]
    guess: DocumentGuess


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse an RFC 5322 message. Raises :class:`MalformedEmailError` when it is
    empty, has no header or no valid sender, and :class:`FileTooLargeError`
    past ``DOCUMENTS_MAIL_MAX_BYTES``."""
    if not raw or not raw.strip():
        raise MalformedEmailError(_("The e-mail is empty."))
    max_bytes = int(getattr(settings, "DOCUMENTS_MAIL_MAX_BYTES", DEFAULT_MAX_BYTES))
    if len(raw) > max_bytes:
        raise FileTooLargeError(
            _("The e-mail is larger than %(limit)d MB.")
            % {"limit": max_bytes // (1024 * 1024)}
        )
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)  # noqa: S101 # policy.default makes one
        return _parsed(message)
    except MalformedEmailError:
        raise
    except _PARSER_ERRORS as error:
        raise MalformedEmailError() from error


def _parsed(message: EmailMessage) -> ParsedEmail:
    if not message.keys():
        raise MalformedEmailError(_("The file is not an e-mail: it has no headers."))
    address, name = _sender(message)
    subject = " ".join(nfc(str(message.get("subject", ""))).split())
    body_part = _body_part(message)
    body = _body_text(body_part) if body_part is not None else ""
    attachments = tuple(_attachments(message, body_part))
    return ParsedEmail(
        sender_address=address,
        sender_name=name,
        subject=subject,
        date=_date(message),
        message_id=str(message.get("message-id", "")).strip(),
        body=body,
        attachments=attachments,
        guess=guess_document(
            subject=subject,
            body=body,
            filenames=[item.filename for item in attachments],
            sender_name=name,
        ),
    )


def _sender(message: EmailMessage) -> tuple[str, str]:
    """Address and display name of the first From mailbox (Sender if none)."""
    for header in ("from", "sender"):
        value = message.get(header)
        addresses: tuple[Address, ...] = getattr(value, "addresses", ())
        for address in addresses:
            if address.username and address.domain:
                return nfc(address.addr_spec).lower(), " ".join(
                    nfc(address.display_name).split()
                )
    raise MalformedEmailError(_("The e-mail has no valid sender address."))


def _date(message: EmailMessage) -> datetime | None:
    """Aware; "-0000" (zone unknown, RFC 5322) is read as UTC."""
    value = message.get("date")
    moment = getattr(value, "datetime", None)
    if not isinstance(moment, datetime):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- body ------------------------------------------------------------------------------


def _body_part(message: EmailMessage) -> Message | None:
    """The part read as the body: text/plain, else text/html."""
    for preference in (("plain",), ("html",)):
        part = message.get_body(preferencelist=preference)
        if part is not None and part.get_content_disposition() != "attachment":
            return part
    return None


def _body_text(part: Message) -> str:
    text = _decoded_text(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return tidy_text(text)


def _decoded_text(part: Message) -> str:
    """The text of a part in its declared charset; UTF-8 (with replacement)
    when the charset is unknown to Python or wrong."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return payload.decode("utf-8", "replace")


class _HtmlText(HTMLParser):
    """Text of an HTML body: blocks and <br> become line breaks; script, style
    and head are dropped."""

    BLOCKS: Final = frozenset(
        {"p", "div", "br", "tr", "li", "table", "blockquote", "pre", "hr"}
        | {f"h{level}" for level in range(1, 7)}
    )
    HIDDEN: Final = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.chunks.append("\n")
        elif tag in ("td", "th"):
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:  # line breaks in HTML source are blanks
            self.chunks.append(data.replace("\r", " ").replace("\n", " "))


def html_to_text(html: str) -> str:
    """Readable text of an HTML body (entities decoded, whitespace tidied)."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return tidy_text("".join(parser.chunks))


# -- attachments -----------------------------------------------------------------------


def _attachments(
    message: EmailMessage, body_part: Message | None
) -> list[EmailAttachment]:
    """Leaf parts that carry a file: those with a file name or disposition
    "attachment", not the body, nor an inline image the HTML shows (a logo in a
    signature). Forwarded messages are walked into."""
    found: list[EmailAttachment] = []
    for part in message.walk():
        if part.is_multipart() or part is body_part:
            continue
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        if disposition != "attachment" and not filename:
            continue
        if (
            disposition != "attachment"
            and part.get_content_maintype() == "image"
            and part.get("content-id")
        ):
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        content_type = sniff_type(data)
        found.append(
            EmailAttachment(
                filename=_safe_filename(filename, content_type, len(found) + 1),
                content_type=content_type,
                declared_type=part.get_content_type(),
                data=data,
            )
        )
    return found


def _safe_filename(filename: str | None, content_type: str, index: int) -> str:
    """NFC, without directories or control characters, at most 200 characters
    (the extension kept); "attachment-2.pdf" when the message gave none."""
    name = nfc(str(filename or "")).replace("\\", "/")
    name = " ".join(_UNSAFE_NAME.sub(" ", PurePosixPath(name).name).split())
    if not name.strip(". "):
        return f"attachment-{index}{INTAKE_EXTENSIONS.get(content_type, '')}"
    if len(name) > MAX_FILENAME:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: MAX_FILENAME - len(suffix)] + suffix
    return name
