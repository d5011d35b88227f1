"""PDF plumbing of the signing service (no database): open and check a document,
find, reserve and fill form fields, and place fields per Decree 30.

Coordinates are PDF points (1/72 in) in the page's default user space, origin
bottom-left, as pyHanko takes them. A :class:`FieldBox` names the page (0-based)."""

from __future__ import annotations

import binascii
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import PdfHandler
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields

from congso.signatures.signing.errors import (
    PdfEncryptedError,
    PdfInvalidError,
    PdfTooLargeError,
)

MM = 72 / 25.4
#: Largest document the service signs (a scanned result at 200 dpi runs to a few
#: MB a page).
MAX_PDF_BYTES = 50 * 1024 * 1024
_READ_ONLY = 1


# pyHanko's generic PDF objects and some writer methods are unannotated; these
# typed wrappers keep the ignores in one place.
def _pdf_dict(items: dict[generic.NameObject, Any]) -> generic.DictionaryObject:
    return generic.DictionaryObject(items)  # type: ignore[no-untyped-call]  # pyHanko


def _pdf_int(value: int) -> generic.NumberObject:
    return generic.NumberObject(value)  # type: ignore[no-untyped-call]  # pyHanko


def _pdf_rect(*values: float) -> generic.ArrayObject:
    return generic.ArrayObject(
        [generic.FloatObject(v) for v in values]  # type: ignore[no-untyped-call]  # pyHanko
    )


def _page_ref(writer: BasePdfFileWriter, page: int) -> generic.IndirectObject:
    found = writer.find_page_for_modification(page)  # type: ignore[no-untyped-call]  # pyHanko
    return found[0]  # type: ignore[no-any-return]  # an IndirectObject


@dataclass(frozen=True)
class FieldBox:
    """A rectangle on a page: ``(x1, y1)`` lower left, ``(x2, y2)`` upper right."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    @property
    def rect(self) -> tuple[int, int, int, int]:
        """Rounded for pyHanko's ``SigFieldSpec`` (typed as integers)."""
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


def pdf_writer(pdf: bytes) -> IncrementalPdfFileWriter:
    """An incremental writer over ``pdf`` (earlier signatures stay valid), or the
    Vietnamese refusal: too large, not a PDF or damaged, encrypted."""
    if len(pdf) > MAX_PDF_BYTES:
        raise PdfTooLargeError(MAX_PDF_BYTES // (1024 * 1024))
    if b"%PDF-" not in pdf[:1024]:
        raise PdfInvalidError
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        if writer.prev.encrypted:
            raise PdfEncryptedError
        if writer.prev.root["/Pages"]["/Count"] < 1:
            raise PdfInvalidError
        _page_ref(writer, 0)
    except (PdfError, KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise PdfInvalidError from None
    return writer


def page_size(handler: PdfHandler, page: int) -> tuple[float, float]:
    """Width and height of a page (its MediaBox), in points."""
    page_obj = _page_refs(handler)[page].get_object()
    x1, y1, x2, y2 = (float(v) for v in _inherited(page_obj, "/MediaBox"))
    return abs(x2 - x1), abs(y2 - y1)


def _inherited(node: Any, key: str) -> Any:
    while node is not None:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    raise KeyError(key)


def _page_refs(handler: PdfHandler) -> list[generic.Reference]:
    """References of the pages, in document order."""
    result: list[generic.Reference] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 32:  # a cycle in a damaged page tree
            raise PdfInvalidError
        for kid in node.get("/Kids", ()):
            kid_obj = kid.get_object()
            if "/Kids" in kid_obj:
                walk(kid_obj, depth + 1)
            else:
                result.append(kid.reference)

    walk(handler.root["/Pages"], 0)
    return result


@dataclass(frozen=True)
class FieldState:
    """A form field found in a document."""

    name: str
    signed: bool
    box: FieldBox | None


def field_find(handler: PdfHandler, name: str) -> FieldState | None:
    """The top-level form field ``name`` (signature or text), or None."""
    try:
        form = handler.root["/AcroForm"]
        refs = list(form["/Fields"])
    except KeyError:
        return None
    for ref in refs:
        field = ref.get_object()
        if field.get("/T") != name:
            continue
        signed = field.get("/FT") == "/Sig" and "/V" in field
        return FieldState(name=name, signed=signed, box=_widget_box(handler, field))
    return None


def _widget_box(handler: PdfHandler, field: Any) -> FieldBox | None:
    widget = field if "/Rect" in field else None
    if widget is None and "/Kids" in field:
        widget = field["/Kids"][0].get_object()
    if widget is None or "/P" not in widget:
        return None
    raw = widget.raw_get("/P")
    page_ref = getattr(raw, "reference", raw)
    pages = _page_refs(handler)
    index = next((i for i, ref in enumerate(pages) if ref == page_ref), None)
    if index is None:
        return None
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    return FieldBox(index, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def fields_reserve(
    pdf: bytes,
    *,
    signatures: Sequence[tuple[str, FieldBox]] = (),
    texts: Sequence[tuple[str, FieldBox]] = (),
) -> bytes:
    """Add empty signature fields and read-only text fields (number, date) to an
    unsigned document, in one incremental update. Every later step fills an
    existing field, so no signature sees the page content change (domain §5).
    Fields are added in the given order; a later one is drawn on top."""
    writer = pdf_writer(pdf)
    for name, box in signatures:
        fields.append_signature_field(
            writer, fields.SigFieldSpec(name, on_page=box.page, box=box.rect)
        )
    for name, box in texts:
        _text_field_add(writer, name, box)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]  # pyHanko
    return out.getvalue()


def _text_field_add(writer: BasePdfFileWriter, name: str, box: FieldBox) -> None:
    page_ref = _page_ref(writer, box.page)
    field = _pdf_dict(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/Ff"): _pdf_int(_READ_ONLY),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/F"): _pdf_int(4),  # print
            pdf_name("/P"): page_ref,
            pdf_name("/Rect"): _pdf_rect(box.x1, box.y1, box.x2, box.y2),
            pdf_name("/DA"): pdf_string("/Helv 0 Tf 0 g"),
        }
    )
    ref = writer.add_object(field)
    try:
        form = writer.root["/AcroForm"]
    except KeyError:
        form = _pdf_dict({pdf_name("/Fields"): generic.ArrayObject()})
        writer.root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()  # type: ignore[no-untyped-call]  # pyHanko
    form["/Fields"].append(ref)
    writer.update_container(form["/Fields"])
    page = page_ref.get_object()  # type: ignore[no-untyped-call]  # pyHanko
    if "/Annots" in page:
        page["/Annots"].append(ref)
        writer.update_container(page["/Annots"])
    else:
        page[pdf_name("/Annots")] = generic.ArrayObject([ref])
        writer.update_container(page)


