"""Public reads for citizens: the dossier lookup (tra cứu hồ sơ) by code, without login.

Anyone holding a dossier code may see:
- the status, the procedure, the receiving unit and the unit handling the dossier now;
- the dates: received, appointment (and the new one after an apology), end of
  processing, returned; the overall timeliness;
- the steps (unit, received, handed over, early / on time / late);
- the history of status changes and hand-overs, with the reason the applicant was
  given for a supplement request, a refusal or a stop (slips 02, 03, 05).

Never shown: the applicant's personal ID, contact details and request text, officials'
names, internal notes (those of hand-overs, forwarding, results, apologies and
withdrawals), documents, and event data other than a new appointment. The applicant's
name appears masked ("Nguyễn V** A*").

Three queries whatever the dossier (one for an unknown code): the dossier with its
procedure and agency names, its steps, its events with the catalogued reason texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Final

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import AgencyVersion
from congso.catalog.constants import ReasonKind
from congso.catalog.models import ProcedureReason, ProcedureVersion
from congso.core.text import nfc
from congso.dossiers.constants import (
    TERMINAL_STATUSES,
    DossierStatus,
    Timeliness,
)
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep
from congso.dossiers.selectors import dossier_timeliness

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

#: Actions whose note is the reason handed to the applicant, with the kind of
#: catalogued reason their code refers to. Every other note is internal.
REASON_ACTIONS: Final[dict[str, str]] = {
    A.REQUEST_SUPPLEMENT: ReasonKind.SUPPLEMENT,
    A.REFUSE: ReasonKind.REFUSAL,
    A.STOP: ReasonKind.STOP,
}

#: The history as a citizen reads it (the actions' own labels are officials' verbs).
EVENT_DESCRIPTIONS: Final[dict[str, StrPromise]] = {
    A.RECEIVE: _("Dossier received"),
    A.FORWARD: _("Forwarded for processing"),
    A.HAND_OVER: _("Handed over to the next step"),
    A.REQUEST_SUPPLEMENT: _("Supplement requested"),
    A.SUPPLEMENT: _("Supplement received"),
    A.APOLOGISE: _("Apology sent with a new appointment"),
    A.RESOLVE: _("Result ready"),
    A.RETURN_RESULT: _("Result returned"),
    A.REFUSE: _("Dossier refused"),
    A.STOP: _("Processing stopped"),
    A.WITHDRAW: _("Dossier withdrawn at the applicant's request"),
}

#: The status whose reason is repeated at the top of the page, and the action that
#: gave it.
STATUS_REASON: Final[dict[str, str]] = {
    DossierStatus.SUPPLEMENT_REQUESTED: A.REQUEST_SUPPLEMENT,
    DossierStatus.REFUSED: A.REFUSE,
    DossierStatus.STOPPED: A.STOP,
}


@dataclass(frozen=True)
class PublicStep:
    """One step of the dossier's process as the public sees it (no officials)."""

    order: int
    name: str
    agency: str
    started_at: datetime | None
    finished_at: datetime | None
    result: Timeliness | None
    is_current: bool


@dataclass(frozen=True)
class PublicEvent:
    """One change in the public history."""

    occurred_at: datetime
    action: str
    description: str
    status: DossierStatus
    agency: str
    reason: str
    new_due_at: datetime | None


@dataclass(frozen=True)
class PublicDossier:
    """What the lookup shows about one dossier."""

    code: str
    status: DossierStatus
    procedure: str
    applicant: str
    receiving_agency: str
    current_agency: str
    received_at: datetime | None
    due_at: datetime | None
    first_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    timeliness: Timeliness | None
    reason: str
    steps: tuple[PublicStep, ...]
    history: tuple[PublicEvent, ...]

    @property
    def is_paused(self) -> bool:
        return self.status == DossierStatus.SUPPLEMENT_REQUESTED

    @property
    def is_late(self) -> bool:
        return self.timeliness in (Timeliness.LATE, Timeliness.OVERDUE)


def mask_name(name: str) -> str:
    """The applicant's name with every word but the first cut to its initial:
    "Nguyễn Văn An" → "Nguyễn V** A*"; a one-word name keeps only its initial."""
    words = nfc(name).split()
    masked = [word[0] + "*" * (len(word) - 1) for word in words]
    if len(words) > 1:
        masked[0] = words[0]
    return " ".join(masked)


# -- the three queries --------------------------------------------------------------
#
# Raw SQL through ``Model.objects.raw`` (which still converts datetimes and JSON for
# each database). The ORM spelling of the same queries (``annotate`` with correlated
# ``Subquery``s and a ``Case``) cost 2.8 ms per lookup in Python, against 0.4 ms here
# (in-process, SQLite); this is the one public, anonymous and hot read
# (bench/lookup.py).


def _agency_name(column: str) -> str:
    """The agency's name on the day ``%(on)s``; a dissolved agency keeps its last
    name."""
    return (
        f"(SELECT av.name FROM {AgencyVersion._meta.db_table} av "  # noqa: S608
        f"WHERE av.agency_id = {column} AND av.valid_from <= %(on)s "
        "ORDER BY av.valid_from DESC LIMIT 1)"
    )


#: Exact match on the unique code (its index), as typed or in capitals: codes are
#: issued in capitals, citizens type them in any case.
DOSSIER_SQL: Final = f"""
SELECT d.id, d.code, d.status, d.applicant_name, d.received_at, d.due_at,
       d.original_due_at, d.finished_at, d.returned_at, d.supplement_count,
       d.apology_count, d.current_step, d.procedure_version_id,
       v.name AS procedure_name,
       {_agency_name("d.receiving_agency_id")} AS receiving_agency_name,
       {_agency_name("d.current_agency_id")} AS current_agency_name
FROM {Dossier._meta.db_table} d
JOIN {ProcedureVersion._meta.db_table} v ON v.id = d.procedure_version_id
WHERE d.code IN (%(code)s, %(upper)s)
"""  # noqa: S608  # table names from the models, values as parameters

