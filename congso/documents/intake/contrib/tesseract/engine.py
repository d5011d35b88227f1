"""The default OCR engine: Tesseract with the Vietnamese model, driven by the
OCRmyPDF Python API.

OCRmyPDF runs **in-process**, with ``use_threads=True`` and ``jobs`` from the
settings (1 by default). Tesseract itself always runs as a child program, so
threads lose nothing, and they avoid child *Python* processes, which Celery's
prefork workers (daemonic processes) may not start and which would each
re-import Django. A per-page Tesseract time-out bounds the work; the Celery
task's hard time limit bounds the rest.

Choices for incoming scans (documents.md §8):

* ``mode="skip"``: pages that already have text are kept as they are, never
  re-recognised; ``redo`` would replace an existing OCR layer.
* ``optimize=0``: the scanned images are kept byte for byte, at their resolution.
* ``output_type="auto"`` with the ``internal`` PDF/A backend: PDF/A-2b when
  pikepdf can make it, else a plain PDF (≥ 1.5). Ghostscript is not used:
  Debian 12's 10.0.0 corrupts PDFs with existing text in skip mode (OCRmyPDF
  refuses it), and pages are rasterised with pypdfium2.
* ``rotate_pages``: pages scanned upside down or sideways are turned (only the
  page's /Rotate changes; cheap). No ``deskew``: it re-encodes the scan.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
from io import BytesIO
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from congso.documents.intake.errors import (
    EncryptedFileError,
    FileTooLargeError,
    OcrEngineMissingError,
    OcrFailedError,
    UnreadableFileError,
)
from congso.documents.intake.providers.base import Recognition

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGES = ("vie",)
DEFAULT_JOBS = 1
DEFAULT_PAGE_TIMEOUT = 180
PROGRAM_PACKAGE = "tesseract-ocr"

#: OCRmyPDF's sidecar marker for pages it did not recognise because they had text.
_SKIPPED = re.compile(r"\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]")


def _languages() -> tuple[str, ...]:
    """``DOCUMENTS_OCR_LANGUAGES``: a list (["vie", "eng"]) or Tesseract's own
    spelling ("vie+eng")."""
    value = getattr(settings, "DOCUMENTS_OCR_LANGUAGES", DEFAULT_LANGUAGES)
    items = re.split(r"[+,\s]+", value) if isinstance(value, str) else list(value)
    return tuple(item for item in items if item) or DEFAULT_LANGUAGES


def language_package(language: str) -> str:
    """The Debian package of a Tesseract language: vie → tesseract-ocr-vie."""
    return f"{PROGRAM_PACKAGE}-{language.lower().replace('_', '-')}"


def _program_missing(package: str) -> OcrEngineMissingError:
    return OcrEngineMissingError(
        _(
            "The OCR program Tesseract is not installed on the server. The "
            "administrator needs to install the Debian package %(package)s."
        )
        % {"package": package},
        extra={"package": package},
    )


def installed_version(languages: tuple[str, ...]) -> str:
    """Tesseract's version ("5.3.0") once the program and every language are
    found; else :class:`OcrEngineMissingError` naming the package to install."""
    path = shutil.which("tesseract")
    if path is None:
        raise _program_missing(PROGRAM_PACKAGE)
    return _probe(path, languages)


@functools.lru_cache(maxsize=8)
def _probe(path: str, languages: tuple[str, ...]) -> str:
    """Cached per program and languages; a failure is not cached, so installing
    the package is picked up without a restart."""
    try:  # fixed arguments to the program found on PATH
        version = subprocess.run(  # noqa: S603
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
        listing = subprocess.run(  # noqa: S603
            [path, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        raise _program_missing(PROGRAM_PACKAGE) from None
    # "List of available languages in "/usr/share/…/" (3):" then one per line
    available = {line.strip() for line in listing.splitlines()[1:]}
    for language in languages:
        if language not in available:
            package = language_package(language)
            raise OcrEngineMissingError(
                _(
                    "The OCR language data “%(language)s” is not installed on the "
                    "server. The administrator needs to install the Debian package "
                    "%(package)s."
                )
                % {"language": language, "package": package},
                extra={"package": package, "language": language},
            )
    first = version.split("\n", 1)[0].split()
    return first[1].lstrip("v") if len(first) > 1 else "?"


def split_sidecar(text: str) -> tuple[str, ...]:
    """Per-page texts from OCRmyPDF's sidecar: pages are separated by form
    feeds and a run of skipped pages is one "[OCR skipped on page(s) 2-4]"."""
    pages: list[str] = []
    for segment in text.split("\f"):
        skipped = _SKIPPED.fullmatch(segment.strip())
        if skipped:
            first = int(skipped.group(1))
            last = int(skipped.group(2) or first)
            pages.extend([""] * (last - first + 1))
        else:
            pages.append(segment)
    return tuple(pages)


class TesseractEngine:
    """Tesseract through OCRmyPDF (see the module docstring for the options)."""

    name = "tesseract"

    def describe(self) -> str:
        languages = _languages()
        return f"tesseract {installed_version(languages)} {'+'.join(languages)}"

    def _options(self, languages: tuple[str, ...]) -> dict[str, Any]:
        return {
            "language": list(languages),
            "jobs": int(getattr(settings, "DOCUMENTS_OCR_JOBS", DEFAULT_JOBS)),
            "use_threads": True,
            "progress_bar": False,
            "mode": "skip",
            "pdfa_backend": "internal",
            "optimize": 0,
            "rotate_pages": True,
            "tesseract_timeout": float(
                getattr(settings, "DOCUMENTS_OCR_PAGE_TIMEOUT", DEFAULT_PAGE_TIMEOUT)
            ),
        }

    def recognise(self, pdf: bytes, *, text_layer: bool = True) -> Recognition:
        languages = _languages()
        installed_version(languages)
        import ocrmypdf  # heavy (pydantic, pikepdf, fpdf2): only when recognising
        from PIL import Image

        output = BytesIO()
        sidecar = BytesIO()
        options = self._options(languages)
        if text_layer:
            options["output_type"] = "auto"
        else:
            # Text only: nothing is written, so no signature is invalidated.
            options.update(output_type="none", invalidate_digital_signatures=True)
        try:
            code = ocrmypdf.ocr(
                BytesIO(pdf),
                output if text_layer else os.devnull,
                sidecar=sidecar,
                **options,
            )
        except ocrmypdf.EncryptedPdfError:
            raise EncryptedFileError() from None
        except ocrmypdf.MissingDependencyError as error:
            logger.warning("OCRmyPDF is missing a dependency: %s", error)
            raise _program_missing(PROGRAM_PACKAGE) from error
        except (
            ocrmypdf.InputFileError,
            ocrmypdf.UnsupportedImageFormatError,
            ocrmypdf.DpiError,
        ) as error:
            raise UnreadableFileError() from error
        except Image.DecompressionBombError as error:
            raise FileTooLargeError() from error
        except ocrmypdf.ExitCodeException as error:
            logger.warning("OCRmyPDF failed: %r", error)
            raise OcrFailedError() from error
        if code not in (ocrmypdf.ExitCode.ok, ocrmypdf.ExitCode.pdfa_conversion_failed):
            logger.warning("OCRmyPDF ended with exit code %s", code)
            raise OcrFailedError()
        pages = split_sidecar(sidecar.getvalue().decode("utf-8", "replace"))
        return Recognition(
            pdf=output.getvalue() if text_layer else None, page_texts=pages
        )
