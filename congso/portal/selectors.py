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

Two ways to read it:
- ``public_view_get``: the read model (``portal.models.PublicDossierView``), one
  indexed query returning the page fragment or the API body rendered when the
  dossier last changed (``portal.public_view``); the lookup's path;
- ``dossier_lookup_get`` / ``dossier_lookup_list``: from the dossiers' own tables,
  three queries whatever the dossier or the batch (one for an unknown code): the
  dossier with its procedure and agency names, its steps, its events with the
  catalogued reason texts. The read model is built from these, and the lookup falls
  back to them when the read model has no current row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final, Literal

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import AgencyVersion
from congso.catalog.constants import ReasonKind
from congso.catalog.models import ProcedureReason, ProcedureVersion
from congso.core.text import nfc
from congso.dossiers import deadlines
from congso.dossiers.constants import (
    TERMINAL_STATUSES,
    DossierStatus,
    Timeliness,
)
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.deadlines import DossierClock
from congso.dossiers.models import Dossier, DossierEvent, ProcessingStep
from congso.dossiers.selectors import dossier_timeliness
from congso.portal.models import PublicDossierView

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
    #: What ``timeliness`` is computed from (the read model stores it, not the
    #: timeliness, which changes with the time for open dossiers).
    clock: DossierClock | None = None
    row_version: int = 0
    dossier_id: int = 0

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


# -- the live reads: three queries for one dossier or for a batch ---------------------
#
# Raw SQL through ``Model.objects.raw`` (which still converts datetimes and JSON for
# each database). The ORM spelling of the same queries (``annotate`` with correlated
# ``Subquery``s and a ``Case``) cost 2.8 ms per lookup in Python, against 0.4 ms here
# (in-process, SQLite). Since the read model (``PublicDossierView``) they are the
# fallback of the lookup and the source of the read model's rows, built one dossier
# at a time in the transaction that changed it or in batches by the rebuild.


def _agency_name(column: str) -> str:
    """The agency's name on the day ``%(on)s``; a dissolved agency keeps its last
    name."""
    return (
        f"(SELECT av.name FROM {AgencyVersion._meta.db_table} av "  # noqa: S608
        f"WHERE av.agency_id = {column} AND av.valid_from <= %(on)s "
        "ORDER BY av.valid_from DESC LIMIT 1)"
    )


DOSSIER_SQL: Final = f"""
SELECT d.id, d.code, d.status, d.applicant_name, d.received_at, d.due_at,
       d.original_due_at, d.finished_at, d.returned_at, d.supplement_count,
       d.apology_count, d.current_step, d.procedure_version_id, d.row_version,
       v.name AS procedure_name,
       {_agency_name("d.receiving_agency_id")} AS receiving_agency_name,
       {_agency_name("d.current_agency_id")} AS current_agency_name
FROM {Dossier._meta.db_table} d
JOIN {ProcedureVersion._meta.db_table} v ON v.id = d.procedure_version_id
"""  # noqa: S608  # table names from the models, values as parameters

#: Exact match on the unique code (its index), as typed or in capitals: codes are
#: issued in capitals, citizens type them in any case.
BY_CODE: Final = "WHERE d.code IN (%(code)s, %(upper)s)"

STEPS_SQL: Final = f"""
SELECT s.id, s.dossier_id, s."order", s.name, s.agency_id, s.started_at,
       s.finished_at, s.result,
       {_agency_name("s.agency_id")} AS agency_name
FROM {ProcessingStep._meta.db_table} s
WHERE s.dossier_id IN ({{ids}})
ORDER BY s.dossier_id, s."order"
"""  # noqa: S608  # table names from the models, values as parameters

