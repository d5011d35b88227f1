"""What the feedback services share: the error, input checks, files, calendars."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from congso.accounts.selectors import AgencyTree
from congso.calendar.selectors import working_calendar_get
from congso.calendar.worktime import WorkingCalendar
from congso.core.errors import ApplicationError
from congso.core.files import EXTENSIONS, SCAN_TYPES, clean_file_name, sniff
from congso.core.text import nfc
from congso.feedback.models import Feedback, FeedbackAttachment

MAX_TITLE_LENGTH: Final = 200
MAX_CONTENT_LENGTH: Final = 5000
MAX_NOTE_LENGTH: Final = 5000
MAX_COMMENT_LENGTH: Final = 2000
MAX_NAME_LENGTH: Final = 150
MAX_FILES: Final = 5
MAX_FILE_BYTES: Final = 10 * 1024 * 1024
PHONE: Final = re.compile(r"^(\+84|0)\d{9,10}$")


class FeedbackError(ApplicationError):
    """A refused feedback or rating action, explained to the user."""


def field_error(message: str | Promise, *, code: str, field: str) -> FeedbackError:
    """A refusal of one input field, in the project's error format."""
    text = str(message)
    return FeedbackError(text, code=code, extra={"errors": {field: [text]}})


def clean_text(
    value: str,
    *,
    limit: int,
    required: bool,
    errors: dict[str, list[str]],
    field: str,
) -> str:
    """NFC, stripped; a missing or over-long value adds an error for ``field``."""
    text = nfc(value or "").strip()
    if required and not text:
        errors.setdefault(field, []).append(str(_("This field is required.")))
    elif len(text) > limit:
        errors.setdefault(field, []).append(
            str(
                _("At most %(limit)d characters (you wrote %(count)d).")
                % {"limit": limit, "count": len(text)}
            )
        )
    return text


def clean_contact(
    email: str, phone: str, errors: dict[str, list[str]]
) -> tuple[str, str]:
    email = nfc(email or "").strip()
    phone = re.sub(r"[\s.-]", "", phone or "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("contact_email", []).append(
                str(_("Enter a valid e-mail address."))
            )
    if phone and not PHONE.match(phone):
        errors.setdefault("contact_phone", []).append(
            str(_("Enter a Vietnamese phone number, e.g. 0912345678."))
        )
    return email, phone


def check_files(
    files: Sequence[UploadedFile], errors: dict[str, list[str]]
) -> list[str]:
    """The sniffed type of each file (PDF, JPEG or PNG up to 10 MB, at most five)."""
    found: list[str] = []
    if len(files) > MAX_FILES:
        errors.setdefault("files", []).append(
            str(_("At most %(count)d files.") % {"count": MAX_FILES})
        )
        return found
    for upload in files:
        if (upload.size or 0) > MAX_FILE_BYTES:
            errors.setdefault("files", []).append(
                str(
                    _("The file %(name)s is larger than %(size)d MB.")
                    % {"name": upload.name, "size": MAX_FILE_BYTES // (1024 * 1024)}
                )
            )
            continue
        content_type = sniff(upload, SCAN_TYPES)
        if content_type is None:
            errors.setdefault("files", []).append(
                str(
                    _("The file %(name)s is not a PDF, JPEG or PNG document.")
                    % {"name": upload.name}
                )
            )
            continue
        found.append(content_type)
    return found


def attachments_save(
    feedback: Feedback,
    files: Sequence[UploadedFile],
    types: Sequence[str],
    now: datetime,
) -> list[FeedbackAttachment]:
    """Store the checked files under random names."""
    rows: list[FeedbackAttachment] = []
    for upload, content_type in zip(files, types, strict=True):
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        row = FeedbackAttachment(
            feedback=feedback,
            original_name=clean_file_name(
                upload.name or "", content_type, fallback="tep-dinh-kem"
            ),
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            created_at=now,
        )
        row.file.save(
            f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}", upload, save=False
        )
        row.save()
        rows.append(row)
    return rows


def calendar_for(agency_id: int, tree: AgencyTree) -> WorkingCalendar:
    """The agency's working calendar (its office hours)."""
    node = tree.nodes.get(agency_id)
    return working_calendar_get(schedule_id=node.work_schedule_id if node else None)
