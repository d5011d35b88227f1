"""Writes of one-stop dossier processing: reception and every transition.

``dossier_receive`` creates a dossier with its code, appointment, steps and first
event; ``dossier_transition`` is the one choke point for every later change (lock →
table → effect → step rows → deadlines → event → audit), and the intent services
(``dossier_request_supplement``, ``dossier_apologise`` …) add their checks and call
it. Every change is atomic; a stale ``expected_version`` is refused."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.accounts.selectors import (
    AgencyTree,
    Scope,
    agency_reference_code,
    agency_tree_get,
    scope_get,
)
from congso.audit.services import audit_record
from congso.calendar.selectors import working_calendar_get
from congso.calendar.worktime import TimeLimit, WorkingCalendar, reception_moment
from congso.catalog.constants import VersionStatus
from congso.catalog.models import ProcedureReason, ProcedureVersion
from congso.catalog.selectors import ProcedureParts, procedure_parts_get
from congso.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from congso.core.rows import counter_next, insert_rows
from congso.core.text import fold_vi, nfc
from congso.dossiers import deadlines
from congso.dossiers.codes import build_code
from congso.dossiers.constants import ApplicantKind, Channel, DossierStatus
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import (
    DailySequence,
    Dossier,
    DossierComponent,
    DossierEvent,
    ProcessingStep,
)
from congso.dossiers.rules import ACTION_GRANTS, COMPETENT, RECEIVING, STEP
from congso.dossiers.services.citizen import (
    EVENTS,
    applicant_notify,
    dossier_changed_publish,
)
from congso.dossiers.workflow import TransitionNotAllowedError, next_status
from congso.signatures.validation.summary import SignatureCheck

PERSONAL_ID = re.compile(r"^\d{12}$")
PHONE = re.compile(r"^(\+84|0)\d{9,10}$")


class DossierError(ApplicationError):
    """A refused dossier action, explained to the official."""


@dataclass(frozen=True)
class ApplicantData:
    """The applicant (người nộp hồ sơ): a person or an organisation."""

    kind: str
    name: str
    personal_id: str = ""
    organisation_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ComponentData:
    """A document handed in; ``component_id`` links it to the catalogue."""

    name: str
    form: str
    component_id: int | None = None
    quantity: int = 1
    file: UploadedFile | None = None
    #: Digital signatures of a PDF scan, checked before the transaction.
    signatures: SignatureCheck | None = None
    #: Reused from the applicant's electronic data store, not handed in again.
    from_store: bool = False


@dataclass(frozen=True)
class Reception:
    """Everything the desk enters at reception."""

    version: ProcedureVersion
    applicant: ApplicantData
    components: Sequence[ComponentData]
    channel: str = Channel.IN_PERSON
    request_summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- helpers ------------------------------------------------------------------------


def _calendar_for(
    agency_id: int, version: ProcedureVersion, tree: AgencyTree
) -> WorkingCalendar:
    """The receiving agency's office hours with the procedure's own cut-off."""
    node = tree.nodes.get(agency_id)
    return working_calendar_get(
        schedule_id=node.work_schedule_id if node else None,
        cutoff=version.cutoff_time,
    )


def _limit(version: ProcedureVersion, value: int | None = None) -> TimeLimit:
    from congso.calendar.constants import TimeUnit

    return TimeLimit(
        version.time_limit if value is None else value, TimeUnit(version.time_unit)
    )


def _check_may(
    scope: Scope, action: A, dossier: Dossier, step_agency_id: int | None
) -> None:
    targets = {
        RECEIVING: dossier.receiving_agency_id,
        COMPETENT: dossier.competent_agency_id,
        STEP: step_agency_id,
    }
    for roles, where in ACTION_GRANTS[action]:
        target = targets[where]
        if target is not None and scope.covers(target, roles):
            return
    raise PermissionDeniedError(
        _("Your role does not allow this action on this dossier."), code="role"
    )


def _next_number(agency: Agency, day: Any) -> int:
    """Gap-free daily sequence per receiving unit (one locked counter row)."""
    return counter_next(DailySequence, agency_id=agency.pk, day=day)


def _validate_applicant(applicant: ApplicantData) -> ApplicantData:
    errors: dict[str, list[str]] = {}
    name = nfc(applicant.name).strip()
    if not name:
        errors["name"] = [str(_("Enter the applicant's name."))]
    if applicant.kind not in ApplicantKind.values:
        errors["kind"] = [str(_("Unknown kind of applicant."))]
    if applicant.kind == ApplicantKind.PERSON and not PERSONAL_ID.match(
        applicant.personal_id
    ):
        errors["personal_id"] = [
            str(_("The personal ID number has exactly 12 digits."))
        ]
    phone = re.sub(r"[\s.-]", "", applicant.phone)
    if phone and not PHONE.match(phone):
        errors["phone"] = [str(_("Enter a Vietnamese phone number, e.g. 0912345678."))]
    if errors:
        raise DossierError(
            _("The applicant's data is invalid."), extra={"errors": errors}
        )
    return replace(
        applicant, name=name, phone=phone, address=nfc(applicant.address).strip()
    )


def _check_components(parts: ProcedureParts, given: Sequence[ComponentData]) -> None:
    given_ids = {c.component_id for c in given if c.component_id}
    missing = [name for pk, name in parts.required if pk not in given_ids]
    if missing:
        raise DossierError(
            _("The dossier is incomplete; missing: %(items)s")
            % {"items": "; ".join(missing)},
            code="incomplete",
            extra={"missing": missing},
        )


def _component_row(dossier: Dossier, data: ComponentData) -> DossierComponent:
    row = DossierComponent(
        dossier=dossier,
        component_id=data.component_id,
        name=nfc(data.name),
        form=data.form,
        quantity=data.quantity,
        from_store=data.from_store,
    )
    if data.file is not None:
        digest = hashlib.sha256()
        for chunk in data.file.chunks():
            digest.update(chunk)
        row.file = data.file
        row.size = data.file.size or 0
        row.content_type = data.file.content_type or ""
        row.sha256 = digest.hexdigest()
        row.digitised = True
    if data.signatures is not None:
        row.signature_status = data.signatures.status
        row.signature_summary = data.signatures.summary()
        row.signature_checked_at = data.signatures.checked_at
    return row


def _event(
    dossier: Dossier,
    action: A,
    before: str,
    actor: User | None,
    now: datetime,
    **extra: Any,
) -> DossierEvent:
    [event] = insert_rows(
        [
            DossierEvent(
                dossier=dossier,
                occurred_at=now,
                action=action,
                from_status=before,
                to_status=dossier.status,
                actor=actor,
                actor_label=actor.get_full_name() if actor else "",
                agency_id=dossier.current_agency_id,
                **extra,
            )
        ]
    )
    return event


# -- reception ----------------------------------------------------------------------


@transaction.atomic
def dossier_receive(
    *,
    receiving_agency: Agency,
    reception: Reception,
    actor: User,
    now: datetime | None = None,
) -> Dossier:
    """Receive a complete dossier at the desk (tiếp nhận): code, appointment, steps."""
    now = now or timezone.now()
    tree = agency_tree_get(on=timezone.localdate(now))
    scope = scope_get(user=actor, on=tree.on, tree=tree)
    if not scope.covers(receiving_agency.pk, ACTION_GRANTS[A.RECEIVE][0][0]):
        raise PermissionDeniedError(_("You may not receive dossiers for this unit."))
    return _open(
        receiving_agency=receiving_agency,
        reception=reception,
        actor=actor,
        now=now,
        tree=tree,
    )


@transaction.atomic
def dossier_submit_online(
    *,
    receiving_agency: Agency,
    reception: Reception,
    citizen: User,
    now: datetime | None = None,
) -> Dossier:
    """A dossier submitted on the portal (nộp trực tuyến): ``submitted`` with its
    code and the appointment it would get if the desk received it now; the desk
    checks it and receives it (the clock starts then) or refuses it."""
    now = now or timezone.now()
    return _open(
        receiving_agency=receiving_agency,
        reception=replace(reception, channel=Channel.ONLINE),
        actor=citizen,
        now=now,
        tree=agency_tree_get(on=timezone.localdate(now)),
        submitted=True,
    )


def _open(
    *,
    receiving_agency: Agency,
    reception: Reception,
    actor: User,
    now: datetime,
    tree: AgencyTree,
    submitted: bool = False,
) -> Dossier:
    """Create the dossier, its documents, steps and first event: ``received`` at the
    desk, or ``submitted`` online (by the citizen ``actor``, clock not started)."""
    version = reception.version
    if version.status != VersionStatus.PUBLISHED or not (
        version.valid_from <= tree.on
        and (version.valid_to is None or version.valid_to >= tree.on)
    ):
        raise DossierError(
            _("This procedure is not in force today."), code="not_in_force"
        )
    applicant = _validate_applicant(reception.applicant)
    parts = procedure_parts_get(version)
    _check_components(parts, reception.components)
    prefix = agency_reference_code(agency_id=receiving_agency.pk, on=tree.on, tree=tree)
    if not prefix:
        raise DossierError(
            _(
                "The receiving unit has no agency code; ask the administrator to set one."
            ),
            code="no_agency_code",
        )
    cal = _calendar_for(receiving_agency.pk, version, tree)
    due = deadlines.dossier_due_at(received_at=now, limit=_limit(version), cal=cal)
    competent = version.competent_agency_id or _competent_default(
        receiving_agency.pk, tree
    )
    steps = _plan_steps(parts, receiving_agency.pk, competent)
    first = steps[0]
    dossier = Dossier(
        code=build_code(prefix, tree.on, _next_number(receiving_agency, tree.on)),
        receiving_agency=receiving_agency,
        competent_agency_id=competent,
        procedure_version=version,
        status=DossierStatus.SUBMITTED if submitted else DossierStatus.RECEIVED,
        channel=reception.channel,
        citizen=actor if submitted else None,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name,
        applicant_folded=fold_vi(applicant.name),
        personal_id=applicant.personal_id,
        organisation_code=applicant.organisation_code,
        phone=applicant.phone,
        email=applicant.email,
        address=applicant.address,
        request_summary=nfc(reception.request_summary or version.name)[:500],
        received_at=None if submitted else now,
        clock_start=None if submitted else reception_moment(now, cal),
        due_at=due,
        original_due_at=due,
        fee_total=parts.fee_total,
        current_step=1,
        current_agency_id=first.agency_id,
        current_role=first.role,
    )
    insert_rows([dossier])
    insert_rows([_component_row(dossier, c) for c in reception.components])
    if not submitted:
        first.started_at = now
        first.due_at = deadlines.dossier_due_at(
            received_at=now, limit=_limit(version, first.allowance), cal=cal
        )
    for step in steps:
        step.dossier = dossier
    insert_rows(steps)
    action = A.SUBMIT if submitted else A.RECEIVE
    _event(dossier, action, "", actor, now, data={"due_at": due.isoformat()})
    receiving = tree.nodes.get(receiving_agency.pk)
    audit_record(
        event_type=f"dossiers.dossier.{_PAST[action]}",
        actor=actor,
        obj=dossier,
        data={"code": dossier.code, "due_at": due.isoformat(), "procedure": version.pk},
        agency_id=receiving_agency.pk,
        agency_label=receiving.name if receiving else "",
    )
    applicant_notify(
        dossier=dossier,
        action=action,
        agency_name=receiving.name if receiving else "",
    )
    dossier_changed_publish(dossier)
    return dossier


def _competent_default(receiving_id: int, tree: AgencyTree) -> int:
    """The People's Committee the receiving unit belongs to."""
    for node in reversed(tree.path(receiving_id)):
        if node.kind == "peoples_committee":
            return node.id
    return receiving_id


