"""Reads of online submission and of the citizen's own pages. Every read of a
dossier, draft or stored document is filtered by its owner: another citizen's
row simply does not exist for them (404, never 403)."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from congso.accounts.constants import AgencyKind, Role
from congso.accounts.models import RoleAssignment, User
from congso.accounts.selectors import AgencyTree, agency_tree_get
from congso.catalog.constants import OnlineMode, VersionStatus
from congso.catalog.models import ProcedureComponent, ProcedureVersion
from congso.catalog.selectors import procedure_parts_get
from congso.core.periods import in_force_on
from congso.dossiers.models import Dossier, DossierEvent, DossierPayment
from congso.portal.submission.models import (
    CitizenDocument,
    DraftFile,
    DraftStatus,
    SubmissionDraft,
)


def version_for_online(*, version_id: int, on: date) -> ProcedureVersion | None:
    """The published version in force on ``on`` if it is offered online (full or
    partial), else ``None``."""
    return (
        ProcedureVersion.objects.filter(
            in_force_on(on),
            pk=version_id,
            status=VersionStatus.PUBLISHED,
            online_mode__in=[OnlineMode.FULL, OnlineMode.PARTIAL],
        )
        .select_related("procedure")
        .first()
    )


def _committee(tree: AgencyTree, agency_id: int) -> int | None:
    """The People's Committee an agency belongs to (itself when it is one)."""
    for node in reversed(tree.path(agency_id)):
        if node.kind == AgencyKind.PEOPLES_COMMITTEE:
            return node.id
    return None


def _process_committee(tree: AgencyTree, version: ProcedureVersion) -> int | None:
    """The committee whose units the internal process names, if it names any
    (a local process binds the procedure to that commune or district)."""
    for _name, agency_id, *_rest in procedure_parts_get(version).steps:
        committee = _committee(tree, agency_id) if agency_id in tree.nodes else None
        if committee is not None:
            return committee
    return None


def desks_for_version(*, version: ProcedureVersion, on: date) -> list[tuple[int, str]]:
    """``(agency id, name)`` of the one-stop desks that take the procedure: units
    with a reception officer on ``on``, belonging to the competent agency's People's
    Committee (or the committee whose units its internal process names), or, for a
    procedure of any commune, to a committee of the procedure's level."""
    tree = agency_tree_get(on=on)
    desk_ids = set(
        RoleAssignment.objects.filter(
            in_force_on(on), role=Role.RECEPTION_OFFICER
        ).values_list("agency_id", flat=True)
    )
    competent = (
        _committee(tree, version.competent_agency_id)
        if version.competent_agency_id
        else _process_committee(tree, version)
    )
    desks = []
    for desk in desk_ids:
        committee = _committee(tree, desk) if desk in tree.nodes else None
        if committee is None:
            continue
        if competent is not None and committee != competent:
            continue
        if competent is None and tree.nodes[committee].level != version.level:
            continue
        desks.append((desk, tree.nodes[desk].name))
    return sorted(desks, key=lambda item: item[1])


def draft_get(*, owner: User, draft_id: int) -> SubmissionDraft | None:
    """The owner's draft with its procedure, components and files (4 queries)."""
    return (
        SubmissionDraft.objects.filter(pk=draft_id, owner=owner)
        .select_related("procedure_version__procedure", "dossier")
        .prefetch_related(
            Prefetch(
                "procedure_version__components",
                queryset=ProcedureComponent.objects.order_by("order"),
            ),
            Prefetch("files", queryset=DraftFile.objects.select_related("from_store")),
        )
        .first()
    )


def draft_owned(*, owner: User, draft_id: int) -> bool:
    return SubmissionDraft.objects.filter(pk=draft_id, owner=owner).exists()


def draft_list(*, owner: User) -> QuerySet[SubmissionDraft]:
    return (
        SubmissionDraft.objects.filter(owner=owner, status=DraftStatus.DRAFT)
        .select_related("procedure_version")
        .order_by("-updated_at")
    )


def citizen_dossier_list(*, owner: User) -> QuerySet[Dossier]:
    """The dossiers the citizen submitted online, newest first."""
    return (
        Dossier.objects.filter(citizen=owner)
        .select_related("procedure_version")
        .order_by("-created_at", "-id")
    )


def citizen_dossier_owned(*, owner: User, code: str) -> bool:
    return Dossier.objects.filter(citizen=owner, code=code).exists()


def citizen_dossier_get(*, owner: User, code: str) -> Dossier | None:
    """The citizen's own dossier with its documents, online payments and timeline
    (the citizen's view; internal notes are not shown by the page)."""
    return (
        Dossier.objects.filter(citizen=owner, code=code)
        .select_related("procedure_version__procedure")
        .prefetch_related(
            "components",
            Prefetch("payments", queryset=DossierPayment.objects.order_by("paid_at")),
            Prefetch(
                "events",
                queryset=DossierEvent.objects.order_by("occurred_at", "id"),
            ),
        )
        .first()
    )


def store_list(*, owner: User) -> QuerySet[CitizenDocument]:
    return CitizenDocument.objects.filter(owner=owner).order_by("-created_at", "-id")
