"""The PDF of an outgoing document: the Decree 30 layout built from the draft
(:mod:`congso.documents.drafting`), with the signature, number and date fields
reserved for the two-step signing; and the same fields added to a finished PDF
uploaded by the drafter."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader

from congso.core.text import fold_vi
from congso.documents.constants import Competence, DocumentType, Secrecy, Urgency
from congso.documents.drafting.layout import DraftLayout, Signer, body_from_text
from congso.documents.drafting.render import draft_pdf
from congso.documents.models import OutgoingDocument
from congso.documents.selectors.choices import symbol_abbreviations
from congso.documents.services._base import DocumentError
from congso.signatures.signing.constants import (
    FIELD_AGENCY,
    FIELD_APPROVAL,
    FIELD_ISSUE_DATE,
    FIELD_NUMBER,
)
from congso.signatures.signing.pdf import (
    FieldBox,
    field_find,
    fields_reserve,
    pdf_writer,
    seal_box,
)
from congso.signatures.signing.selectors import signature_image_current

#: Documents whose authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN …") precedes the
#: enacting words when a legal basis is given.
WITH_AUTHORITY = frozenset(
    {DocumentType.DECISION, DocumentType.RESOLUTION, DocumentType.DIRECTIVE}
)
MM = 72 / 25.4
SEAL_MM = 36.0


def _authority(doc: OutgoingDocument) -> str:
    if doc.doc_type not in WITH_AUTHORITY or not doc.basis:
        return ""
    if doc.competence == Competence.ON_BEHALF:
        return doc.agency_name
    head = doc.competence_of if doc.competence else doc.signer_title
    return f"{head} {doc.agency_name}"


def layout_of(doc: OutgoingDocument) -> DraftLayout:
    """The printed content of a draft."""
    on = timezone.localdate()
    lines = [line.strip() for line in doc.external_recipients.splitlines()]
    archive = next((line for line in lines if line.lower().startswith("lưu")), "")
    recipients = [
        line
        for line in lines
        if line and line != archive and fold_vi(line).strip(" ;.") != "nhu tren"
    ] + [str(agency) for agency in doc.internal_recipients.all()]
    agency_abbr, unit = symbol_abbreviations(
        agency_id=doc.agency_id, unit_id=doc.drafting_unit_id, on=on
    )
    return DraftLayout(
        doc_type=DocumentType(doc.doc_type),
        issuing=doc.agency_name,
        governing=doc.governing_name,
        agency_abbr=agency_abbr,
        unit_abbr=unit,
        normative_year=on.year if doc.normative else None,
        place=doc.place,
        signer=Signer(
            name=doc.signer.get_full_name(),
            title=doc.signer_title,
            competence=Competence(doc.competence),
            head=doc.competence_of,
        ),
        subject=doc.subject.removeprefix("V/v ").removeprefix("V/v"),
        authority=_authority(doc),
        basis=[line for line in doc.basis.splitlines() if line.strip()],
        addressees=[a.strip() for a in doc.addressee.split(";") if a.strip()],
        body=body_from_text(doc.body),
        recipients=recipients,
        archive_unit=archive.split(",", 2)[1].strip() if archive.count(",") else unit,
        archive_copies=doc.copies,
        urgency=Urgency(doc.urgency),
        secrecy=Secrecy(doc.secrecy),
    )


def draft_render(doc: OutgoingDocument) -> bytes:
    """The draft as the reviewers see it and the signer signs it."""
    seal = signature_image_current(owner_agency_id=doc.agency_id)
    return draft_pdf(
        layout_of(doc), seal_diameter_mm=float(seal.width_mm) if seal else SEAL_MM
    )


@lru_cache(maxsize=1)
def _standard_boxes() -> tuple[FieldBox, FieldBox]:
    """Where a Decree 30 page puts the number and the date line: read off a
    reference công văn rendered by the layout engine (page 1)."""
    reference = draft_pdf(
        DraftLayout(
            doc_type=DocumentType.OFFICIAL_LETTER,
            issuing="Ủy ban nhân dân",
            agency_abbr="UBND",
            unit_abbr="VP",
            place="Huế",
            signer=Signer(name="A", title="Chủ tịch"),
            subject="Mẫu",
            body=body_from_text("Nội dung."),
        )
    )
    writer = pdf_writer(reference)
    number, day = field_find(writer, FIELD_NUMBER), field_find(writer, FIELD_ISSUE_DATE)
    if number is None or number.box is None or day is None or day.box is None:
        raise RuntimeError("the reference layout has no number or date field")
    return number.box, day.box


def upload_prepare(pdf: bytes) -> bytes:
    """A finished PDF uploaded by the drafter, with the fields the two-step
    signing fills: the number after "Số:" and the date line at their Decree 30
    places on page 1 (the file should leave them blank), the signer's box in
    the right column near the foot of the last page and the seal over it."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        pages = int(reader.root["/Pages"]["/Count"])
        if reader.encrypted:
            raise ValueError
    except Exception:  # pyHanko raises many kinds on bad input
        raise DocumentError(
            _("The file is not a readable, unencrypted PDF."), code="pdf_invalid"
        ) from None
    if reader.embedded_signatures:
        raise DocumentError(
            _("The file is already signed; upload the unsigned document."),
            code="pdf_signed",
        )
    number, day = _standard_boxes()
    last = pages - 1
    leader = FieldBox(last, 110 * MM, 40 * MM, 170 * MM, 66 * MM)
    return fields_reserve(
        pdf,
        signatures=[
            (FIELD_APPROVAL, leader),
            (FIELD_AGENCY, seal_box(leader, SEAL_MM)),
        ],
        texts=[(FIELD_NUMBER, number), (FIELD_ISSUE_DATE, day)],
    )