def _plan_steps(
    parts: ProcedureParts, receiving: int, competent: int
) -> list[ProcessingStep]:
    """The dossier's steps from the version's internal process; a step without an
    agency runs at the receiving unit first and at the competent authority after."""
    if not parts.steps:
        raise DossierError(_("The procedure has no internal process."), code="no_steps")
    return [
        ProcessingStep(
            order=index,
            name=name,
            agency_id=agency or (receiving if index == 1 else competent),
            role=role,
            allowance=allowance,
            is_interlinked=interlinked,
        )
        for index, (name, agency, role, allowance, interlinked) in enumerate(
            parts.steps, start=1
        )
    ]


def _start_step(
    dossier: Dossier, step: ProcessingStep, now: datetime, cal: WorkingCalendar
) -> None:
    step.started_at = now
    step.due_at = deadlines.dossier_due_at(
        received_at=now,
        limit=_limit(dossier.procedure_version, step.allowance),
        cal=cal,
    )
    ProcessingStep.objects.filter(pk=step.pk).update(started_at=now, due_at=step.due_at)
    dossier.current_step = step.order
    dossier.current_agency_id = step.agency_id
    dossier.current_role = step.role
    Dossier.objects.filter(pk=dossier.pk).update(
        current_step=step.order,
        current_agency_id=step.agency_id,
        current_role=step.role,
    )


