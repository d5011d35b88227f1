"""Reads of the national portal sync: the dossier snapshot, the sync log and the
simulator's records."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from congso.catalog.models import ProcedureFee
from congso.dossiers.constants import SIGNED_SUFFIX, DossierAction
from congso.dossiers.models import (
    Dossier,
    DossierAttachment,
    DossierComponent,
    DossierEvent,
    DossierPayment,
)
from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.snapshot import (
    ComponentSnapshot,
    DossierSnapshot,
    EventSnapshot,
    FeeSnapshot,
    ResultSnapshot,
)


def _result_url(code: str, attachment_id: int) -> str | None:
    """Absolute link to the result file, from ``CONGSO_PUBLIC_BASE_URL``; None when
    that is not set (a relative link means nothing to the national portal)."""
    base: str = settings.PUBLIC_BASE_URL
    if not base:
        return None
    path = reverse(
        "dossiers:dossier-attachment-download",
        kwargs={"code": code, "pk": attachment_id},
    )
    return f"{base}{path}"


def dossier_snapshot_get(*, code: str) -> DossierSnapshot | None:
    """The snapshot of the dossier ``code`` (None if unknown). Six queries: the
    dossier with its procedure, its documents, its events, its online payments,
    the version's fees and its signed result (the newest signed copy not
    withdrawn)."""
    signed = DossierAttachment.objects.filter(
        title__endswith=SIGNED_SUFFIX, withdrawn_at__isnull=True
    ).order_by("-created_at", "-id")
    dossier = (
        Dossier.objects.select_related(
            "procedure_version__procedure", "citizen__citizen_profile"
        )
        .prefetch_related(
            Prefetch("components", queryset=DossierComponent.objects.order_by("id")),
            # The status history: payments are lines of the timeline, not states.
            Prefetch(
                "events",
                queryset=DossierEvent.objects.exclude(action=DossierAction.PAY),
            ),
            Prefetch("payments", queryset=DossierPayment.objects.order_by("paid_at")),
            Prefetch(
                "procedure_version__fees",
                queryset=ProcedureFee.objects.order_by("id"),
                to_attr="national_fees",
            ),
            Prefetch("attachments", queryset=signed, to_attr="signed_results"),
        )
        .filter(code=code)
        .first()
    )
    if dossier is None:
        return None
    version = dossier.procedure_version
    results: list[DossierAttachment] = dossier.signed_results
    fees: list[ProcedureFee] = version.national_fees  # type: ignore[attr-defined]
    result = results[0] if results else None
    return DossierSnapshot(
        code=dossier.code,
        row_version=dossier.row_version,
        status=dossier.status,
        channel=dossier.channel,
        applicant_kind=dossier.applicant_kind,
        applicant_name=dossier.applicant_name,
        applicant_id=dossier.personal_id or dossier.organisation_code,
        request_summary=dossier.request_summary,
        procedure_code=version.procedure.national_code,
        procedure_name=version.name,
        sector=version.sector,
        time_limit=version.time_limit,
        time_unit=version.time_unit,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        components=tuple(
            ComponentSnapshot(
                name=c.name,
                catalogue_id=c.component_id,
                digitised=c.digitised,
                from_data_store=c.from_store,
            )
            for c in dossier.components.all()
        ),
        events=tuple(
            EventSnapshot(
                occurred_at=e.occurred_at,
                action=e.action,
                from_status=e.from_status,
                to_status=e.to_status,
                note=e.note,
                reason_code=e.reason_code,
            )
            for e in dossier.events.all()
        ),
        fees=tuple(
            FeeSnapshot(kind=f.kind, name=f.name, amount=f.amount) for f in fees
        ),
        paid_online=next((p.channel for p in dossier.payments.all()), None),
        vneid_verified=_identity_verified(dossier),
        result=(
            ResultSnapshot(
                attachment_id=result.pk,
                title=result.title,
                url=_result_url(dossier.code, result.pk),
            )
            if result
            else None
        ),
    )


def sim_record_list() -> QuerySet[NationalSimRecord]:
    """What the simulator received, newest first (one query per page)."""
    return NationalSimRecord.objects.order_by("-received_at", "-id")


def _identity_verified(dossier: Dossier) -> bool:
    """Submitted from an account signed in with the national e-identity
    (TaiKhoanDuocXacThucVoiVNeID)."""
    if dossier.citizen is None:
        return False
    profile = getattr(dossier.citizen, "citizen_profile", None)
    return bool(profile and profile.identity_verified)
