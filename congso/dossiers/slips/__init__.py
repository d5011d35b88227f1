"""The one-stop legal slips (biểu mẫu một cửa, TT 03/2025/TT-VPCP Phụ lục I) as PDF.

Builders (``receipt_slip`` … ``register_slip``) take already-loaded objects, read
agency names (a query or two, never a write) and return a :class:`Slip`;
``slip_pdf`` renders one with WeasyPrint on the shipped Liberation Serif fonts and
``slip_html`` returns the intermediate HTML (tests, previews). The tracking book
(form 07) is also an Excel workbook with the same columns. docs/subsystems/slips.md.
"""

from congso.dossiers.slips.base import (
    FONT_DIR,
    Letterhead,
    Slip,
    agency_names,
    letterhead,
    lookup_url,
    place_name,
    qr_svg,
    slip_html,
    slip_pdf,
)
from congso.dossiers.slips.forms import (
    ComponentLine,
    FeeLine,
    StepRow,
    SupplementItem,
    apology_slip,
    control_sheet_slip,
    receipt_slip,
    refusal_slip,
    step_rows,
    stop_notice_slip,
    supplement_request_slip,
)
from congso.dossiers.slips.register import (
    REGISTER_COLUMNS,
    RegisterRow,
    register_rows,
    register_slip,
    register_workbook,
)

__all__ = [
    "FONT_DIR",
    "REGISTER_COLUMNS",
    "ComponentLine",
    "FeeLine",
    "Letterhead",
    "RegisterRow",
    "Slip",
    "StepRow",
    "SupplementItem",
    "agency_names",
    "apology_slip",
    "control_sheet_slip",
    "letterhead",
    "lookup_url",
    "place_name",
    "qr_svg",
    "receipt_slip",
    "refusal_slip",
    "register_rows",
    "register_slip",
    "register_workbook",
    "slip_html",
    "slip_pdf",
    "step_rows",
    "stop_notice_slip",
    "supplement_request_slip",
]
