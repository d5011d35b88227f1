"""Where incoming e-mails are fetched from (conventions §5, a small port): a
Maildir folder (stdlib :class:`mailbox.Maildir`; the demo and the tests) or an
IMAP mailbox over TLS (stdlib :mod:`imaplib`).

The caller fetches the unseen messages, registers each one, and only then calls
:meth:`MailSource.mark_seen` with its key, so a crash in between fetches the
message again (the caller deduplicates on the Message-ID)."""

from __future__ import annotations

import base64
import contextlib
import imaplib
import logging
import mailbox
import os
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

#: Maildir's "seen" flag (the info part of a file name: "<key>:2,<flags>").
SEEN: Final = "S"
DEFAULT_LIMIT: Final = 50


class MailSourceUnavailable(Exception):  # noqa: N818  # reads as a state
    """The mailbox cannot be reached or answered nonsense; try again later."""


@dataclass(frozen=True)
class FetchedMessage:
    """One message as delivered; ``key`` identifies it to its source."""

    key: str
    raw: bytes = field(repr=False)


class MailSource(Protocol):
    """A mailbox of incoming documents."""

    def fetch_unseen(self, *, limit: int = DEFAULT_LIMIT) -> list[FetchedMessage]:
        """Up to ``limit`` messages not marked seen, oldest first; marks nothing."""
        ...

    def mark_seen(self, key: str) -> None:
        """Mark one fetched message seen (after the caller stored it)."""
        ...


# -- Maildir ---------------------------------------------------------------------------


class MaildirSource:
    """A Maildir folder: messages in ``new/``, and those in ``cur/`` without
    the S flag, are unseen. Marking moves the file to ``cur/`` and adds S by a
    rename, as mail clients do (the message is never rewritten)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        self.path = Path(path)
        if create:  # mailbox creates the folder itself, not its parents
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.box = mailbox.Maildir(self.path, factory=None, create=create)

    def _entries(self) -> list[tuple[float, str, Path]]:
        """(time, key, path) of every unseen message file."""
        entries = []
        for sub in ("new", "cur"):
            folder = self.path / sub
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name.startswith("."):
                    continue
                key, _, info = path.name.partition(self.box.colon)
                if sub == "cur" and SEEN in _flags(info):
                    continue
                try:
                    entries.append((path.stat().st_mtime, key, path))
                except FileNotFoundError:  # another reader moved it
                    continue
        return sorted(entries)

    def fetch_unseen(self, *, limit: int = DEFAULT_LIMIT) -> list[FetchedMessage]:
        fetched = []
        for _time, key, path in self._entries()[:limit]:
            try:
                fetched.append(FetchedMessage(key=key, raw=path.read_bytes()))
            except FileNotFoundError:
                continue
        return fetched

    def mark_seen(self, key: str) -> None:
        for _time, found, path in self._entries():
            if found == key:
                _, _, info = path.name.partition(self.box.colon)
                flags = "".join(sorted(set(_flags(info)) | {SEEN}))
                target = self.path / "cur" / f"{key}{self.box.colon}2,{flags}"
                path.rename(target)
                return
        # already seen, or gone: marking is idempotent

    def deliver(self, raw: bytes) -> str:
        """Put a message in ``new/`` (the demo and tests); returns its key."""
        return str(self.box.add(raw))


def _flags(info: str) -> str:
    """The flags of a Maildir info part ("2,RS" → "RS")."""
    return info[2:] if info.startswith("2,") else ""


# -- IMAP ------------------------------------------------------------------------------

_FETCH_UID: Final = re.compile(rb"\bUID (\d+)")


@dataclass(frozen=True)
class ImapConfig:
    host: str
    user: str
    password: str = field(repr=False)
    folder: str = "INBOX"
    port: int = 993
    timeout: float = 30.0


class ImapSource:
    """An IMAP4 mailbox over TLS. Messages are read with ``BODY.PEEK[]`` in a
    read-only selection, so fetching never sets \\Seen; ``mark_seen`` stores the
    flag by UID. Keys are "<UIDVALIDITY>:<UID>": after the server renumbers the
    folder, a stale key is ignored rather than marking another message."""

    def __init__(
        self, config: ImapConfig, *, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.config = config
        self.ssl_context = ssl_context or ssl.create_default_context()

    def _connect(self, *, readonly: bool) -> tuple[imaplib.IMAP4_SSL, str]:
        config = self.config
        try:
            client = imaplib.IMAP4_SSL(
                config.host,
                config.port,
                ssl_context=self.ssl_context,
                timeout=config.timeout,
            )
            client.login(config.user, config.password)
            status, _data = client.select(_quoted(config.folder), readonly=readonly)
            if status != "OK":
                raise MailSourceUnavailable(f"cannot select {config.folder!r}")
            _, values = client.response("UIDVALIDITY")
        except (OSError, imaplib.IMAP4.error) as error:
            raise MailSourceUnavailable(str(error)) from error
        validity = values[0] if values and values[0] else b""
        return client, validity.decode("ascii", "replace")

    def fetch_unseen(self, *, limit: int = DEFAULT_LIMIT) -> list[FetchedMessage]:
        client, validity = self._connect(readonly=True)
        try:
            status, data = client.uid("SEARCH", "UNSEEN")
            if status != "OK":
                raise MailSourceUnavailable("UID SEARCH UNSEEN failed")
            uids = parse_search(data)[:limit]
            fetched = []
            for uid in uids:
                status, data = client.uid("FETCH", uid, "(UID BODY.PEEK[])")
                raw = parse_fetch(data) if status == "OK" else None
                if raw is not None:
                    fetched.append(FetchedMessage(key=f"{validity}:{uid}", raw=raw))
            return fetched
        except (OSError, imaplib.IMAP4.error) as error:
            raise MailSourceUnavailable(str(error)) from error
        finally:
            _logout(client)

    def mark_seen(self, key: str) -> None:
        validity, _, uid = key.rpartition(":")
        client, current = self._connect(readonly=False)
        try:
            if validity != current:
                logger.warning("IMAP UIDVALIDITY changed; not marking %s seen", key)
                return
            status, _data = client.uid("STORE", uid, "+FLAGS.SILENT", r"(\Seen)")
            if status != "OK":
                raise MailSourceUnavailable(f"cannot mark {key} seen")
        except (OSError, imaplib.IMAP4.error) as error:
            raise MailSourceUnavailable(str(error)) from error
        finally:
            _logout(client)


def imap_utf7(text: str) -> str:
    """A mailbox name in IMAP's modified UTF-7 (RFC 3501 §5.1.3): "Văn bản
    đến" is sent as "V&AQM-n b&HqM-n &AREevw-n"."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be"))
            out.append(
                "&" + encoded.decode("ascii").rstrip("=").replace("/", ",") + "-"
            )
            pending.clear()

    for char in text:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def _quoted(folder: str) -> str:
    """A mailbox name as an IMAP quoted string (imaplib neither quotes nor
    encodes)."""
    name = imap_utf7(folder)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _logout(client: imaplib.IMAP4) -> None:
    with contextlib.suppress(OSError, imaplib.IMAP4.error):
        client.logout()


