"""The reading copy of a case file: a WeasyPrint cover with the contents list
(mục lục văn bản), then the pages of every document, merged with pikepdf.

Merging copies pages, not signatures: a signature covers the bytes of its own
file, so no signature of the merged documents can be verified in the copy. The
cover says so; the signed originals travel unchanged beside it."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final

import pikepdf

from congso.core.files import JPEG, PDF, PNG
from congso.documents.exports.common import render_pdf, short_date
from congso.documents.exports.metadata import DocumentMeta

if TYPE_CHECKING:
    from congso.documents.exports.contents import CaseFileContents

COVER: Final = "documents/exports/casefile_cover.html"
IMAGE_PAGE: Final = "documents/exports/image_page.html"
#: Times the cover is laid out to settle its own page count (for "Tờ số").
_COVER_PASSES: Final = 3


@dataclass
class ReadingPart:
    """A document's pages for the copy: the opened PDFs, their page count, and
    a note when a file could not be merged."""

    sources: list[pikepdf.Pdf] = field(default_factory=list)
    pages: int = 0
    note: str = ""

    def close(self) -> None:
        for source in self.sources:
            source.close()
        self.sources.clear()


def _image_pdf(content_type: str, data: bytes) -> bytes:
    """A scan kept as an image (no OCR copy yet) as one A4 page."""
    uri = f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
    return render_pdf(IMAGE_PAGE, {"uri": uri})


def reading_part(files: Sequence[tuple[str, bytes]]) -> ReadingPart:
    """Open the (content type, bytes) files of one document for merging;
    files that are not PDF or image, encrypted or broken are left out with a
    note (their originals are still in the export)."""
    part = ReadingPart()
    skipped = []
    for content_type, data in files:
        if content_type in (JPEG, PNG):
            data, content_type = _image_pdf(content_type, data), PDF
        if content_type != PDF:
            skipped.append("tệp không phải PDF")
            continue
        try:
            source = pikepdf.open(BytesIO(data))
        except pikepdf.PasswordError:
            skipped.append("tệp PDF có mật khẩu")
            continue
        except pikepdf.PdfError:
            skipped.append("tệp PDF bị lỗi")
            continue
        part.sources.append(source)
        part.pages += len(source.pages)
    if not files:
        part.note = "không có bản điện tử để ghép"
    elif skipped:
        part.note = "không ghép được vào bản đọc (" + ", ".join(skipped) + ")"
    return part


def _cover_context(
    contents: CaseFileContents,
    metas: Sequence[DocumentMeta],
    parts: Sequence[ReadingPart],
    notes: Sequence[str],
    first_page: int,
) -> dict[str, Any]:
    rows = []
    page = first_page
    for document, meta, part in zip(contents.documents, metas, parts, strict=True):
        rows.append(
            {
                "order": meta.ordinal,
                "number": document.number_symbol,
                "date": short_date(meta.issued_date),
                "author": meta.organ_name,
                "subject": meta.subject,
                "sheet": page if part.pages else "",
                "pages": part.pages or meta.page_amount or "",
                "note": part.note,
            }
        )
        page += part.pages
    cf = contents.case_file
    return {
        "heading": contents.heading,
        "case_file": cf,
        "code": contents.code.text,
        "start": short_date(cf.start_date),
        "end": short_date(cf.end_date),
        "documents": len(metas),
        "pages": sum(m.page_amount or 0 for m in metas),
        "rows": rows,
        "notes": notes,
    }


def reading_copy(
    contents: CaseFileContents,
    metas: Sequence[DocumentMeta],
    parts: Sequence[ReadingPart],
    notes: Sequence[str],
) -> bytes:
    """Cover and contents, then each document's pages, as one PDF (the caller
    closes the parts)."""
    cover_pages = 1
    cover = b""
    for _pass in range(_COVER_PASSES):
        cover = render_pdf(
            COVER, _cover_context(contents, metas, parts, notes, cover_pages + 1)
        )
        with pikepdf.open(BytesIO(cover)) as laid_out:
            pages = len(laid_out.pages)
        if pages == cover_pages:
            break
        cover_pages = pages
    buffer = BytesIO()
    with pikepdf.open(BytesIO(cover)) as merged:
        for part in parts:
            for source in part.sources:
                merged.pages.extend(source.pages)
        merged.docinfo[pikepdf.Name.Title] = contents.case_file.title
        merged.save(buffer)
    return buffer.getvalue()
