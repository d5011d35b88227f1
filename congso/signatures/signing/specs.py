"""What a signature looks like and where it goes, per purpose (NĐ 30/2020 Phụ
lục I): the field, its box, the widget drawn by WeasyPrint, and the reserved text
fields (number, date line) the agency fills in the same revision. Reads the
document and the signature images; writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from congso.signatures.models import Certificate
from congso.signatures.signing import appearance
from congso.signatures.signing.constants import (
    DEFAULT_REASONS,
    FIELD_AGENCY,
    FIELD_APPROVAL,
    FIELD_ATTACHMENT,
    FIELD_ISSUE_DATE,
    FIELD_NUMBER,
    PAdESLevel,
    SignaturePurpose,
)
from congso.signatures.signing.engine import SignatureSpec, TextFill
from congso.signatures.signing.errors import (
    DocumentNumberRequiredError,
    SignatureFieldError,
)
from congso.signatures.signing.images import SEAL_DIAMETER_MM
from congso.signatures.signing.pdf import (
    FieldBox,
    attachment_box,
    field_find,
    page_size,
    pdf_writer,
    seal_box,
)
from congso.signatures.signing.selectors import signature_image_current


@dataclass(frozen=True)
class Placement:
    """Where the signature goes: the name of a field (reserved in the document,
    or created), and the rectangle to create it at when the document has none.
    Leave both empty for the Decree 30 default of the purpose."""

    field_name: str = ""
    box: FieldBox | None = None


@dataclass(frozen=True)
class IssueDetails:
    """What the document office adds when issuing: the number and symbol, and the
    place of the date line (the day is the signing day)."""

    number: str
    place: str = ""


# -- appearance per purpose ---------------------------------------------------------------


def _approval_spec(
    pdf: bytes, certificate: Certificate, placement: Placement
) -> tuple[str, FieldBox, bytes]:
    name = placement.field_name or FIELD_APPROVAL
    box = _field_box(pdf, name, placement)
    owner = certificate.owner_user
    image = signature_image_current(owner_user=owner) if owner else None
    if image is not None:
        stamp = appearance.image_stamp(
            bytes(image.png), width_pt=box.width, height_pt=box.height
        )
    else:
        label = owner.get_full_name() if owner else certificate.subject_common_name
        stamp = appearance.name_stamp(label, width_pt=box.width, height_pt=box.height)
    return name, box, stamp


def _issue_spec(
    pdf: bytes, certificate: Certificate, placement: Placement
) -> tuple[str, FieldBox, bytes]:
    name = placement.field_name or FIELD_AGENCY
    seal = (
        signature_image_current(owner_agency_id=certificate.owner_agency_id)
        if certificate.owner_agency_id
        else None
    )
    diameter = seal.width_mm if seal is not None else SEAL_DIAMETER_MM
    writer = pdf_writer(pdf)
    existing = field_find(writer, name)
    if existing is not None and existing.box is not None:
        box = existing.box
    elif placement.box is not None:
        box = placement.box
    else:
        approval = field_find(writer, FIELD_APPROVAL)
        if approval is None or approval.box is None:
            raise SignatureFieldError(name, signed=False)
        box = seal_box(approval.box, float(diameter))
    if seal is not None:
        stamp = appearance.image_stamp(
            bytes(seal.png), width_pt=box.width, height_pt=box.height
        )
    else:
        stamp = appearance.name_stamp(
            certificate.subject_common_name, width_pt=box.width, height_pt=box.height
        )
    return name, box, stamp


def _field_box(pdf: bytes, name: str, placement: Placement) -> FieldBox:
    existing = field_find(pdf_writer(pdf), name)
    if existing is not None and existing.box is not None:
        return existing.box
    if placement.box is None:
        raise SignatureFieldError(name, signed=False)
    return placement.box


def _issue_fills(pdf: bytes, issue: IssueDetails, moment: datetime) -> list[TextFill]:
    """The reserved number and date-line fields the document has, filled."""
    writer = pdf_writer(pdf)
    fills = []
    number = field_find(writer, FIELD_NUMBER)
    if number is not None and number.box is not None:
        fills.append(
            TextFill(
                FIELD_NUMBER,
                issue.number,
                appearance.text_stamp(
                    issue.number,
                    width_pt=number.box.width,
                    height_pt=number.box.height,
                ),
            )
        )
    day = field_find(writer, FIELD_ISSUE_DATE)
    if day is not None and day.box is not None:
        line = appearance.date_line(issue.place, timezone.localdate(moment))
        fills.append(
            TextFill(
                FIELD_ISSUE_DATE,
                line,
                appearance.text_stamp(
                    line,
                    width_pt=day.box.width,
                    height_pt=day.box.height,
                    italic=True,
                    size_pt=14,
                    align="center",
                ),
            )
        )
    return fills


def signature_spec_build(
    *,
    pdf: bytes,
    certificate: Certificate,
    purpose: SignaturePurpose,
    level: PAdESLevel,
    placement: Placement,
    moment: datetime,
    reason: str,
    location: str,
    issue: IssueDetails | None,
) -> SignatureSpec:
    fills: list[TextFill] = []
    if purpose == SignaturePurpose.PERSONAL_APPROVAL:
        name, box, stamp = _approval_spec(pdf, certificate, placement)
    elif purpose == SignaturePurpose.AGENCY_ISSUE:
        if issue is None or not issue.number.strip():
            raise DocumentNumberRequiredError
        name, box, stamp = _issue_spec(pdf, certificate, placement)
        fills = _issue_fills(pdf, issue, moment)
    else:
        if issue is None or not issue.number.strip():
            raise DocumentNumberRequiredError
        name = placement.field_name or FIELD_ATTACHMENT
        text = appearance.attachment_text(issue.number.strip(), moment)
        stamp, width, height = appearance.attachment_stamp(text)
        page_width, page_height = page_size(pdf_writer(pdf), 0)
        box = placement.box or attachment_box(page_width, page_height, width, height)
    return SignatureSpec(
        field_name=name,
        level=level,
        signing_time=moment,
        box=box,
        appearance_pdf=stamp,
        reason=reason or DEFAULT_REASONS[purpose],
        location=location,
        fills=tuple(fills),
    )
