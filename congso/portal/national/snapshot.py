"""What the national record is built from: a frozen snapshot of one dossier (values
only; :func:`congso.portal.national.selectors.dossier_snapshot_get` reads it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ComponentSnapshot:
    """A document handed in (TaiLieuNop)."""

    name: str
    catalogue_id: int | None
    digitised: bool
    #: Taken from the applicant's e-data store on the portal (Kho DMQG). Not
    #: recorded by the dossiers app yet: always False until it is.
    from_data_store: bool = False


@dataclass(frozen=True)
class EventSnapshot:
    """One transition of the dossier's timeline."""

    occurred_at: datetime
    action: str
    from_status: str
    to_status: str
    note: str = ""
    reason_code: str = ""


@dataclass(frozen=True)
class FeeSnapshot:
    """A fee (phí) or charge (lệ phí) of the pinned procedure version."""

    kind: str
    name: str
    amount: int


@dataclass(frozen=True)
class ResultSnapshot:
    """The signed electronic result (kết quả điện tử ký số)."""

    attachment_id: int
    title: str
    url: str | None


@dataclass(frozen=True)
class DossierSnapshot:
    """Everything :func:`congso.portal.national.mapping.national_record` needs."""

    code: str
    row_version: int
    status: str
    channel: str
    applicant_kind: str
    applicant_name: str
    applicant_id: str
    request_summary: str
    procedure_code: str
    procedure_name: str
    sector: str
    time_limit: int
    time_unit: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    components: tuple[ComponentSnapshot, ...] = ()
    events: tuple[EventSnapshot, ...] = ()
    fees: tuple[FeeSnapshot, ...] = ()
    result: ResultSnapshot | None = None
    #: DuocThanhToanTrucTuyen: 1 national payment platform, 2 ministry/provincial
    #: gateway, None not paid online. Filled by the payments app once it exists.
    paid_online: int | None = None
    #: The applicant's portal account is verified with VNeID (not recorded yet).
    vneid_verified: bool = False
    #: Codes of the national databases consulted (MaCSDL; not recorded yet).
    database_codes: tuple[str, ...] = ()
