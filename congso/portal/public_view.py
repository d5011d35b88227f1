"""The public lookup's read model (``PublicDossierView``): one row per dossier
holding its public answer, rendered when the dossier changes, so that a lookup by
code costs one indexed query and no rendering (``bench/lookup.py``).

Written:
- after every change a citizen can see (reception, every transition, an online
  payment, a signed result): the dossiers app publishes ``dossiers.dossier_changed``
  through the outbox and the portal's handler calls ``public_view_refresh_by_code``.
  Three reads, one render and one upsert (about 3.6 ms on SQLite), done by the
  worker after commit instead of inside the desk's transaction, where they made
  every reception a third slower (``bench/intake.py``). The row follows the dossier
  by the time the worker takes (the relay is nudged at commit: about a second in
  the embedded mode); a dossier without a row yet is answered from its tables;
- in batches by ``manage.py portal_public_view_rebuild`` (existing data, a new
  ``RENDERING``, another language, a reorganisation that renamed agencies) and by
  the benchmark's data generator.

Served: ``lookup_page_fragment`` and ``lookup_api_body``. A row is served only in its
language and ``RENDERING``; otherwise, and when there is no row, the answer is
built from the dossiers' tables (three queries, as before the read model) and
nothing is written on the way (a GET stays a read).

What a row holds is exactly what the page and the API show (masked name, no
personal data, no internal notes, no officials), minus the timeliness: for an open
dossier it turns from "within deadline" to "overdue" with the time, so it is
computed from the stored clock columns when served and put in ``TIMELINESS_SLOT``
(page) or appended to the body (API).

Agency names are those on the day of the dossier's last change; after a
reorganisation renames units, rebuild (``--all``) to show the new names.

Rendering in a write module is the point of a read model; the templates are the
page's own partials (``portal/partials/_dossier.html``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from congso.dossiers.constants import Timeliness
from congso.dossiers.models import Dossier
from congso.portal.models import PublicDossierView
from congso.portal.selectors import (
    PublicDossier,
    StoredLookup,
    dossier_lookup_get,
    dossier_lookup_list,
    public_view_get,
)

logger = logging.getLogger(__name__)

#: Bump when the lookup's partials, the body's shape or their wording change: rows
#: of another rendering are not served until ``portal_public_view_rebuild``.
RENDERING: Final = 1
#: Where the timeliness goes in a stored page fragment.
TIMELINESS_SLOT: Final = "<!--congso:timeliness-->"
FRAGMENT_TEMPLATE: Final = "portal/partials/_dossier.html"
TIMELINESS_TEMPLATE: Final = "portal/partials/_timeliness.html"
LATE: Final = (Timeliness.LATE, Timeliness.OVERDUE)


def stored_language() -> str:
    """The language rows are rendered in: the site's (Vietnamese)."""
    return str(settings.LANGUAGE_CODE)


# -- rendering ------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    """As DRF's ``DateTimeField`` writes it: local time with its offset."""
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def public_body(public: PublicDossier) -> dict[str, Any]:
    """The API's answer (``api.serializers.PublicDossierOutput``) without the
    timeliness, as plain data: DRF's serializer costs ten times more and the
    rebuild renders a million of these; a test holds both to the same output."""
    return {
        "code": public.code,
        "status": public.status.value,
        "status_label": str(public.status.label),
        "procedure_name": public.procedure,
        "applicant_masked": public.applicant,
        "receiving_agency_name": public.receiving_agency,
        "current_agency_name": public.current_agency,
        "received_at": _iso(public.received_at),
        "due_at": _iso(public.due_at),
        "first_due_at": _iso(public.first_due_at),
        "finished_at": _iso(public.finished_at),
        "returned_at": _iso(public.returned_at),
        "reason": public.reason,
        "steps": [
            {
                "order": s.order,
                "name": s.name,
                "agency_name": s.agency,
                "started_at": _iso(s.started_at),
                "finished_at": _iso(s.finished_at),
                "result": s.result.value if s.result else None,
                "result_label": str(s.result.label) if s.result else None,
                "is_current": s.is_current,
            }
            for s in public.steps
        ],
        "history": [
            {
                "occurred_at": _iso(e.occurred_at),
                "action": e.action,
                "description": e.description,
                "status": e.status.value,
                "status_label": str(e.status.label),
                "agency_name": e.agency,
                "reason": e.reason,
                "new_due_at": _iso(e.new_due_at),
            }
            for e in public.history
        ],
    }


