"""Pure: a :class:`DossierSnapshot` → the record the national portal receives
(one-stop.md §11). National field names live here only; models keep English names.

Confidence marks follow the domain guide: **[H]** the field is in one-stop.md §11
(the 766 index is computed from it); **[M]** one secondary source; **[L]** from
memory of the provincial→national sync specification, unverified: check against the
portal's current API document before going live (docs/subsystems/national-portal.md).

Dates: ``yyyyMMddHHmmss`` in Vietnam time (``20260302090000``), the format of the
provincial→national sync [M]; the domain guide names no other. Empty dates are
``None`` (JSON ``null``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from congso.calendar.constants import TimeUnit
from congso.calendar.worktime import VN_TZ
from congso.catalog.constants import FeeKind
from congso.dossiers.constants import ApplicantKind, Channel, DossierStatus
from congso.dossiers.constants import DossierAction as A
from congso.portal.national.snapshot import DossierSnapshot, EventSnapshot

#: ``yyyyMMddHHmmss`` (Java notation) in Asia/Ho_Chi_Minh.
DATETIME_FORMAT: Final = "%Y%m%d%H%M%S"

#: TrangThaiHoSo [L: codes recalled from the sync specification, unverified].
STATUS_CODES: Final[Mapping[str, int]] = {
    DossierStatus.SUBMITTED: 1,  # Mới đăng ký
    DossierStatus.RECEIVED: 2,  # Được tiếp nhận
    DossierStatus.REFUSED: 3,  # Không được tiếp nhận / từ chối
    DossierStatus.IN_PROGRESS: 4,  # Đang xử lý
    DossierStatus.SUPPLEMENT_REQUESTED: 5,  # Yêu cầu bổ sung giấy tờ
    # 6: Yêu cầu thực hiện nghĩa vụ tài chính — no state of ours.
    DossierStatus.WITHDRAWN: 7,  # Công dân yêu cầu rút hồ sơ
    DossierStatus.STOPPED: 8,  # Dừng xử lý
    DossierStatus.RESOLVED: 9,  # Đã xử lý xong
    DossierStatus.RETURNED: 10,  # Đã trả kết quả
}

#: KenhThucHien [H]: 1 in person, 2 online, 3 public postal service.
CHANNEL_CODES: Final[Mapping[str, int]] = {
    Channel.IN_PERSON: 1,
    Channel.ONLINE: 2,
    Channel.POSTAL: 3,
}

#: DonViTinh [H for the units; L for the spelling as text rather than codes].
TIME_UNITS: Final[Mapping[str, str]] = {
    TimeUnit.WORKING_HOURS: "giờ",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.MONTHS: "tháng",
}

#: LoaiDoiTuong [L]: 1 citizen, 2 organisation.
APPLICANT_KINDS: Final[Mapping[str, int]] = {
    ApplicantKind.PERSON: 1,
    ApplicantKind.ORGANISATION: 2,
}

#: LoaiPhiLePhi [L]: 1 fee (phí), 2 charge (lệ phí).
FEE_KINDS: Final[Mapping[str, int]] = {FeeKind.FEE: 1, FeeKind.CHARGE: 2}

#: The one line of DanhSachPhiLePhi of a free procedure ("0 when free", §11).
FREE_LINE: Final[Mapping[str, Any]] = {
    "TenPhiLePhi": "Không thu phí, lệ phí",
    "Gia": 0,
    "LoaiPhiLePhi": None,
}

#: Actions whose note is the reason the applicant was given (public, like the
#: lookup page); every other note is internal and never leaves Công Sở.
REASON_ACTIONS: Final = frozenset({A.REQUEST_SUPPLEMENT, A.REFUSE, A.STOP})


def national_datetime(moment: datetime | None) -> str | None:
    """``yyyyMMddHHmmss`` in Vietnam time, or None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(VN_TZ).strftime(DATETIME_FORMAT)


def national_record(snapshot: DossierSnapshot) -> dict[str, Any]:
    """The dossier in the national field shapes (a JSON-ready dict)."""
    s = snapshot
    return {
        "MaHoSo": s.code,
        "MaTTHC": s.procedure_code,
        "TenTTHC": s.procedure_name,
        "TenLinhVuc": s.sector,
        "ChuHoSo": s.applicant_name,
        "LoaiDoiTuong": APPLICANT_KINDS[s.applicant_kind],
        "SoDinhDanh": s.applicant_id,
        "TrichYeuHoSo": s.request_summary,
        "TrangThaiHoSo": STATUS_CODES[s.status],
        "KenhThucHien": CHANNEL_CODES[s.channel],
        "NgayTiepNhan": national_datetime(s.received_at),
        "NgayHenTra": national_datetime(s.due_at),
        # §7.2: result ready > returned > stopped / refused; finished_at is set by
        # the first of these (returning keeps the moment the result was ready).
        "NgayKetThucXuLy": national_datetime(s.finished_at),
        "NgayTra": national_datetime(s.returned_at),
        "ThoiGianGiaiQuyet": s.time_limit,
        "DonViTinh": TIME_UNITS[s.time_unit],
        "HoSoCoThanhPhanSoHoa": int(any(c.digitised for c in s.components)),
        "TaiLieuNop": [
            {
                "TenTepDinhKem": c.name,
                "MaThanhPhanHoSo": str(c.catalogue_id or ""),
                "DuocSoHoa": int(c.digitised),
                "DuocLayTuKhoDMQG": int(c.from_data_store),
            }
            for c in s.components
        ],
        "TaiKhoanDuocXacThucVoiVNeID": int(s.vneid_verified),
        "DSKetNoiCSDL": [{"MaCSDL": code} for code in s.database_codes],
        "DanhSachGiayToKetQua": (
            [
                {
                    "TenGiayTo": s.result.title,
                    "MaKetQua": str(s.result.attachment_id),
                    "DuongDanTepTinKetQua": s.result.url,
                }
            ]
            if s.result
            else []
        ),
        "DuocThanhToanTrucTuyen": s.paid_online,
        "DanhSachPhiLePhi": [
            {
                "TenPhiLePhi": fee.name,
                "Gia": fee.amount,
                "LoaiPhiLePhi": FEE_KINDS.get(fee.kind),
            }
            for fee in s.fees
        ]
        or [dict(FREE_LINE)],
        "DanhSachHoSoBoSung": _supplements(s.events),
        "QuaTrinhXuLy": [
            {
                "TrangThaiHoSo": STATUS_CODES[e.to_status],
                "ThoiDiem": national_datetime(e.occurred_at),
                "NoiDung": e.note if e.action in REASON_ACTIONS else "",
            }
            for e in s.events
        ],
    }


def _supplements(events: Iterable[EventSnapshot]) -> list[dict[str, Any]]:
    """Each supplement request with the moment the supplement came in (None while
    the applicant has not answered): the clock's pause, §6.2."""
    rows: list[dict[str, Any]] = []
    for event in events:
        if event.action == A.REQUEST_SUPPLEMENT:
            rows.append(
                {
                    "NgayYeuCauBoSung": national_datetime(event.occurred_at),
                    "NgayTiepNhanBoSung": None,
                    "NoiDungBoSung": event.note,
                }
            )
        elif event.action == A.SUPPLEMENT and rows:
            rows[-1]["NgayTiepNhanBoSung"] = national_datetime(event.occurred_at)
    return rows