#: The note is read for every event but shown only for ``REASON_ACTIONS``, the data
#: only for an apology's new appointment; the catalogued reason text is looked up
#: in the dossier's procedure version with the kind that the event's action implies.
EVENTS_SQL: Final = f"""
SELECT e.id, e.dossier_id, e.occurred_at, e.action, e.to_status, e.agency_id,
       e.reason_code, e.note, e.data,
       {_agency_name("e.agency_id")} AS agency_name,
       (SELECT r.text FROM {ProcedureReason._meta.db_table} r
        WHERE r.version_id = d.procedure_version_id AND r.code = e.reason_code
          AND r.kind = CASE e.action
            WHEN %(refuse)s THEN %(refusal)s
            WHEN %(request_supplement)s THEN %(supplement)s
            WHEN %(stop)s THEN %(stop_kind)s END) AS reason_text
FROM {DossierEvent._meta.db_table} e
JOIN {Dossier._meta.db_table} d ON d.id = e.dossier_id
WHERE e.dossier_id IN ({{ids}})
ORDER BY e.dossier_id, e.occurred_at, e.id
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


def _ids(ids: list[int]) -> tuple[str, dict[str, int]]:
    """``IN`` placeholders and their parameters for a list of ids."""
    params = {f"id{i}": pk for i, pk in enumerate(ids)}
    return ", ".join(f"%({name})s" for name in params), params


def _dossier(code: str, on: date) -> Dossier | None:
    rows = list(
        Dossier.objects.raw(
            f"{DOSSIER_SQL} {BY_CODE}",
            {"code": code, "upper": code.upper(), "on": on},
        )
    )
    return next((d for d in rows if d.code == code), rows[0] if rows else None)


def _steps(dossiers: dict[int, Dossier], on: date) -> dict[int, list[PublicStep]]:
    marks, params = _ids(list(dossiers))
    rows = ProcessingStep.objects.raw(STEPS_SQL.format(ids=marks), {**params, "on": on})
    steps: dict[int, list[PublicStep]] = {pk: [] for pk in dossiers}
    for s in rows:
        dossier = dossiers[s.dossier_id]
        open_work = dossier.status not in TERMINAL_STATUSES
        steps[s.dossier_id].append(
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
        )
    return steps


def _histories(ids: list[int], on: date) -> dict[int, list[PublicEvent]]:
    marks, params = _ids(ids)
    rows = DossierEvent.objects.raw(
        EVENTS_SQL.format(ids=marks), {**_REASON_KINDS, **params, "on": on}
    )
    history: dict[int, list[PublicEvent]] = {pk: [] for pk in ids}
    for event in rows:
        history[event.dossier_id].append(_public_event(event))
    return history


def _describe(action: str) -> str:
    """The citizen's wording, else the action's own label (timeline-only lines:
    submitted online, fee paid online)."""
    known = EVENT_DESCRIPTIONS.get(action)
    if known is not None:
        return str(known)
    return str(A(action).label) if action in A.values else action


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
        description=_describe(event.action),
        status=DossierStatus(event.to_status),
        agency=_text(event, "agency_name"),
        reason=reason,
        new_due_at=new_due_at,
    )


def _public(
    dossier: Dossier,
    steps: list[PublicStep],
    history: list[PublicEvent],
    now: datetime,
) -> PublicDossier:
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
        steps=tuple(steps),
        history=tuple(history),
        clock=DossierClock(
            due_at=dossier.due_at,
            finished_at=dossier.finished_at,
            supplement_count=dossier.supplement_count,
            original_due_at=dossier.original_due_at,
        ),
        row_version=dossier.row_version,
        dossier_id=dossier.pk,
    )


def dossier_lookup_get(
    *, code: str, now: datetime | None = None
) -> PublicDossier | None:
    """The public view of the dossier with this code read from the dossiers' own
    tables, or ``None`` when there is none. ``code`` is already validated
    (``portal.forms.clean_lookup_code``)."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    dossier = _dossier(code, on)
    if dossier is None:
        return None
    history = _histories([dossier.pk], on)[dossier.pk]
    steps = _steps({dossier.pk: dossier}, on)[dossier.pk]
    return _public(dossier, steps, history, now)


def dossier_lookup_list(
    *, ids: list[int], now: datetime | None = None
) -> list[PublicDossier]:
    """The public views of a batch of dossiers (by id, in id order) in three
    queries: what the read model's rebuild renders."""
    if not ids:
        return []
    now = now or timezone.now()
    on = timezone.localdate(now)
    marks, params = _ids(ids)
    dossiers = {
        d.pk: d
        for d in Dossier.objects.raw(
            f"{DOSSIER_SQL} WHERE d.id IN ({marks}) ORDER BY d.id",
            {**params, "on": on},
        )
    }
    found = list(dossiers)
    if not found:
        return []
    steps = _steps(dossiers, on)
    history = _histories(found, on)
    return [_public(dossiers[pk], steps[pk], history[pk], now) for pk in found]


# -- the read model -----------------------------------------------------------------


@dataclass(frozen=True)
class StoredLookup:
    """One answer of the read model (``PublicDossierView``): the stored page
    fragment or API body, and what the timeliness is computed from at ``now``."""

    code: str
    language: str
    rendering: int
    content: str
    clock: DossierClock

    def timeliness(self, now: datetime) -> Timeliness | None:
        return deadlines.classify_dossier(
            self.clock, now=now, tz=timezone.get_current_timezone()
        )


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands naive UTC datetimes to a raw cursor; PostgreSQL aware ones."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _view_sql(column: str) -> str:
    return (
        f"SELECT code, language, rendering, {column}, due_at, finished_at, "  # noqa: S608
        f"supplement_count, original_due_at FROM {PublicDossierView._meta.db_table} "
        "WHERE code IN (%s, %s)"
    )


#: One query on the read model's unique code, reading only the column served.
_VIEW_SQL: Final[dict[str, str]] = {}


def _fetch(sql: str, params: list[str]) -> list[tuple[Any, ...]]:
    """Run the lookup's query on a plain cursor (no ORM: compiling the same query
    through a QuerySet costs about as much as running it). Prepared statements
    would save PostgreSQL's planning (~10–20 % of the query's time, measured) but
    Django turns them off by default for connection poolers; see portal.md."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def public_view_get(*, code: str, part: Literal["page", "body"]) -> StoredLookup | None:
    """The stored answer for this code (exact, or in capitals), or ``None`` when the
    read model has no row: one indexed query, no ORM (this is the hot path of
    ``bench/lookup.py``). The caller checks ``language`` and ``rendering``."""
    sql = _VIEW_SQL.get(part)
    if sql is None:
        sql = _VIEW_SQL[part] = _view_sql(part)
    rows = _fetch(sql, [code, code.upper()])
    if not rows:
        return None
    row = next((r for r in rows if r[0] == code), rows[0])
    return StoredLookup(
        code=row[0],
        language=row[1],
        rendering=row[2],
        content=row[3],
        clock=DossierClock(
            due_at=_aware(row[4]),
            finished_at=_aware(row[5]),
            supplement_count=row[6],
            original_due_at=_aware(row[7]),
        ),
    )


def public_view_outdated_ids(*, rendering: int, language: str) -> list[int]:
    """Ids of the dossiers whose read-model row is missing, of another rendering or
    language, or older than the dossier (in id order): what a rebuild writes."""
    current = PublicDossierView.objects.filter(
        dossier=OuterRef("pk"),
        rendering=rendering,
        language=language,
        row_version=OuterRef("row_version"),
    )
    return list(
        Dossier.objects.filter(~Exists(current))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
