"""Choices of the audit trail (nhật ký)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerifyReason(models.TextChoices):
    """Why ``audit_verify`` found the chain broken."""

    SEQ_GAP = "seq_gap", _("an entry is missing (gap in the sequence numbers)")
    PREV_HASH_MISMATCH = (
        "prev_hash_mismatch",
        _("the entry does not link to the previous entry's hash"),
    )
    HASH_MISMATCH = "hash_mismatch", _("the entry's content does not match its hash")
    HEAD_MISSING = "head_missing", _("the chain head record is missing")
    HEAD_MISMATCH = "head_mismatch", _("the chain does not end at the recorded head")
