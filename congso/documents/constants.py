"""Choices of document work under NĐ 30/2020/NĐ-CP (documents.md §1, §2, §6).

Printed names and abbreviations are legal text and are never translated; the
``TextChoices`` labels are the UI's (translated) names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    """The 29 types of administrative document (Điều 7, Phụ lục III), in the
    decree's order."""

    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    STATUTE = "statute", _("Statute")
    REGULATION = "regulation", _("Regulation")
    COMMUNIQUE = "communique", _("Communiqué")
    NOTICE = "notice", _("Notice")
    GUIDANCE = "guidance", _("Guidance")
    PROGRAMME = "programme", _("Programme")
    PLAN = "plan", _("Plan")
    OPTION = "option", _("Option plan")
    SCHEME = "scheme", _("Scheme")
    PROJECT = "project", _("Project")
    REPORT = "report", _("Report")
    MINUTES = "minutes", _("Minutes")
    SUBMISSION = "submission", _("Submission")
    CONTRACT = "contract", _("Contract")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    OFFICIAL_TELEGRAM = "official_telegram", _("Official telegram")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    AGREEMENT = "agreement", _("Agreement")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    INVITATION = "invitation", _("Invitation")
    INTRODUCTION = "introduction", _("Letter of introduction")
    LEAVE_PERMIT = "leave_permit", _("Leave permit")
    DISPATCH_SLIP = "dispatch_slip", _("Dispatch slip")
    TRANSFER_SLIP = "transfer_slip", _("Transfer slip")
    NOTIFICATION_SLIP = "notification_slip", _("Notification slip")
    PUBLIC_LETTER = "public_letter", _("Public letter")


@dataclass(frozen=True)
class TypeInfo:
    """The printed name (tên loại) and the symbol abbreviation; "" for the two
    types without one (công văn, thư công)."""

    name: str
    abbreviation: str


T = DocumentType
DOCUMENT_TYPES: Final[Mapping[DocumentType, TypeInfo]] = {
    T.RESOLUTION: TypeInfo("Nghị quyết", "NQ"),
    T.DECISION: TypeInfo("Quyết định", "QĐ"),
    T.DIRECTIVE: TypeInfo("Chỉ thị", "CT"),
    T.STATUTE: TypeInfo("Quy chế", "QC"),
    T.REGULATION: TypeInfo("Quy định", "QyĐ"),
    T.COMMUNIQUE: TypeInfo("Thông cáo", "TC"),
    T.NOTICE: TypeInfo("Thông báo", "TB"),
    T.GUIDANCE: TypeInfo("Hướng dẫn", "HD"),
    T.PROGRAMME: TypeInfo("Chương trình", "CTr"),
    T.PLAN: TypeInfo("Kế hoạch", "KH"),
    T.OPTION: TypeInfo("Phương án", "PA"),
    T.SCHEME: TypeInfo("Đề án", "ĐA"),
    T.PROJECT: TypeInfo("Dự án", "DA"),
    T.REPORT: TypeInfo("Báo cáo", "BC"),
    T.MINUTES: TypeInfo("Biên bản", "BB"),
    T.SUBMISSION: TypeInfo("Tờ trình", "TTr"),
    T.CONTRACT: TypeInfo("Hợp đồng", "HĐ"),
    T.OFFICIAL_LETTER: TypeInfo("Công văn", ""),
    T.OFFICIAL_TELEGRAM: TypeInfo("Công điện", "CĐ"),
    T.MEMORANDUM: TypeInfo("Bản ghi nhớ", "GN"),
    T.AGREEMENT: TypeInfo("Bản thỏa thuận", "TTh"),
    T.POWER_OF_ATTORNEY: TypeInfo("Giấy ủy quyền", "GUQ"),
    T.INVITATION: TypeInfo("Giấy mời", "GM"),
    T.INTRODUCTION: TypeInfo("Giấy giới thiệu", "GGT"),
    T.LEAVE_PERMIT: TypeInfo("Giấy nghỉ phép", "GNP"),
    T.DISPATCH_SLIP: TypeInfo("Phiếu gửi", "PG"),
    T.TRANSFER_SLIP: TypeInfo("Phiếu chuyển", "PC"),
    T.NOTIFICATION_SLIP: TypeInfo("Phiếu báo", "PB"),
    T.PUBLIC_LETTER: TypeInfo("Thư công", ""),
}
del T

COPY_FORMS: Final[Mapping[str, str]] = {
    "SY": "Sao y",
    "TrS": "Trích sao",
    "SL": "Sao lục",
}


class Urgency(models.TextChoices):
    """Độ khẩn (§6): stamped in red; urgent documents are handled at once.
    edXML Priority: 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc."""

    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    VERY_URGENT = "very_urgent", _("Very urgent")
    FLASH = "flash", _("Flash")


URGENCY_MARKS: Final[Mapping[str, str]] = {
    Urgency.NORMAL: "",
    Urgency.URGENT: "KHẨN",
    Urgency.VERY_URGENT: "THƯỢNG KHẨN",
    Urgency.FLASH: "HỎA TỐC",
}
URGENCY_PRIORITY: Final[Mapping[str, int]] = {
    Urgency.NORMAL: 0,
    Urgency.URGENT: 1,
    Urgency.VERY_URGENT: 2,
    Urgency.FLASH: 3,
}


class Secrecy(models.TextChoices):
    """Độ mật: secret documents have their own number series and restricted access."""

    NONE = "none", _("Not secret")
    CONFIDENTIAL = "confidential", _("Confidential")
    SECRET = "secret", _("Secret")
    TOP_SECRET = "top_secret", _("Top secret")


