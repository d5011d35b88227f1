"""The metadata of a case file and of its documents as XML (NĐ 30/2020 Phụ lục
VI, Phần II), checked against ``casefile.xsd`` before it leaves the system.

Lengths are the decree's. The policy, applied by :class:`Limits`:

* **identifiers and counts are refused** when they do not fit (OrganId,
  FileNotation, CodeNumber, CodeNotation, DocOrdinal, ArrivalNumber, PageAmount,
  DocTotal, PageTotal): a shortened identifier names something else, so the
  export stops with an :class:`~.common.ExportError` listing every such field;
* **free text is shortened** to the limit, ending in "…", and each cut is
  reported as a note (printed on the cover of the reading copy): titles,
  subjects, names, descriptions, recipients, the signer.

Dates are dd/mm/yyyy (the decree's "Date 10"; it gives no pattern). Pure: no
database, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Final

from django.utils.translation import gettext as _
from lxml import etree  # type: ignore[import-untyped]

from congso.documents.exports.common import ExportError, short_date

SCHEMA_PATH: Final = Path(__file__).with_name("casefile.xsd")
LANGUAGE: Final = "Tiếng Việt"
ELLIPSIS: Final = "…"


@dataclass(frozen=True)
class FileCode:
    """Mã hồ sơ: agency identifier (mã định danh), year, số và ký hiệu hồ sơ."""

    organ_id: str
    catalog: int
    notation: str

    @property
    def text(self) -> str:
        """The code as written on the file: ``000.00.25.H57.2026.HS-01``."""
        return f"{self.organ_id}.{self.catalog}.{self.notation}"


@dataclass(frozen=True)
class DocumentMeta:
    """One document of the file, in the decree's terms; ``incoming`` picks the
    table (Mục II) and its own fields, the others belong to Mục I."""

    ordinal: int
    incoming: bool
    type_name: str
    code_number: str
    code_notation: str
    issued_date: date | None
    organ_name: str
    subject: str
    page_amount: int | None
    description: str
    signer_position: str
    signer_name: str
    priority: int
    due_date: date | None
    # Mục I (outgoing)
    recipients: Sequence[tuple[str, str]] = ()  # (OrganId or "", OrganName)
    issued_amount: int | None = None
    # Mục II (incoming)
    arrival_date: date | None = None
    arrival_number: int | None = None
    to_places: str = ""
    trace: str = ""


@dataclass(frozen=True)
class CaseFileMeta:
    code: FileCode
    title: str
    maintenance: str
    rights: str
    creator: str
    start_date: date | None
    end_date: date | None
    page_total: int
    description: str
    documents: Sequence[DocumentMeta]


@dataclass
class Limits:
    """Applies the length policy and collects what it did."""

    notes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def text(self, where: str, name: str, value: str, limit: int) -> str:
        """Free text cut to ``limit`` characters, with a note when cut."""
        value = " ".join(value.split()) if "\n" not in value else value.strip()
        if len(value) <= limit:
            return value
        self.notes.append(
            f"{where}: trường {name} dài {len(value)} ký tự, đã rút gọn còn {limit}."
        )
        return value[: limit - 1].rstrip() + ELLIPSIS

    def identifier(self, where: str, name: str, value: str, limit: int) -> str:
        if len(value) > limit:
            self.refused.append(f"{where}: {name} ({len(value)} > {limit})")
        return value

    def number(self, where: str, name: str, value: int | None, limit: int) -> None:
        if value is not None and not 0 <= value <= limit:
            self.refused.append(f"{where}: {name} ({value} > {limit})")

    def check(self) -> None:
        if self.refused:
            raise ExportError(
                _(
                    "The case file cannot be exported: these values do not fit "
                    "the lengths of Decree 30, Appendix VI: %(fields)s."
                )
                % {"fields": "; ".join(self.refused)},
                code="metadata_length",
                extra={"fields": list(self.refused)},
            )


def _add(parent: etree._Element, name: str, value: object) -> None:
    """A child element, left out when there is no value."""
    if value is None or value == "":
        return
    child = etree.SubElement(parent, name)
    child.text = short_date(value) if isinstance(value, date) else str(value)


def _file_code(parent: etree._Element, code: FileCode) -> None:
    node = etree.SubElement(parent, "FileCode")
    _add(node, "OrganId", code.organ_id)
    _add(node, "FileCatalog", f"{code.catalog:04d}")
    _add(node, "FileNotation", code.notation)


def _signer(
    parent: etree._Element, doc: DocumentMeta, where: str, limits: Limits
) -> None:
    position = limits.text(where, "Position", doc.signer_position, 100)
    name = limits.text(where, "FullName", doc.signer_name, 50)
    if position or name:
        node = etree.SubElement(parent, "SignerInfo")
        _add(node, "Position", position)
        _add(node, "FullName", name)


def _document(
    parent: etree._Element, code: FileCode, doc: DocumentMeta, limits: Limits
) -> None:
    where = f"Văn bản số thứ tự {doc.ordinal}"
    node = etree.SubElement(
        parent, "IncomingDocument" if doc.incoming else "OutgoingDocument"
    )
    _file_code(node, code)
    limits.number(where, "DocOrdinal", doc.ordinal, 999)
    _add(node, "DocOrdinal", doc.ordinal)
    _add(node, "TypeName", limits.text(where, "TypeName", doc.type_name, 100))
    _add(
        node, "CodeNumber", limits.identifier(where, "CodeNumber", doc.code_number, 11)
    )
    _add(
        node,
        "CodeNotation",
        limits.identifier(where, "CodeNotation", doc.code_notation, 30),
    )
    _add(node, "IssuedDate", doc.issued_date)
    _add(node, "OrganName", limits.text(where, "OrganName", doc.organ_name, 200))
    _add(node, "Subject", limits.text(where, "Subject", doc.subject, 500))
    _add(node, "Language", LANGUAGE)
    limits.number(where, "PageAmount", doc.page_amount, 999)
    _add(node, "PageAmount", doc.page_amount)
    _add(node, "Description", limits.text(where, "Description", doc.description, 500))
    if doc.incoming:
        _add(node, "ArrivalDate", doc.arrival_date)
        limits.number(where, "ArrivalNumber", doc.arrival_number, 9_999_999_999)
        _add(node, "ArrivalNumber", doc.arrival_number)
        _signer(node, doc, where, limits)
        _add(node, "Priority", doc.priority)
        _add(node, "ToPlaces", limits.text(where, "ToPlaces", doc.to_places, 1000))
        _add(node, "TraceHeaderList", doc.trace)
    else:
        _signer(node, doc, where, limits)
        for organ_id, organ_name in doc.recipients:
            to = etree.SubElement(node, "To")
            _add(to, "OrganId", limits.identifier(where, "To/OrganId", organ_id, 13))
            _add(to, "OrganName", limits.text(where, "To/OrganName", organ_name, 200))
        _add(node, "Priority", doc.priority)
        limits.number(where, "IssuedAmount", doc.issued_amount, 999)
        _add(node, "IssuedAmount", doc.issued_amount)
    _add(node, "DueDate", doc.due_date)


def case_file_xml(meta: CaseFileMeta) -> tuple[bytes, list[str]]:
    """The XML (UTF-8, with declaration) and the notes of the fields shortened.
    Raises :class:`~.common.ExportError` when an identifier or a count does not
    fit, and ``ValueError`` if the result does not validate (a bug here)."""
    limits = Limits()
    where = "Hồ sơ"
    root = etree.Element("CaseFileExport")
    case = etree.SubElement(root, "CaseFile")
    code = meta.code
    limits.identifier(where, "OrganId", code.organ_id, 13)
    limits.identifier(where, "FileNotation", code.notation, 20)
    limits.number(where, "FileCatalog", code.catalog, 9999)
    _file_code(case, code)
    _add(case, "Title", limits.text(where, "Title", meta.title, 500))
    _add(case, "Maintenance", limits.text(where, "Maintenance", meta.maintenance, 30))
    _add(case, "Rights", limits.text(where, "Rights", meta.rights, 30))
    _add(case, "Creator", limits.text(where, "Creator", meta.creator, 30))
    _add(case, "Language", LANGUAGE)
    _add(case, "StartDate", meta.start_date)
    _add(case, "EndDate", meta.end_date)
    limits.number(where, "DocTotal", len(meta.documents), 9999)
    limits.number(where, "PageTotal", meta.page_total, 9999)
    _add(case, "DocTotal", len(meta.documents))
    _add(case, "PageTotal", meta.page_total)
    _add(case, "Description", limits.text(where, "Description", meta.description, 500))
    documents = etree.SubElement(root, "Documents")
    for doc in meta.documents:
        _document(documents, code, doc, limits)
    limits.check()
    data = bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )
    errors = xml_errors(data)
    if errors:
        raise ValueError(f"case-file metadata does not validate: {errors}")
    return data, limits.notes


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def schema_bytes() -> bytes:
    """The XSD, shipped in the export beside the XML."""
    return SCHEMA_PATH.read_bytes()


def xml_errors(data: bytes) -> list[str]:
    """Why ``data`` is not a valid case-file export ([] when it is)."""
    try:
        document = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False)
        )
    except etree.XMLSyntaxError as exc:
        return [str(exc)]
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
