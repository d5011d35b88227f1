"""Content types of incoming files, sniffed from the bytes and never from the
name (the rules of :mod:`congso.core.files`, plus TIFF scans and a fallback for
everything else)."""

from __future__ import annotations

from io import BytesIO
from typing import Final

from congso.core.files import (
    EXTENSIONS,
    JPEG,
    OFFICE_TYPES,
    PDF,
    PNG,
    ZIP_SIGNATURE,
    sniff,
)

TIFF: Final = "image/tiff"
ZIP: Final = "application/zip"
OCTET_STREAM: Final = "application/octet-stream"

#: Little- and big-endian TIFF (multi-page scans from office scanners).
TIFF_SIGNATURES: Final = (b"II*\x00", b"MM\x00*")
#: Scanned images the OCR accepts.
IMAGE_TYPES: Final = frozenset({JPEG, PNG, TIFF})
_KNOWN: Final = frozenset({PDF, JPEG, PNG}) | OFFICE_TYPES

#: Extension for a file that came without a name.
INTAKE_EXTENSIONS: Final = {**EXTENSIONS, TIFF: ".tif", ZIP: ".zip", OCTET_STREAM: ""}


def sniff_type(data: bytes) -> str:
    """PDF, JPEG, PNG, TIFF, an Office or OpenDocument type (not one with
    macros), ``application/zip`` for another zip, else
    ``application/octet-stream``."""
    if data[:4] in TIFF_SIGNATURES:
        return TIFF
    found = sniff(BytesIO(data), _KNOWN)
    if found is not None:
        return found
    return ZIP if data.startswith(ZIP_SIGNATURE) else OCTET_STREAM