# -- transitions --------------------------------------------------------------------


@dataclass
class _Change:
    """What one transition does, filled by the action's effect function."""

    dossier: Dossier
    action: A
    actor: User
    now: datetime
    cal: WorkingCalendar
    step: ProcessingStep | None
    data: dict[str, Any]
    event_data: dict[str, Any] = field(default_factory=dict)


def _finish_step(change: _Change, note: str = "") -> None:
    step = change.step
    if step is None:
        return
    step.finished_at = change.now
    step.handed_over_by = change.actor
    step.result = deadlines.classify_finished(
        change.now, step.due_at or change.now, change.cal.tz
    )
    step.note = note[:500] or step.note
    step.save(update_fields=["finished_at", "handed_over_by", "result", "note"])
    change.event_data["step"] = {"order": step.order, "result": step.result}


def _accept(change: _Change) -> None:
    """The desk receives a dossier submitted online: the clock starts now, the
    appointment is set from now and the desk's step begins."""
    dossier = change.dossier
    limit = _limit(dossier.procedure_version)
    dossier.received_at = change.now
    dossier.clock_start = reception_moment(change.now, change.cal)
    dossier.due_at = dossier.original_due_at = deadlines.dossier_due_at(
        received_at=change.now, limit=limit, cal=change.cal
    )
    if change.step is not None:
        change.step.started_at = change.now
        change.step.due_at = deadlines.dossier_due_at(
            received_at=change.now,
            limit=_limit(dossier.procedure_version, change.step.allowance),
            cal=change.cal,
        )
        change.step.save(update_fields=["started_at", "due_at"])
    change.event_data["due_at"] = dossier.due_at.isoformat()


