"""Text recognition of scanned incoming documents (OCR, Tesseract ``vie``),
run by the outbox after registration: the searchable PDF is kept beside the
scan, and the text feeds the search index. A failure is recorded on the file;
the document stays registered and usable."""

from __future__ import annotations

import logging

from django.db import transaction

from congso.core.errors import ApplicationError
from congso.core.files import PDF
from congso.documents.constants import FileKind, OcrStatus
from congso.documents.intake.ocr import ocr_document
from congso.documents.models import DocumentFile
from congso.documents.services._base import file_store
from congso.documents.services.incoming import file_text_set

logger = logging.getLogger(__name__)


def file_recognise(*, file_id: int) -> str:
    """Recognise one file's text; returns the file's OCR status afterwards."""
    row = DocumentFile.objects.get(pk=file_id)
    if row.ocr_status != OcrStatus.PENDING:
        return row.ocr_status
    with row.file.open("rb") as handle:
        data = handle.read()
    try:
        result = ocr_document(data, filename=row.name)
    except ApplicationError as exc:
        logger.warning("OCR failed for document file %s: %s", file_id, exc)
        with transaction.atomic():
            file_text_set(file=row, text="", status=OcrStatus.FAILED)
        return OcrStatus.FAILED
    with transaction.atomic():
        locked = DocumentFile.objects.select_for_update().get(pk=file_id)
        if locked.ocr_status != OcrStatus.PENDING:
            return locked.ocr_status
        if not result.already_had_text and not result.signed:
            file_store(
                locked.document,  # type: ignore[arg-type]
                kind=FileKind.OCR,
                name=f"{locked.name.rsplit('.', 1)[0]}-ocr.pdf",
                data=result.pdf,
                content_type=PDF,
                actor=None,
                text="",
                derived_from=locked,
            )
        file_text_set(file=locked, text=result.text, status=OcrStatus.DONE)
    return OcrStatus.DONE
