"""Case-file export (kết xuất hồ sơ, NĐ 30/2020 Phụ lục VI, Phần I.III.4.g:
"toàn bộ văn bản, tài liệu, dữ liệu đặc tả của hồ sơ sang định dạng (.pdf),
(.xml)"), for the archive.

:func:`case_file_export` gives one zip named by the file code, holding:

* ``<code>.pdf`` — the **reading copy**: a cover, the contents list (mục lục
  văn bản) and every document's main PDF after it (the issued copy of an
  outgoing document; the scan or received file of an incoming one, its OCR
  copy with a text layer when there is one). Merging drops what makes a
  signature verifiable, so the cover says this copy is for reading only;
* ``<code>.xml`` — the Phụ lục VI Part II metadata of the file and of each
  document (:mod:`.metadata`), valid against ``ho-so.xsd``, also in the zip;
* ``van-ban/NNN-…`` — the original files, byte for byte (signed PDFs whose
  signatures still verify, scans, attachments).

Secret documents are exported as they are: the caller checks that the
official may read the whole file."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from io import BytesIO
from typing import Final

from django.utils import timezone

from congso.core.text import fold_vi
from congso.documents.exports.contents import (
    CaseFileContents,
    case_file_contents_get,
)
from congso.documents.exports.metadata import (
    CaseFileMeta,
    DocumentMeta,
    case_file_xml,
    schema_bytes,
)
from congso.documents.exports.reading import ReadingPart, reading_copy, reading_part
from congso.documents.models import CaseFile, DocumentFile

ORIGINALS_DIR: Final = "van-ban"
SCHEMA_NAME: Final = "ho-so.xsd"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CaseFileExport:
    """The zip (``filename``, ``data``) and its two main parts, for views that
    offer them one by one; ``notes`` lists what was shortened or not merged."""

    filename: str
    data: bytes
    pdf: bytes
    xml: bytes
    notes: tuple[str, ...]


def safe_name(text: str) -> str:
    """An ASCII file name: "000.00.25.H57.2026.HS/01" → "000.00.25.H57.2026.HS-01"."""
    folded = "".join(ch if ch.isascii() else fold_vi(ch) for ch in text)
    return _UNSAFE.sub("-", folded).strip("-.") or "ho-so"


def _read(row: DocumentFile) -> bytes:
    with row.file.open("rb") as handle:
        return bytes(handle.read())


def _zip_info(name: str, moment: datetime) -> zipfile.ZipInfo:
    local = timezone.localtime(moment)
    info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _original_name(meta: DocumentMeta, row: DocumentFile) -> str:
    return f"{ORIGINALS_DIR}/{meta.ordinal:03d}-{row.pk}-{safe_name(row.name)}"


def _case_meta(
    contents: CaseFileContents, metas: Sequence[DocumentMeta]
) -> CaseFileMeta:
    cf = contents.case_file
    return CaseFileMeta(
        code=contents.code,
        title=cf.title,
        maintenance=cf.maintenance,
        rights=cf.rights,
        creator=cf.creator,
        start_date=cf.start_date,
        end_date=cf.end_date,
        page_total=sum(m.page_amount or 0 for m in metas),
        description=cf.description,
        documents=metas,
    )


def case_file_export(*, case_file: CaseFile) -> CaseFileExport:
    """The zip of the case file (see the module docstring). Raises
    :class:`~.common.ExportError` when an identifier does not fit the decree."""
    contents = case_file_contents_get(case_file=case_file)
    parts: list[ReadingPart] = [
        reading_part([(f.content_type, _read(f)) for f in d.reading])
        for d in contents.documents
    ]
    try:
        metas = [
            replace(d.meta, page_amount=part.pages or d.meta.page_amount)
            for d, part in zip(contents.documents, parts, strict=True)
        ]
        xml, notes = case_file_xml(_case_meta(contents, metas))
        notes += [
            f"Văn bản số thứ tự {m.ordinal}: {part.note}"
            for m, part in zip(metas, parts, strict=True)
            if part.note
        ]
        pdf = reading_copy(contents, metas, parts, notes)
    finally:
        for part in parts:
            part.close()
    stem = safe_name(contents.code.text)
    now = timezone.now()
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info(f"{stem}.pdf", now), pdf)
        archive.writestr(_zip_info(f"{stem}.xml", now), xml)
        archive.writestr(_zip_info(SCHEMA_NAME, now), schema_bytes())
        for document, meta in zip(contents.documents, metas, strict=True):
            for row in document.originals:
                archive.writestr(
                    _zip_info(_original_name(meta, row), row.created_at), _read(row)
                )
    return CaseFileExport(
        filename=f"{stem}.zip",
        data=buffer.getvalue(),
        pdf=pdf,
        xml=xml,
        notes=tuple(notes),
    )