def _advance(change: _Change) -> None:
    """Hand the dossier to the next step (forward, hand over)."""
    _finish_step(change, change.data.get("note", ""))
    following = (
        ProcessingStep.objects.filter(
            dossier=change.dossier, order__gt=change.dossier.current_step
        )
        .order_by("order")
        .first()
    )
    if following is None:
        raise DossierError(
            _("This is the last step: record the result instead."), code="last_step"
        )
    following.received_by = change.actor if change.action == A.HAND_OVER else None
    _start_step(change.dossier, following, change.now, change.cal)


def _request_supplement(change: _Change) -> None:
    dossier = change.dossier
    if dossier.supplement_count >= 1:
        raise DossierError(
            _("A supplement may be requested only once for a dossier."),
            code="supplement_twice",
        )
    dossier.supplement_count += 1
    dossier.paused_at = change.now


def _supplement(change: _Change) -> None:
    """The clock resumes; the appointment and the current step's due move by the
    working time spent waiting."""
    dossier = change.dossier
    dossier.resumed_at = change.now
    pause = [(dossier.paused_at or change.now, change.now)]
    limit = _limit(dossier.procedure_version)
    base = deadlines.dossier_due_at(
        received_at=dossier.received_at or change.now,
        limit=limit,
        cal=change.cal,
        pauses=pause,
    )
    dossier.due_at = max(base, dossier.due_at or base)
    if change.step and change.step.started_at:
        change.step.due_at = deadlines.dossier_due_at(
            received_at=change.step.started_at,
            limit=_limit(dossier.procedure_version, change.step.allowance),
            cal=change.cal,
            pauses=pause,
        )
        change.step.save(update_fields=["due_at"])
    change.event_data["due_at"] = dossier.due_at.isoformat()