def parse_search(data: list[Any]) -> list[str]:
    """UIDs from a ``UID SEARCH`` answer (``[b"3 5 8"]``), oldest first."""
    uids: list[str] = []
    for chunk in data:
        if isinstance(chunk, bytes):
            uids.extend(
                part.decode("ascii") for part in chunk.split() if part.isdigit()
            )
    return sorted(uids, key=int)


def parse_fetch(data: list[Any]) -> bytes | None:
    """The message of a ``UID FETCH … (UID BODY.PEEK[])`` answer: imaplib gives
    ``[(b'1 (UID 5 BODY[] {123}', b'<message>'), b')']``; the literal is the
    message. None when the server sent no body (the message was expunged)."""
    for item in data:
        if (
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], bytes)
            and b"BODY[]" in item[0].upper()
            and isinstance(item[1], bytes)
        ):
            return item[1]
    return None


# -- from settings ---------------------------------------------------------------------


def mail_source_get() -> MailSource:
    """The source named by ``DOCUMENTS_MAIL_SOURCE``: "maildir" (default;
    ``DOCUMENTS_MAIL_MAILDIR``, by default ``<var>/mail/inbox``) or "imap"
    (``DOCUMENTS_MAIL_IMAP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``,
    ``_FOLDER``)."""
    kind = getattr(settings, "DOCUMENTS_MAIL_SOURCE", "maildir")
    if kind == "maildir":
        default = Path(getattr(settings, "VAR_DIR", "var")) / "mail" / "inbox"
        return MaildirSource(getattr(settings, "DOCUMENTS_MAIL_MAILDIR", default))
    if kind == "imap":
        host = getattr(settings, "DOCUMENTS_MAIL_IMAP_HOST", "")
        if not host:
            raise ImproperlyConfigured("DOCUMENTS_MAIL_IMAP_HOST is not set")
        return ImapSource(
            ImapConfig(
                host=host,
                user=getattr(settings, "DOCUMENTS_MAIL_IMAP_USER", ""),
                password=getattr(settings, "DOCUMENTS_MAIL_IMAP_PASSWORD", ""),
                folder=getattr(settings, "DOCUMENTS_MAIL_IMAP_FOLDER", "INBOX"),
                port=int(getattr(settings, "DOCUMENTS_MAIL_IMAP_PORT", 993)),
            )
        )
    raise ImproperlyConfigured(f"DOCUMENTS_MAIL_SOURCE {kind!r}: maildir or imap")