def text_field_fill(
    writer: BasePdfFileWriter, name: str, value: str, appearance_pdf: bytes
) -> bool:
    """Set a reserved text field's value and appearance (a one-page PDF drawn to
    the field's size). Filling a field is form filling, which an approval
    signature allows. Returns False when the document has no such field."""
    try:
        refs = list(writer.root["/AcroForm"]["/Fields"])
    except KeyError:
        return False
    for ref in refs:
        field = ref.get_object()
        if field.get("/T") != name or field.get("/FT") != "/Tx":
            continue
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        content = ImportedPdfBytes(appearance_pdf)
        content.set_writer(writer)  # type: ignore[no-untyped-call]  # pyHanko
        command = content.render()
        appearance = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): _pdf_rect(0, 0, abs(x2 - x1), abs(y2 - y1)),
                pdf_name("/Resources"): content.resources.as_pdf_object(),
            },
            stream_data=command,
        )
        field[pdf_name("/V")] = pdf_string(value)
        field[pdf_name("/AP")] = _pdf_dict(
            {pdf_name("/N"): writer.add_object(appearance)}
        )
        writer.update_container(field)
        return True
    return False


class ImportedPdfBytes(PdfContent):
    """The first page of a PDF held in memory, as content for an appearance: the
    in-memory twin of pyHanko's ``ImportedPdfPage`` (which reads a file), used
    with ``StaticStampStyle`` exactly as ``StaticStampStyle.from_pdf_file``."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        super().__init__()

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)))
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


# -- placement per Decree 30 (Phụ lục I) ------------------------------------------------


def seal_box(signature: FieldBox, diameter_mm: float) -> FieldBox:
    """Where the agency's seal goes: at real size, vertically centred on the
    signer's image and covering its left third (NĐ 30/2020 Phụ lục I)."""
    diameter = diameter_mm * MM
    right = signature.x1 + signature.width / 3
    middle = (signature.y1 + signature.y2) / 2
    return FieldBox(
        signature.page,
        right - diameter,
        middle - diameter / 2,
        right,
        middle + diameter / 2,
    )


#: The top-right stamp of an attachment sits inside the top margin (20–25 mm),
#: its right edge on the right margin (15–20 mm).
ATTACHMENT_TOP_MM = 8.0
ATTACHMENT_RIGHT_MM = 15.0


def attachment_box(
    page_width: float, page_height: float, width: float, height: float
) -> FieldBox:
    """Top right of page 1 for the attachment stamp of ``width`` × ``height``."""
    x2 = page_width - ATTACHMENT_RIGHT_MM * MM
    y2 = page_height - ATTACHMENT_TOP_MM * MM
    return FieldBox(0, x2 - width, y2 - height, x2, y2)