SECRECY_MARKS: Final[Mapping[str, str]] = {
    Secrecy.NONE: "",
    Secrecy.CONFIDENTIAL: "MẬT",
    Secrecy.SECRET: "TỐI MẬT",
    Secrecy.TOP_SECRET: "TUYỆT MẬT",
}


class Competence(models.TextChoices):
    """Thẩm quyền ký, the prefix of the signer block (edXML SignerInfo/Competence)."""

    OWN = "", _("In own name")
    ON_BEHALF = "TM.", _("On behalf of the collective (TM.)")
    DEPUTY = "KT.", _("Deputy for the head (KT.)")
    ACTING = "Q.", _("Acting head (Q.)")
    BY_ORDER = "TL.", _("By order (TL.)")
    AUTHORISED = "TUQ.", _("By authorisation (TUQ.)")


class IncomingChannel(models.TextChoices):
    """How an incoming document arrived."""

    PAPER = "paper", _("Paper (scanned)")
    EMAIL = "email", _("E-mail")
    ELECTRONIC = "electronic", _("Electronic exchange")


class SeriesKind(models.TextChoices):
    """Hệ thống số: which register a number series feeds (§2)."""

    INCOMING = "incoming", _("Incoming register")
    OUTGOING = "outgoing", _("Outgoing documents")
    SECRET = "secret", pgettext_lazy("series", "Secret documents")
    NORMATIVE = "normative", _("Legal normative documents")


class IncomingStatus(models.TextChoices):
    """Where an incoming document (văn bản đến) is in its handling."""

    REGISTERED = "registered", _("Registered")
    AWAITING_DIRECTION = "awaiting_direction", _("Awaiting direction")
    IN_PROGRESS = "in_progress", _("Being handled")
    COMPLETED = "completed", _("Completed")
    FILED = "filed", _("Filed for information")
    RETURNED = "returned", _("Returned to the sender")
    RECALLED = "recalled", _("Recalled by the sender")


INCOMING_OPEN: Final = frozenset(
    {
        IncomingStatus.REGISTERED,
        IncomingStatus.AWAITING_DIRECTION,
        IncomingStatus.IN_PROGRESS,
    }
)


class IncomingAction(models.TextChoices):
    REGISTER = "register", _("Register")
    SUBMIT = "submit", _("Submit to the leader")
    DIRECT = "direct", _("Direct")
    ASSIGN = "assign", _("Assign")
    PROPOSE = "propose", _("Propose")
    COMPLETE = "complete", _("Complete")
    FILE = "file", _("File for information")
    RETURN = "return", _("Return to the sender")
    RECALL = "recall", _("Recall")
    REPLY_LINK = "reply_link", _("Link a reply")
    VIEW = "view", _("View")


class HandlingRole(models.TextChoices):
    """A unit's part in handling a document (phiếu giải quyết văn bản đến)."""

    LEAD = "lead", _("Lead")
    COOPERATE = "cooperate", _("Cooperating")


class AssignmentStatus(models.TextChoices):
    AT_UNIT = "at_unit", _("At the unit")
    ASSIGNED = "assigned", _("Assigned")
    PROPOSED = "proposed", _("Proposal made")
    DONE = "done", _("Done")


class OutgoingStatus(models.TextChoices):
    """Where an outgoing document (văn bản đi) is, from drafting to issuance."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting signature")
    SIGNED = "signed", _("Signed by the leader")
    ISSUED = "issued", _("Issued")
    RECALLED = "recalled", _("Recalled")
    REPLACED = "replaced", _("Replaced")
    CANCELLED = "cancelled", _("Cancelled")


class OutgoingAction(models.TextChoices):
    CREATE = "create", _("Create the draft")
    EDIT = "edit", _("Edit the draft")
    SUBMIT = "submit", _("Submit for review")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for changes")
    SIGN = "sign", _("Sign")
    NUMBER = "number", _("Numbered")
    ISSUE = "issue", _("Number and issue")
    RECALL = "recall", _("Recall")
    REPLACE = "replace", _("Replaced by a new document")
    CANCEL = "cancel", _("Cancel")


class OutgoingSource(models.TextChoices):
    DRAFTED = "drafted", _("Drafted in the application")
    UPLOADED = "uploaded", _("Uploaded file")


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", pgettext_lazy("review", "Returned")


class FileKind(models.TextChoices):
    """What a stored file is to its document."""

    SCAN = "scan", _("Scan or received file")
    ATTACHMENT = "attachment", _("Attachment")
    DRAFT = "draft", pgettext_lazy("file kind", "Draft")
    SIGNED = "signed", _("Signed by the leader")
    ISSUED = "issued", _("Issued copy")
    OCR = "ocr", _("Searchable copy (text recognition)")


class OcrStatus(models.TextChoices):
    NONE = "none", _("Not needed")
    PENDING = "pending", _("Waiting for text recognition")
    DONE = "done", _("Text recognised")
    FAILED = "failed", _("Text recognition failed")


class DeliveryChannel(models.TextChoices):
    """How an issued document reaches a recipient."""

    INTERNAL = "internal", _("On the network (Công Sở)")
    EXCHANGE = "exchange", _("Document exchange axis")
    EMAIL = "email", _("E-mail")
    PAPER = "paper", _("Paper")


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    RECALLED = "recalled", _("Recalled")


class Retention(models.TextChoices):
    """Thời hạn bảo quản of a case file."""

    PERMANENT = "permanent", _("Permanent")
    YEARS = "years", _("A number of years")


class CaseFileStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


EVENT_PREFIX: Final = "documents"
#: Object types of documents in the search index and the audit trail.
OBJECT_INCOMING: Final = "documents.incoming"
OBJECT_OUTGOING: Final = "documents.outgoing"