def _dumps(data: Any) -> str:
    """DRF's ``JSONRenderer`` defaults: compact, UTF-8 as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_page(public: PublicDossier) -> str:
    """The page fragment (summary, steps, history), ``TIMELINESS_SLOT`` for the
    timeliness. In the active language."""
    slot = mark_safe(TIMELINESS_SLOT)  # noqa: S308  # a constant comment
    return render_to_string(
        FRAGMENT_TEMPLATE, {"dossier": public, "timeliness_slot": slot}
    )


def render_body(public: PublicDossier) -> str:
    """The API body without the timeliness. In the active language."""
    return _dumps(public_body(public))


_TIMELINESS_HTML: dict[tuple[str, Timeliness | None], str] = {}


def _timeliness_html(value: Timeliness | None) -> str:
    """The timeliness line of the summary, rendered once per process and
    language."""
    key = (translation.get_language() or "", value)
    html = _TIMELINESS_HTML.get(key)
    if html is None:
        html = render_to_string(
            TIMELINESS_TEMPLATE, {"timeliness": value, "is_late": value in LATE}
        )
        _TIMELINESS_HTML[key] = html
    return html


def _timeliness_json(value: Timeliness | None) -> str:
    label = str(value.label) if value else None
    return f',"timeliness":{_dumps(value and value.value)},"timeliness_label":{_dumps(label)}}}'


def fill_page(fragment: str, timeliness: Timeliness | None) -> SafeString:
    """A page fragment with its timeliness in place."""
    return mark_safe(  # noqa: S308  # rendered by the templates, escaped there
        fragment.replace(TIMELINESS_SLOT, _timeliness_html(timeliness), 1)
    )


def fill_body(body: str, timeliness: Timeliness | None) -> bytes:
    """An API body with the timeliness fields appended."""
    return (body[:-1] + _timeliness_json(timeliness)).encode()


# -- serving --------------------------------------------------------------------------


def _current(stored: StoredLookup | None) -> StoredLookup | None:
    if stored is None:
        return None
    if stored.rendering != RENDERING or stored.language != translation.get_language():
        return None
    return stored


def lookup_page_fragment(
    *, code: str, now: datetime | None = None
) -> tuple[str, SafeString] | None:
    """The dossier's code and its page fragment in the active language, or
    ``None`` for an unknown code. One query when the read model has a current row,
    else the live read and a rendering."""
    now = now or timezone.now()
    stored = _current(public_view_get(code=code, part="page"))
    if stored is not None:
        return stored.code, fill_page(stored.content, stored.timeliness(now))
    public = dossier_lookup_get(code=code, now=now)
    if public is None:
        return None
    return public.code, fill_page(render_page(public), public.timeliness)


def lookup_api_body(*, code: str, now: datetime | None = None) -> bytes | None:
    """The API's JSON answer in the active language, or ``None`` for an unknown
    code; as ``lookup_page_fragment``."""
    now = now or timezone.now()
    stored = _current(public_view_get(code=code, part="body"))
    if stored is not None:
        return fill_body(stored.content, stored.timeliness(now))
    public = dossier_lookup_get(code=code, now=now)
    if public is None:
        return None
    return fill_body(render_body(public), public.timeliness)


# -- writing --------------------------------------------------------------------------

#: The columns an upsert rewrites (everything but the key).
_FIELDS: Final = [
    "code",
    "row_version",
    "rendering",
    "language",
    "due_at",
    "original_due_at",
    "finished_at",
    "supplement_count",
    "page",
    "body",
    "built_at",
]


def public_view_rows(
    *, ids: list[int], now: datetime | None = None
) -> list[PublicDossierView]:
    """Unsaved rows for these dossiers (three queries and a rendering each), in
    the site's language: what ``public_view_rebuild`` writes and the benchmark
    copies in."""
    now = now or timezone.now()
    language = stored_language()
    rows = []
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        for public in dossier_lookup_list(ids=ids, now=now):
            clock = public.clock
            assert clock is not None  # noqa: S101  # set by the selector
            rows.append(
                PublicDossierView(
                    dossier_id=public.dossier_id,
                    code=public.code,
                    row_version=public.row_version,
                    rendering=RENDERING,
                    language=language,
                    due_at=clock.due_at,
                    original_due_at=clock.original_due_at,
                    finished_at=clock.finished_at,
                    supplement_count=clock.supplement_count,
                    page=render_page(public),
                    body=render_body(public),
                    built_at=now,
                )
            )
    return rows


def _upsert(rows: list[PublicDossierView]) -> None:
    PublicDossierView.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["dossier"], update_fields=_FIELDS
    )


def public_view_refresh_by_code(*, code: str) -> None:
    """The outbox handler's entry (``dossiers.dossier_changed``): re-render the
    row of the dossier ``code`` as it is now."""
    dossier_id = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
    if dossier_id is not None:
        with transaction.atomic():
            public_view_refresh(dossier_id=dossier_id)


def public_view_refresh(*, dossier_id: int, now: datetime | None = None) -> None:
    """Re-render one dossier's row from its current state (after the change's
    commit, through the outbox). A rendering error is logged and the row removed,
    so that the lookup reads the dossiers' tables until the next change or a
    rebuild."""
    try:
        rows = public_view_rows(ids=[dossier_id], now=now)
    except Exception:
        logger.exception("Public view of dossier %s not rendered", dossier_id)
        PublicDossierView.objects.filter(dossier_id=dossier_id).delete()
        return
    _upsert(rows)


@transaction.atomic
def public_view_rebuild(*, ids: Iterable[int], now: datetime | None = None) -> int:
    """(Re)write the rows of these dossiers; the number written."""
    rows = public_view_rows(ids=list(ids), now=now)
    if rows:
        _upsert(rows)
    return len(rows)