def _apologise(change: _Change) -> None:
    dossier = change.dossier
    new_due = change.data.get("new_due_at")
    if dossier.apology_count >= 1:
        raise DossierError(
            _("A new appointment may be given only once."), code="apology_twice"
        )
    if dossier.due_at is None or change.now >= dossier.due_at:
        raise DossierError(
            _("The apology must be sent before the appointment date."),
            code="apology_late",
        )
    if not isinstance(new_due, datetime) or new_due <= dossier.due_at:
        raise DossierError(
            _("The new appointment must be later than the current one."),
            code="apology_date",
        )
    dossier.apology_count += 1
    dossier.due_at = new_due
    change.event_data["new_due_at"] = new_due.isoformat()


def _resolve(change: _Change) -> None:
    last = (
        ProcessingStep.objects.filter(dossier=change.dossier).order_by("-order").first()
    )
    if change.step is None or last is None or change.step.order != last.order:
        raise DossierError(
            _("The result can be recorded only at the last step."), code="not_last_step"
        )
    _finish_step(change, change.data.get("note", ""))
    change.dossier.finished_at = change.now
    _back_to_desk(change)
    result = change.data.get("result_attachment_id")
    if result:  # sign this PDF as the result after commit (services/results.py)
        from congso.dossiers.services.results import result_sign_publish

        result_sign_publish(
            dossier=change.dossier, attachment_id=int(result), actor=change.actor
        )
        change.event_data["result_attachment"] = int(result)


def _back_to_desk(change: _Change) -> None:
    dossier = change.dossier
    dossier.current_agency_id = dossier.receiving_agency_id
    dossier.current_role = "reception_officer"


def _end(change: _Change) -> None:
    """Refuse, stop or withdraw: processing ends now."""
    change.dossier.finished_at = change.now
    _finish_step(change, change.data.get("note", ""))
    _back_to_desk(change)


def _return(change: _Change) -> None:
    change.dossier.returned_at = change.now
    change.dossier.current_agency_id = None
    change.dossier.current_role = ""


EFFECTS: dict[A, Callable[[_Change], None]] = {
    A.RECEIVE: _accept,
    A.FORWARD: _advance,
    A.HAND_OVER: _advance,
    A.REQUEST_SUPPLEMENT: _request_supplement,
    A.SUPPLEMENT: _supplement,
    A.APOLOGISE: _apologise,
    A.RESOLVE: _resolve,
    A.RETURN_RESULT: _return,
    A.REFUSE: _end,
    A.STOP: _end,
    A.WITHDRAW: _end,
}
NEEDS_REASON = {A.REQUEST_SUPPLEMENT, A.REFUSE, A.STOP}


