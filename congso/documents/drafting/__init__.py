"""Drafting outgoing documents (soạn thảo văn bản): the Decree 30 layout and its
PDF, with the number, date line and signature fields reserved for two-step
signing (NĐ 30/2020 Phụ lục I)."""

from congso.documents.drafting.layout import (
    Appendix,
    Block,
    BlockKind,
    DraftLayout,
    DraftLayoutError,
    Signer,
    article,
    blank_date_line,
    blank_notation,
    body_from_text,
    date_line,
    item,
    paragraph,
    part,
    section,
)
from congso.documents.drafting.render import draft_pdf, preview_pdf

__all__ = [
    "Appendix",
    "Block",
    "BlockKind",
    "DraftLayout",
    "DraftLayoutError",
    "Signer",
    "article",
    "blank_date_line",
    "blank_notation",
    "body_from_text",
    "date_line",
    "draft_pdf",
    "item",
    "paragraph",
    "part",
    "preview_pdf",
    "section",
]
