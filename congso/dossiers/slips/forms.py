"""Forms 01–06: builders from an already-loaded dossier to a :class:`Slip`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from congso.accounts.models import Agency, User
from congso.dossiers.models import Dossier, ProcessingStep
from congso.dossiers.slips.base import Slip, agency_names, letterhead, qr_svg

# Printed forms keep the official wording (conventions §9): labels are not translated.
COMPONENT_FORMS: Mapping[str, str] = {
    "original": "Bản chính",
    "certified_copy": "Bản sao có chứng thực",
    "copy": "Bản sao",
    "original_or_copy": "Bản chính hoặc bản sao có chứng thực",
}
FEE_KINDS: Mapping[str, str] = {"fee": "Phí", "charge": "Lệ phí"}
DELIVERIES: Mapping[str, str] = {
    "counter": "Trực tiếp tại nơi tiếp nhận hồ sơ",
    "post": "Qua dịch vụ bưu chính công ích",
    "electronic": "Trực tuyến (bản điện tử)",
}
TIMELINESS: Mapping[str, str] = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Quá hạn",
    "within_deadline": "Trong hạn",
    "overdue": "Quá hạn",
}


@dataclass(frozen=True)
class SupplementItem:
    """One document to add or correct (form 02), with the reason shown to the applicant."""

    document: str
    reason: str


@dataclass(frozen=True)
class ComponentLine:
    name: str
    form: str
    quantity: int


@dataclass(frozen=True)
class FeeLine:
    kind: str
    name: str
    amount: int


@dataclass(frozen=True)
class StepRow:
    """One row of the control sheet (form 06)."""

    order: int
    name: str
    agency: str
    received_at: datetime | None
    received_by: str
    handed_over_at: datetime | None
    handed_over_by: str
    result: str
    note: str


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment else None


def _person(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _common(dossier: Dossier, *, issuer: int, on: date) -> dict[str, Any]:
    return {
        "head": letterhead(issuer, on=on),
        "dossier": dossier,
        "procedure": dossier.procedure_version.name,
        "received_at": _local(dossier.received_at),
        "due_at": _local(dossier.due_at),
    }


def receipt_slip(
    dossier: Dossier, *, lookup_url: str, book: str = "", receiver: str = ""
) -> Slip:
    """Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, dated on reception.
    ``lookup_url`` is encoded in the QR code; ``book`` is the tracking-book volume."""
    if dossier.received_at is None:
        raise ValueError("a receipt needs the reception time")
    day = timezone.localtime(dossier.received_at).date()
    version = dossier.procedure_version
    fees = [
        FeeLine(FEE_KINDS.get(f.kind, f.kind), f.name, f.amount)
        for f in version.fees.all()
    ]
    components = [
        ComponentLine(c.name, COMPONENT_FORMS.get(c.form, c.form), c.quantity)
        for c in sorted(dossier.components.all(), key=lambda c: c.pk)
    ]
    context = _common(dossier, issuer=dossier.receiving_agency_id, on=day) | {
        "components": components,
        "fees": fees,
        "qr": qr_svg(lookup_url),
        "book": book,
        "receiver": receiver,
        "delivery": DELIVERIES.get(dossier.result_delivery, dossier.result_delivery),
    }
    return Slip("receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", context)


def supplement_request_slip(
    dossier: Dossier,
    *,
    items: Sequence[SupplementItem],
    on: date,
    contact: str = "",
    officer: str = "",
    issuer: Agency | None = None,
) -> Slip:
    """Form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: numbered items with reasons;
    ``contact`` tells the applicant whom to ask. Issued by the receiving unit."""
    issuer_id = issuer.pk if issuer else dossier.receiving_agency_id
    context = _common(dossier, issuer=issuer_id, on=on) | {
        "items": list(items),
        "contact": contact,
        "officer": officer,
    }
    return Slip(
        "supplement_request", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", context
    )


def refusal_slip(
    dossier: Dossier,
    *,
    reason: str,
    on: date,
    officer: str = "",
    issuer: Agency | None = None,
) -> Slip:
    """Form 03, Phiếu từ chối tiếp nhận, giải quyết hồ sơ, with the specific reason."""
    issuer_id = issuer.pk if issuer else dossier.receiving_agency_id
    context = _common(dossier, issuer=issuer_id, on=on) | {
        "reason": reason,
        "officer": officer,
    }
    return Slip("refusal", "Phiếu từ chối tiếp nhận, giải quyết hồ sơ", context)


def apology_slip(
    dossier: Dossier,
    *,
    reason: str,
    new_due_at: datetime,
    on: date,
    signer: str = "",
    issuer: Agency | None = None,
) -> Slip:
    """Form 04, Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, from the
    competent authority; the first appointment is ``original_due_at`` or ``due_at``."""
    issuer_id = issuer.pk if issuer else dossier.competent_agency_id
    context = _common(dossier, issuer=issuer_id, on=on) | {
        "reason": reason,
        "first_due_at": _local(dossier.original_due_at or dossier.due_at),
        "new_due_at": _local(new_due_at),
        "signer": signer,
    }
    return Slip(
        "apology", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", context
    )


def stop_notice_slip(
    dossier: Dossier,
    *,
    reason: str,
    on: date,
    signer: str = "",
    issuer: Agency | None = None,
) -> Slip:
    """Form 05, Thông báo dừng giải quyết hồ sơ, from the competent authority."""
    issuer_id = issuer.pk if issuer else dossier.competent_agency_id
    context = _common(dossier, issuer=issuer_id, on=on) | {
        "reason": reason,
        "signer": signer,
    }
    return Slip("stop_notice", "Thông báo dừng giải quyết hồ sơ", context)


def step_rows(dossier: Dossier, *, on: date) -> list[StepRow]:
    """The control-sheet rows: one per ProcessingStep, agencies named as on ``on``."""
    steps = list(
        ProcessingStep.objects.filter(dossier=dossier)
        .select_related("received_by", "handed_over_by")
        .order_by("order")
    )
    names = agency_names({s.agency_id for s in steps}, on=on)
    return [
        StepRow(
            order=s.order,
            name=s.name,
            agency=names.get(s.agency_id, ""),
            received_at=_local(s.started_at),
            received_by=_person(s.received_by),
            handed_over_at=_local(s.finished_at),
            handed_over_by=_person(s.handed_over_by),
            result=TIMELINESS.get(s.result, s.result),
            note=s.note,
        )
        for s in steps
    ]


def control_sheet_slip(dossier: Dossier, *, on: date) -> Slip:
    """Form 06, Phiếu kiểm soát quá trình giải quyết hồ sơ (kept with the dossier)."""
    context = _common(dossier, issuer=dossier.receiving_agency_id, on=on) | {
        "steps": step_rows(dossier, on=on),
    }
    return Slip("control_sheet", "Phiếu kiểm soát quá trình giải quyết hồ sơ", context)