@transaction.atomic
def dossier_transition(
    *,
    dossier: Dossier,
    action: A,
    actor: User,
    note: str = "",
    reason_code: str = "",
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """The one choke point for a dossier's transitions (conventions §3)."""

    def official_may(
        locked: Dossier, step: ProcessingStep | None, tree: AgencyTree
    ) -> None:
        _check_may(
            scope_get(user=actor, on=tree.on, tree=tree),
            action,
            locked,
            step.agency_id if step else None,
        )

    return _transition(
        dossier=dossier,
        action=action,
        actor=actor,
        note=note,
        reason_code=reason_code,
        data=data,
        expected_version=expected_version,
        now=now or timezone.now(),
        authorise=official_may,
    )


def _applicant_only(citizen: User) -> Callable[..., None]:
    """Authorise the applicant's own online actions: the account that submitted
    the dossier online, nobody else."""

    def check(locked: Dossier, step: ProcessingStep | None, tree: AgencyTree) -> None:
        if locked.citizen_id != citizen.pk or locked.channel != Channel.ONLINE:
            raise PermissionDeniedError(
                _("Only the applicant who submitted the dossier online may do this."),
                code="not_owner",
            )

    return check


@transaction.atomic
def dossier_supplement_online(
    *,
    dossier: Dossier,
    citizen: User,
    components: Sequence[ComponentData],
    note: str = "",
    now: datetime | None = None,
) -> Dossier:
    """The applicant hands in the requested supplement on the portal (bổ sung hồ
    sơ trực tuyến): the documents join the dossier and the clock resumes now, as
    when the desk records a supplement handed in at the counter."""
    changed = _transition(
        dossier=dossier,
        action=A.SUPPLEMENT,
        actor=citizen,
        note=note,
        reason_code="",
        data=None,
        expected_version=None,
        now=now or timezone.now(),
        authorise=_applicant_only(citizen),
    )
    if not components:
        raise DossierError(
            _("Attach the documents that were asked for."), code="no_documents"
        )
    insert_rows([_component_row(changed, c) for c in components])
    return changed


@transaction.atomic
def dossier_withdraw_online(
    *, dossier: Dossier, citizen: User, note: str = "", now: datetime | None = None
) -> Dossier:
    """The applicant withdraws the dossier on the portal (công dân yêu cầu rút hồ
    sơ): processing ends; allowed in every open state the table allows it."""
    return _transition(
        dossier=dossier,
        action=A.WITHDRAW,
        actor=citizen,
        note=note,
        reason_code="",
        data=None,
        expected_version=None,
        now=now or timezone.now(),
        authorise=_applicant_only(citizen),
    )


def _transition(
    *,
    dossier: Dossier,
    action: A,
    actor: User,
    note: str,
    reason_code: str,
    data: dict[str, Any] | None,
    expected_version: int | None,
    now: datetime,
    authorise: Callable[[Dossier, ProcessingStep | None, AgencyTree], None],
) -> Dossier:
    locked = (
        Dossier.objects.select_for_update()
        .select_related("procedure_version")
        .get(pk=dossier.pk)
    )
    if expected_version is not None and locked.row_version != expected_version:
        raise ConflictError(
            _("The dossier was changed by someone else. Reload it and try again."),
            code="stale",
        )
    before = locked.status
    try:
        locked.status = next_status(DossierStatus(before), action)
    except TransitionNotAllowedError:
        raise DossierError(
            _("“%(action)s” is not possible for a dossier that is “%(status)s”.")
            % {"action": A(action).label, "status": DossierStatus(before).label},
            code="transition_not_allowed",
        ) from None
    step = ProcessingStep.objects.filter(
        dossier=locked, order=locked.current_step
    ).first()
    tree = agency_tree_get(on=timezone.localdate(now))
    authorise(locked, step, tree)
    note = nfc(note).strip()
    if action in NEEDS_REASON and not (note or reason_code):
        raise DossierError(
            _("Give the reason (from the list or in words)."), code="reason"
        )
    change = _Change(
        dossier=locked,
        action=action,
        actor=actor,
        now=now,
        cal=_calendar_for(locked.receiving_agency_id, locked.procedure_version, tree),
        step=step,
        data={**(data or {}), "note": note},
    )
    EFFECTS[action](change)
    locked.row_version += 1
    locked.save()
    _event(
        locked,
        action,
        before,
        actor,
        now,
        note=note,
        reason_code=reason_code,
        data=_jsonable(change.event_data),
    )
    audit_record(
        event_type=f"dossiers.dossier.{_PAST[action]}",
        actor=actor,
        obj=locked,
        data={
            "from": before,
            "to": locked.status,
            "reason_code": reason_code,
            **_jsonable(change.event_data),
        },
    )
    dossier_changed_publish(locked)
    if action in EVENTS:
        competent = tree.nodes.get(locked.competent_agency_id)
        applicant_notify(
            dossier=locked,
            action=action,
            agency_name=competent.name if competent else "",
            reason=_reason_text(locked, reason_code, note),
            new_date=locked.due_at if action == A.APOLOGISE else None,
        )
    return locked


def _reason_text(dossier: Dossier, code: str, note: str) -> str:
    """The reason as the applicant reads it: the catalogue's text, then the note."""
    text = ""
    if code:
        text = (
            ProcedureReason.objects.filter(
                version_id=dossier.procedure_version_id, code=code
            )
            .values_list("text", flat=True)
            .first()
            or ""
        )
    return "; ".join(part for part in (text, note) if part)


_PAST: dict[A, str] = {
    A.SUBMIT: "submitted",
    A.RECEIVE: "received",
    A.FORWARD: "forwarded",
    A.HAND_OVER: "handed_over",
    A.REQUEST_SUPPLEMENT: "supplement_requested",
    A.SUPPLEMENT: "supplemented",
    A.APOLOGISE: "apologised",
    A.RESOLVE: "resolved",
    A.RETURN_RESULT: "returned",
    A.REFUSE: "refused",
    A.STOP: "stopped",
    A.WITHDRAW: "withdrawn",
}


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}
