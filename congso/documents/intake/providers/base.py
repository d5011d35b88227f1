"""The OCR engine port. An engine gets a PDF (images are converted before) and
adds an invisible text layer to the pages that have no text yet; dataclasses in
and out, never model instances."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Recognition:
    """What an engine returns for one PDF. ``pdf`` is the searchable PDF, or
    ``None`` when only text was asked for; ``page_texts`` has the recognised
    text of each page in order, "" for a page skipped because it had text."""

    pdf: bytes | None
    page_texts: tuple[str, ...]


class OcrEngine(Protocol):
    """A text-recognition engine. Implementations read their own settings when
    called and are safe to share between threads."""

    name: str

    def describe(self) -> str:
        """Name, version and languages, e.g. "tesseract 5.3.0 vie". Raises
        :class:`~congso.documents.intake.errors.OcrEngineMissingError` naming the
        package to install when the engine or its language data is missing."""
        ...

    def recognise(self, pdf: bytes, *, text_layer: bool = True) -> Recognition:
        """Recognise the pages of ``pdf`` that have no text, keeping the pages
        that have. ``text_layer=False`` asks for the text only (the caller keeps
        the PDF unchanged, e.g. because it is digitally signed). Raises
        ``OcrEngineMissingError``, ``OcrFailedError`` or the errors of an
        unreadable input."""
        ...
