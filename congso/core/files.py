"""Uploaded and downloaded files, shared by dossiers and documents.

Uploads: the content type is sniffed from the bytes, never taken from the file
name or the browser; scans are PDF, JPEG or PNG, officials' working files may
also be Word/Excel (Office Open XML) or OpenDocument text and spreadsheets,
without macros. Downloads: always as an attachment, with the Vietnamese file
name (RFC 6266/5987) and an ASCII fallback."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Final
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse

from congso.core.text import fold_vi, nfc

PDF: Final = "application/pdf"
JPEG: Final = "image/jpeg"
PNG: Final = "image/png"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT: Final = "application/vnd.oasis.opendocument.text"
ODS: Final = "application/vnd.oasis.opendocument.spreadsheet"

#: Leading bytes → content type.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
ZIP_SIGNATURE: Final = b"PK\x03\x04"
#: Office Open XML: the part that makes a package a document or a workbook.
OOXML_PARTS: Final = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
#: Macro projects inside an Office package (.docm/.xlsm renamed): refused.
MACRO_PARTS: Final = frozenset({"word/vbaProject.bin", "xl/vbaProject.bin"})
ODF_TYPES: Final = frozenset({ODT, ODS})
OFFICE_TYPES: Final = frozenset({DOCX, XLSX}) | ODF_TYPES

SCAN_TYPES: Final = frozenset({PDF, JPEG, PNG})
WORKING_FILE_TYPES: Final = SCAN_TYPES | OFFICE_TYPES

EXTENSIONS: Final = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    DOCX: ".docx",
    XLSX: ".xlsx",
    ODT: ".odt",
    ODS: ".ods",
}


def sniff(upload: IO[bytes], allowed: frozenset[str]) -> str | None:
    """The content type of ``upload`` read from its bytes when it is one of
    ``allowed``, else ``None``. The file is left at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type if content_type in allowed else None
    if head.startswith(ZIP_SIGNATURE) and allowed & OFFICE_TYPES:
        office_type = _office_type(upload)
        upload.seek(0)
        return office_type if office_type in allowed else None
    return None


def _office_type(upload: IO[bytes]) -> str | None:
    """DOCX/XLSX by their main part, ODT/ODS by the stored ``mimetype`` entry.
    Only the archive's directory is read (and that one tiny entry), so a zip
    bomb costs nothing."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if names & MACRO_PARTS:
                return None
            if "[Content_Types].xml" in names:
                return next((t for part, t in OOXML_PARTS if part in names), None)
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 64:
                    value = archive.read(info).decode("ascii", "replace").strip()
                    return value if value in ODF_TYPES else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return None
    return None


def clean_file_name(name: str, content_type: str, *, fallback: str = "tai-lieu") -> str:
    """A user's file name as kept for downloads: NFC, without any path (POSIX or
    Windows) or control characters, with the extension of the type actually found
    in the file (``.jpeg`` kept for JPEG), at most 255 characters."""
    base = PureWindowsPath(PurePosixPath(nfc(name or "")).name).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    path = PurePosixPath(base or fallback)
    suffix = path.suffix.lower()
    right = EXTENSIONS[content_type]
    if suffix != right and not (content_type == JPEG and suffix == ".jpeg"):
        path = PurePosixPath(f"{path.stem if suffix else path.name}{right}")
    return f"{path.stem[: 255 - len(path.suffix)]}{path.suffix}"


def content_disposition(name: str) -> str:
    """``attachment`` with the name folded to ASCII for old clients and in UTF-8
    for the others: "Biên bản.pdf" → ``filename="bien ban.pdf";
    filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf``."""
    name = nfc(name).replace("\r", " ").replace("\n", " ")
    fallback = re.sub(r"[^A-Za-z0-9._ ()-]", "_", fold_vi(name)) or "file"
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=utf-8''{encoded}"


def bytes_download(data: bytes, *, name: str, content_type: str) -> HttpResponse:
    """Bytes made for this request (a register, a slip) as a download."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response


def file_download(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """Stream a stored file as a download (never inline: it came from a user)."""
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response
