"""Models of document work (công tác văn thư)."""

from congso.documents.models.common import DocumentAccess, DocumentEvent, DocumentFile
from congso.documents.models.incoming import (
    DocumentReminder,
    HandlingAssignment,
    IncomingDocument,
)
from congso.documents.models.mail import MailItem, MailStatus
from congso.documents.models.numbering import (
    AllocationStatus,
    NumberAllocation,
    NumberingSeries,
)
from congso.documents.models.outgoing import Delivery, OutgoingDocument, ReviewStep
from congso.documents.models.records import CaseFile, CaseFileItem

__all__ = [
    "AllocationStatus",
    "CaseFile",
    "CaseFileItem",
    "Delivery",
    "DocumentAccess",
    "DocumentEvent",
    "DocumentFile",
    "DocumentReminder",
    "HandlingAssignment",
    "IncomingDocument",
    "MailItem",
    "MailStatus",
    "NumberAllocation",
    "NumberingSeries",
    "OutgoingDocument",
    "ReviewStep",
]