STEPS_SQL: Final = f"""
SELECT s.id, s."order", s.name, s.agency_id, s.started_at, s.finished_at, s.result,
       {_agency_name("s.agency_id")} AS agency_name
FROM {ProcessingStep._meta.db_table} s
WHERE s.dossier_id = %(dossier)s
ORDER BY s."order"
"""  # noqa: S608  # table names from the models, values as parameters

#: The note is read for every event but shown only for ``REASON_ACTIONS``, the data
#: only for an apology's new appointment; the catalogued reason text is looked up
#: with the kind that the event's action implies.
EVENTS_SQL: Final = f"""
SELECT e.id, e.occurred_at, e.action, e.to_status, e.agency_id, e.reason_code,
       e.note, e.data,
       {_agency_name("e.agency_id")} AS agency_name,
       (SELECT r.text FROM {ProcedureReason._meta.db_table} r
        WHERE r.version_id = %(version)s AND r.code = e.reason_code
          AND r.kind = CASE e.action
            WHEN %(refuse)s THEN %(refusal)s
            WHEN %(request_supplement)s THEN %(supplement)s
            WHEN %(stop)s THEN %(stop_kind)s END) AS reason_text
FROM {DossierEvent._meta.db_table} e
WHERE e.dossier_id = %(dossier)s
ORDER BY e.occurred_at, e.id
"""  # noqa: S608  # table names from the models, values as parameters

_REASON_KINDS: Final = {
    "refuse": A.REFUSE.value,
    "refusal": REASON_ACTIONS[A.REFUSE],
    "request_supplement": A.REQUEST_SUPPLEMENT.value,
    "supplement": REASON_ACTIONS[A.REQUEST_SUPPLEMENT],
    "stop": A.STOP.value,
    "stop_kind": REASON_ACTIONS[A.STOP],
}


def _text(row: object, name: str) -> str:
    """A column added by the SQL (not a model field)."""
    return str(getattr(row, name, None) or "")


def _dossier(code: str, on: date) -> Dossier | None:
    rows = list(
        Dossier.objects.raw(
            DOSSIER_SQL, {"code": code, "upper": code.upper(), "on": on}
        )
    )
    return next((d for d in rows if d.code == code), rows[0] if rows else None)


def _steps(dossier: Dossier, on: date) -> tuple[PublicStep, ...]:
    rows = ProcessingStep.objects.raw(STEPS_SQL, {"dossier": dossier.pk, "on": on})
    open_work = dossier.status not in TERMINAL_STATUSES
    return tuple(
        PublicStep(
            order=s.order,
            name=s.name,
            agency=_text(s, "agency_name"),
            started_at=s.started_at,
            finished_at=s.finished_at,
            result=Timeliness(s.result) if s.result else None,
            is_current=open_work
            and s.order == dossier.current_step
            and s.finished_at is None,
        )
        for s in rows
    )


def _history(dossier: Dossier, on: date) -> tuple[PublicEvent, ...]:
    params = {
        **_REASON_KINDS,
        "dossier": dossier.pk,
        "version": dossier.procedure_version_id,
        "on": on,
    }
    return tuple(_public_event(e) for e in DossierEvent.objects.raw(EVENTS_SQL, params))


def _public_event(event: DossierEvent) -> PublicEvent:
    reason = ""
    if event.action in REASON_ACTIONS:
        catalogued = _text(event, "reason_text")
        # The catalogue's wording, then the officer's own words; a code missing
        # from the catalogue is shown as given rather than dropped.
        parts = [catalogued or event.reason_code, event.note.strip()]
        reason = ": ".join(p for p in parts if p)
    new_due_at = None
    if event.action == A.APOLOGISE:
        raw = (event.data or {}).get("new_due_at")
        new_due_at = parse_datetime(raw) if isinstance(raw, str) else None
    return PublicEvent(
        occurred_at=event.occurred_at,
        action=event.action,
        description=str(EVENT_DESCRIPTIONS.get(event.action, event.action)),
        status=DossierStatus(event.to_status),
        agency=_text(event, "agency_name"),
        reason=reason,
        new_due_at=new_due_at,
    )


def dossier_lookup_get(
    *, code: str, now: datetime | None = None
) -> PublicDossier | None:
    """The public view of the dossier with this code, or ``None`` when there is
    none. ``code`` is already validated (``portal.forms.clean_lookup_code``)."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    dossier = _dossier(code, on)
    if dossier is None:
        return None
    history = _history(dossier, on)
    status = DossierStatus(dossier.status)
    reason_action = STATUS_REASON.get(status)
    reason = next(
        (e.reason for e in reversed(history) if e.action == reason_action), ""
    )
    moved = dossier.apology_count > 0 and dossier.original_due_at != dossier.due_at
    return PublicDossier(
        code=dossier.code,
        status=status,
        procedure=_text(dossier, "procedure_name"),
        applicant=mask_name(dossier.applicant_name),
        receiving_agency=_text(dossier, "receiving_agency_name"),
        current_agency=""
        if status in TERMINAL_STATUSES
        else _text(dossier, "current_agency_name"),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        first_due_at=dossier.original_due_at if moved else None,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        timeliness=dossier_timeliness(dossier, now=now),
        reason=reason,
        steps=_steps(dossier, on),
        history=history,
    )
