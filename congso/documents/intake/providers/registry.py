"""The registry of OCR engines. Tesseract (through OCRmyPDF) is registered as
``tesseract`` and is the default; ``DOCUMENTS_OCR_ENGINE`` picks another one
registered here. Tests may register their own engine or pass one directly to
:func:`~congso.documents.intake.ocr.ocr_document`."""

from __future__ import annotations

from django.conf import settings

from congso.core.registry import Registry
from congso.documents.intake.contrib.tesseract.engine import TesseractEngine
from congso.documents.intake.providers.base import OcrEngine

DEFAULT_ENGINE = "tesseract"

ocr_engines: Registry[OcrEngine] = Registry("OCR engine")
ocr_engines.add(DEFAULT_ENGINE, TesseractEngine())


def ocr_engine_get(name: str | None = None) -> OcrEngine:
    """The engine registered as ``name``, by default the one named by the
    ``DOCUMENTS_OCR_ENGINE`` setting (``LookupError`` if none)."""
    if name is None:
        name = getattr(settings, "DOCUMENTS_OCR_ENGINE", DEFAULT_ENGINE)
    return ocr_engines.get(name)
