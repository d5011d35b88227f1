"""A :class:`DraftLayout` as a Decree 30 PDF (NĐ 30/2020 Phụ lục I), rendered by
WeasyPrint on the shipped fonts through the signing service's layout helper.

* :func:`draft_pdf`: the electronic document before issuance. The number, the
  date line and both signatures are *reserved* as empty PDF form fields at the
  boxes the layout left for them, exactly as the signing service's demo decision
  does, so ``sign_pdf(purpose=PERSONAL_APPROVAL)`` then
  ``sign_pdf(purpose=AGENCY_ISSUE, issue=IssueDetails(number=…, place=…))``
  fill them (the leader's approval sees form filling only).
* :func:`preview_pdf`: the same pages with the number and the date line printed
  as text and no fields: drafts shown before issuance, paper documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.template.loader import render_to_string

from congso.core.text import fold_vi, nfc
from congso.documents.constants import DOCUMENT_TYPES, SECRECY_MARKS, URGENCY_MARKS
from congso.documents.drafting.layout import (
    MARK_WIDTH_MM,
    Block,
    BlockKind,
    DraftLayout,
)
from congso.documents.notation import format_number
from congso.signatures.signing.constants import (
    FIELD_AGENCY,
    FIELD_APPROVAL,
    FIELD_ISSUE_DATE,
    FIELD_NUMBER,
)
from congso.signatures.signing.documents import render_with_boxes
from congso.signatures.signing.pdf import fields_reserve, seal_box

TEMPLATE = "documents/print/draft.html"
STYLESHEET = "documents/print/draft.css"
#: The widest number the reserved number field is sized for (five digits).
WIDEST_NUMBER = 99999
#: Ids of the boxes in the template.
BOX_NUMBER = "field-number"
BOX_DATE = "field-date"
BOX_SIGNATURE = "sig-leader"
END_MARK = "./."
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def draft_pdf(layout: DraftLayout, *, seal_diameter_mm: float = 36.0) -> bytes:
    """The document with its fields reserved: the leader's signature between
    the titles and the name, the agency's seal at real size over its left third
    (drawn on top), the number after "Số:" (wide enough for a five-digit
    number) and the date line."""
    layout.check()
    pdf, boxes = render_with_boxes(_html(layout, preview=None), _css())
    leader = boxes[BOX_SIGNATURE]
    return fields_reserve(
        pdf,
        signatures=[
            (FIELD_APPROVAL, leader),
            (FIELD_AGENCY, seal_box(leader, seal_diameter_mm)),
        ],
        texts=[(FIELD_NUMBER, boxes[BOX_NUMBER]), (FIELD_ISSUE_DATE, boxes[BOX_DATE])],
    )


def preview_pdf(layout: DraftLayout, *, number_text: str, date_text: str) -> bytes:
    """The same document with ``number_text`` after "Số:" and ``date_text`` as
    the date line, and no form fields (see ``blank_notation``,
    ``blank_date_line`` and ``date_line`` for the usual texts)."""
    layout.check()
    pdf, _boxes = render_with_boxes(
        _html(layout, preview=(nfc(number_text), nfc(date_text))), _css()
    )
    return pdf


# -- the view of a layout the templates print -------------------------------------------


def _css() -> str:
    return render_to_string(STYLESHEET)


def _html(layout: DraftLayout, *, preview: tuple[str, str] | None) -> str:
    return nfc(render_to_string(TEMPLATE, {"d": _view(layout, preview)}))


def _caps(text: str) -> str:
    return nfc(text).strip().upper()


def _clean(text: str) -> str:
    return " ".join(nfc(text).split())


def _listed(lines: Iterable[str]) -> list[str]:
    """Lines of a list as the decree ends them: ";" then "." on the last."""
    items = [_clean(line).rstrip(";.,") for line in lines]
    items = [line for line in items if line]
    return [
        f"{line}{'.' if i == len(items) - 1 else ';'}" for i, line in enumerate(items)
    ]


def roman(n: int) -> str:
    """Roman numeral of an appendix (1–39)."""
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _blocks(blocks: Sequence[Block]) -> list[dict[str, str]]:
    """Blocks with clean texts, titles of parts and sections in capitals, and
    the end mark "./." after the last text."""
    out = []
    for block in blocks:
        upper = block.kind in (BlockKind.PART, BlockKind.SECTION)
        out.append(
            {
                "kind": str(block.kind),
                "label": _clean(block.label),
                "title": _caps(block.title) if upper else _clean(block.title),
                "text": _clean(block.text),
            }
        )
    for view in reversed(out):
        if view["text"]:
            if not view["text"].endswith(END_MARK):
                view["text"] = view["text"].rstrip(".") + END_MARK
            break
    return out


def _recipients(layout: DraftLayout) -> list[str]:
    lines = [line for line in layout.recipients if _clean(line)]
    if layout.addressees and not (
        lines and fold_vi(_clean(lines[0])).startswith("nhu tren")
    ):
        lines.insert(0, "Như trên")
    archive = ["Lưu: VT"]
    unit = _clean(layout.archive_unit or layout.unit_abbr)
    if unit:
        archive.append(unit)
    if layout.archive_copies:
        archive.append(format_number(layout.archive_copies))
    return _listed([*lines, ", ".join(archive)])


def _addressees(layout: DraftLayout) -> list[str]:
    lines = [_clean(line).rstrip(";.,") for line in layout.addressees]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        return lines
    return [f"- {line}" for line in _listed(lines)]


def _marks(layout: DraftLayout) -> list[dict[str, object]]:
    texts = [SECRECY_MARKS[layout.secrecy], URGENCY_MARKS[layout.urgency]]
    return [{"text": t, "width": MARK_WIDTH_MM[t]} for t in texts if t]


def _letter_subject(layout: DraftLayout) -> str:
    subject = _clean(layout.subject)
    if not layout.is_letter or not subject:
        return ""
    return subject if subject.startswith("V/v") else f"V/v {subject}"


def _appendices(layout: DraftLayout, preview: tuple[str, str] | None) -> list[Any]:
    kind = "Văn bản" if layout.is_letter else DOCUMENT_TYPES[layout.doc_type].name
    if preview is None:  # electronic: left blank (Phụ lục III, Mẫu 2.2)
        number, day = f"…/{layout.symbol}", "ngày … tháng … năm …"
    else:
        number = preview[0].strip()
        found = re.search(r"ngày.*$", preview[1])
        day = _clean(found.group(0)) if found else "ngày … tháng … năm …"
    reference = f"(Kèm theo {kind} số {number} {day} của {_clean(layout.issuing)})"
    count = len(layout.appendices)
    return [
        {
            "label": f"Phụ lục {roman(index)}" if count > 1 else "Phụ lục",
            "title": _caps(appendix.title),
            "reference": reference,
            "blocks": _blocks(appendix.body),
        }
        for index, appendix in enumerate(layout.appendices, start=1)
    ]


def _view(layout: DraftLayout, preview: tuple[str, str] | None) -> dict[str, Any]:
    symbol = layout.symbol
    subject = "" if layout.is_letter else _clean(layout.subject)
    return {
        "preview": preview is not None,
        "number_text": preview[0] if preview else "",
        "date_text": preview[1].strip() if preview else "",
        "number_probe": f"{WIDEST_NUMBER}/{symbol}",
        "title_text": _clean(f"{layout.type_name} {layout.subject}"),
        "governing": _caps(layout.governing),
        "issuing": _caps(layout.issuing),
        "letter_subject": _letter_subject(layout),
        "marks": _marks(layout),
        "type_name": _caps(layout.type_name),
        "subject": subject,
        "authority": _caps(layout.authority),
        "basis": _listed(layout.basis),
        "enacting": _caps(layout.enacting_words),
        "addressees": _addressees(layout),
        "blocks": _blocks(layout.body),
        "recipients": _recipients(layout),
        "drafter_mark": _clean(layout.drafter_mark),
        "signer_lines": [_caps(line) for line in layout.signer.lines],
        "signer_name": _clean(layout.signer.name),
        "footer": [_clean(line) for line in layout.footer if _clean(line)],
        "appendices": _appendices(layout, preview),
    }
