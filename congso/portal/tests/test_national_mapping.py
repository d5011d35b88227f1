"""The national record (one-stop.md §11) built from real dossiers moved along by
the dossiers services: every field, for a received, a supplement-requested, a
returned-late and a refused dossier, and the date format."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.accounts.constants import Role
from congso.catalog.constants import FeeKind
from congso.catalog.models import ProcedureFee, ProcedureVersion
from congso.dossiers.constants import SIGNED_SUFFIX
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier, DossierAttachment
from congso.dossiers.services import ComponentData, dossier_receive, dossier_transition
from congso.dossiers.tests.factories import (
    OneStop,
    at,
    build_procedure,
    receive,
    reception,
)
from congso.portal.national.mapping import national_datetime, national_record
from congso.portal.national.selectors import dossier_snapshot_get
from congso.portal.national.snapshot import DossierSnapshot
from congso.portal.national.validation import record_errors

BASE_URL = "https://dichvucong.hue.gov.vn"


@dataclass
class Dossiers:
    one_stop: OneStop
    version: ProcedureVersion
    received: Dossier
    waiting: Dossier
    late: Dossier
    refused: Dossier
    result: DossierAttachment


def procedure_with_fees(one_stop: OneStop) -> ProcedureVersion:
    """Desk → culture-social office → commune leader, 4 working days, two fees."""
    version = build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Thẩm định", Role.SPECIALIST, one_stop.office, 2, False),
            ("Phê duyệt", Role.AGENCY_LEADER, one_stop.commune, 1, False),
        ]
    )
    ProcedureFee.objects.create(
        version=version, kind=FeeKind.CHARGE, name="Lệ phí đăng ký", amount=8000
    )
    ProcedureFee.objects.create(
        version=version, kind=FeeKind.FEE, name="Phí sao lục", amount=3000
    )
    return version


def build_dossiers(one_stop: OneStop) -> Dossiers:
    """Four dossiers, each moved through the real services with explicit times."""
    u = one_stop.users
    version = procedure_with_fees(one_stop)

    def go(dossier: Dossier, action: A, who: str, when: datetime, **kw) -> Dossier:
        return dossier_transition(
            dossier=dossier, action=action, actor=u[who], now=when, **kw
        )

    first = reception(version)
    scanned = ComponentData(
        name=first.components[0].name,
        form=first.components[0].form,
        component_id=first.components[0].component_id,
        file=SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    paper = ComponentData(name="Giấy chứng sinh", form="original")

    received = dossier_receive(
        receiving_agency=one_stop.centre,
        reception=replace(first, components=[scanned, paper]),
        actor=u["reception"],
        now=at(2, 3, 9),
    )

    waiting = receive(one_stop, version, now=at(2, 3, 10))
    waiting = go(waiting, A.FORWARD, "reception", at(2, 3, 11), note="Chuyển xử lý")
    waiting = go(
        waiting, A.REQUEST_SUPPLEMENT, "specialist", at(3, 3, 10),
        note="Thiếu bản sao giấy chứng sinh",
    )  # fmt: skip

    late = receive(one_stop, version, now=at(2, 3, 14))
    late = go(late, A.FORWARD, "reception", at(2, 3, 15), note="Nội bộ")
    late = go(late, A.HAND_OVER, "specialist", at(5, 3, 9), note="Nội bộ")
    late = go(late, A.RESOLVE, "leader", at(10, 3, 16), note="Nội bộ")
    late = go(late, A.RETURN_RESULT, "reception", at(11, 3, 8))
    result = DossierAttachment.objects.create(
        dossier=late,
        uploaded_by=u["leader"],
        uploaded_by_label="Lanhdao",
        title=f"Giấy khai sinh{SIGNED_SUFFIX}",
        file="dossiers/attachments/2026/03/kq.pdf",
        original_name="kq-da-ky.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        created_at=at(10, 3, 16, 5),
    )

    refused = receive(one_stop, version, now=at(3, 3, 8))
    refused = go(refused, A.REFUSE, "reception", at(3, 3, 8, 30),
                 note="Không thuộc thẩm quyền")  # fmt: skip
    return Dossiers(one_stop, version, received, waiting, late, refused, result)


@pytest.fixture
def dossiers(one_stop: OneStop, settings) -> Dossiers:
    settings.PUBLIC_BASE_URL = BASE_URL
    return build_dossiers(one_stop)


def record_of(dossier: Dossier) -> dict:
    snapshot = dossier_snapshot_get(code=dossier.code)
    assert snapshot is not None
    return national_record(snapshot)


FEES = [
    {"TenPhiLePhi": "Lệ phí đăng ký", "Gia": 8000, "LoaiPhiLePhi": 2},
    {"TenPhiLePhi": "Phí sao lục", "Gia": 3000, "LoaiPhiLePhi": 1},
]


def expected(d: Dossiers, dossier: Dossier, **fields: object) -> dict:
    """The fields every dossier of the fixture shares, then ``fields``."""
    paper_form = {
        "TenTepDinhKem": "Tờ khai đăng ký khai sinh",
        "MaThanhPhanHoSo": str(d.version.components.get(order=1).pk),
        "DuocSoHoa": 0,
        "DuocLayTuKhoDMQG": 0,
    }
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": "1.001193",
        "TenTTHC": "Đăng ký khai sinh",
        "TenLinhVuc": "Hộ tịch",
        "ChuHoSo": "Nguyễn Văn An",
        "LoaiDoiTuong": 1,
        "SoDinhDanh": "046090001234",
        "TrichYeuHoSo": "Đăng ký khai sinh",
        "KenhThucHien": 1,
        "NgayKetThucXuLy": None,
        "NgayTra": None,
        "ThoiGianGiaiQuyet": 4,
        "DonViTinh": "ngày làm việc",
        "HoSoCoThanhPhanSoHoa": 0,
        "TaiLieuNop": [paper_form],
        "TaiKhoanDuocXacThucVoiVNeID": 0,
        "DSKetNoiCSDL": [],
        "DanhSachGiayToKetQua": [],
        "DuocThanhToanTrucTuyen": None,
        "DanhSachPhiLePhi": FEES,
        "DanhSachHoSoBoSung": [],
        **fields,
    }


def history(*rows: tuple[int, str, str]) -> list[dict]:
    return [{"TrangThaiHoSo": s, "ThoiDiem": t, "NoiDung": n} for s, t, n in rows]


def test_received_dossier_with_a_digitised_component(dossiers):
    """Received (2): reception and appointment, no end; the scanned form is
    digitised, so the dossier has a digitised component; fees of the version."""
    d = dossiers
    record = record_of(d.received)
    assert record == expected(
        d,
        d.received,
        TrangThaiHoSo=2,
        NgayTiepNhan="20260302090000",
        NgayHenTra="20260306170000",
        HoSoCoThanhPhanSoHoa=1,
        TaiLieuNop=[
            {
                "TenTepDinhKem": "Tờ khai đăng ký khai sinh",
                "MaThanhPhanHoSo": str(d.version.components.get(order=1).pk),
                "DuocSoHoa": 1,
                "DuocLayTuKhoDMQG": 0,
            },
            {
                "TenTepDinhKem": "Giấy chứng sinh",
                "MaThanhPhanHoSo": "",
                "DuocSoHoa": 0,
                "DuocLayTuKhoDMQG": 0,
            },
        ],
        QuaTrinhXuLy=history((2, "20260302090000", "")),
    )
    assert record_errors(record) == []


def test_supplement_requested_dossier(dossiers):
    """Awaiting supplement (5): the request's time and reason, no completion yet;
    the forwarding note is internal and not sent."""
    d = dossiers
    record = record_of(d.waiting)
    assert record == expected(
        d,
        d.waiting,
        TrangThaiHoSo=5,
        NgayTiepNhan="20260302100000",
        NgayHenTra="20260306170000",
        DanhSachHoSoBoSung=[
            {
                "NgayYeuCauBoSung": "20260303100000",
                "NgayTiepNhanBoSung": None,
                "NoiDungBoSung": "Thiếu bản sao giấy chứng sinh",
            }
        ],
        QuaTrinhXuLy=history(
            (2, "20260302100000", ""),
            (4, "20260302110000", ""),
            (5, "20260303100000", "Thiếu bản sao giấy chứng sinh"),
        ),
    )
    assert record_errors(record) == []


def test_supplement_completion_time_and_moved_appointment(dossiers):
    """Once the supplement comes in, its time closes the pause and the appointment
    moves by the working time spent waiting."""
    d = dossiers
    dossier_transition(
        dossier=d.waiting,
        action=A.SUPPLEMENT,
        actor=d.one_stop.users["reception"],
        now=at(4, 3, 8),
    )
    record = record_of(d.waiting)
    assert record["TrangThaiHoSo"] == 4
    assert record["NgayHenTra"] == "20260309170000"
    assert record["DanhSachHoSoBoSung"] == [
        {
            "NgayYeuCauBoSung": "20260303100000",
            "NgayTiepNhanBoSung": "20260304080000",
            "NoiDungBoSung": "Thiếu bản sao giấy chứng sinh",
        }
    ]
    assert record["QuaTrinhXuLy"][-1] == {
        "TrangThaiHoSo": 4,
        "ThoiDiem": "20260304080000",
        "NoiDung": "",
    }


def test_returned_late_dossier_with_signed_result(dossiers):
    """Returned (10) after the appointment: end of processing is the moment the
    result was ready (after NgayHenTra: late by the 766 rule), the return time,
    and the signed result with an absolute link from CONGSO_PUBLIC_BASE_URL."""
    d = dossiers
    record = record_of(d.late)
    assert record == expected(
        d,
        d.late,
        TrangThaiHoSo=10,
        NgayTiepNhan="20260302140000",
        NgayHenTra="20260306170000",
        NgayKetThucXuLy="20260310160000",
        NgayTra="20260311080000",
        DanhSachGiayToKetQua=[
            {
                "TenGiayTo": "Giấy khai sinh (đã ký số)",
                "MaKetQua": str(d.result.pk),
                "DuongDanTepTinKetQua": f"{BASE_URL}/dossiers/{d.late.code}"
                f"/attachments/{d.result.pk}/",
            }
        ],
        QuaTrinhXuLy=history(
            (2, "20260302140000", ""),
            (4, "20260302150000", ""),
            (4, "20260305090000", ""),
            (9, "20260310160000", ""),
            (10, "20260311080000", ""),
        ),
    )
    assert record["NgayKetThucXuLy"] > record["NgayHenTra"]
    assert record_errors(record) == []


def test_refused_dossier(dossiers):
    """Refused (3): processing ended at the refusal, with the reason given."""
    d = dossiers
    record = record_of(d.refused)
    assert record == expected(
        d,
        d.refused,
        TrangThaiHoSo=3,
        NgayTiepNhan="20260303080000",
        NgayHenTra="20260309170000",
        NgayKetThucXuLy="20260303083000",
        QuaTrinhXuLy=history(
            (2, "20260303080000", ""),
            (3, "20260303083000", "Không thuộc thẩm quyền"),
        ),
    )
    assert record_errors(record) == []


def test_result_link_needs_the_public_base_url(dossiers, settings):
    """Without CONGSO_PUBLIC_BASE_URL there is no absolute link: null, not a
    relative path the national portal could not open."""
    settings.PUBLIC_BASE_URL = ""
    [result] = record_of(dossiers.late)["DanhSachGiayToKetQua"]
    assert result["DuongDanTepTinKetQua"] is None
    assert record_errors(record_of(dossiers.late)) == []


def test_withdrawn_result_is_not_linked(dossiers):
    """A withdrawn signed copy is not the result."""
    dossiers.result.withdrawn_at = at(10, 3, 17)
    dossiers.result.save(update_fields=["withdrawn_at"])
    assert record_of(dossiers.late)["DanhSachGiayToKetQua"] == []


def test_snapshot_reads_in_six_queries(dossiers, django_assert_num_queries):
    """The dossier with its procedure, documents, events, payments, fees, signed
    result: six queries whatever the dossier; one for an unknown code."""
    for dossier in (dossiers.received, dossiers.late):
        with django_assert_num_queries(6):
            dossier_snapshot_get(code=dossier.code)
    with django_assert_num_queries(1):
        assert dossier_snapshot_get(code="H57.10.01-260302-9999") is None


def snapshot(**fields: object) -> DossierSnapshot:
    """A snapshot built without the database."""
    values: dict = {
        "code": "H57.10.01-260302-0001",
        "row_version": 0,
        "status": "received",
        "channel": "online",
        "applicant_kind": "organisation",
        "applicant_name": "Công ty TNHH An Bình",
        "applicant_id": "3301234567",
        "request_summary": "Cấp giấy phép",
        "procedure_code": "1.001193",
        "procedure_name": "Cấp giấy phép",
        "sector": "Xây dựng",
        "time_limit": 3,
        "time_unit": "months",
        "received_at": datetime(2026, 3, 2, 2, 0, 5, tzinfo=UTC),
        "due_at": None,
        "finished_at": None,
        "returned_at": None,
    }
    values.update(fields)
    return DossierSnapshot(**values)


def test_pure_mapping_of_codes_free_procedure_and_payment():
    """Channel 2 (online), organisation (2), months, no fee → one line at 0,
    paid on the national payment platform (1), VNeID and national databases."""
    record = national_record(
        snapshot(paid_online=1, vneid_verified=True, database_codes=("CSDLQGDC",))
    )
    assert record["KenhThucHien"] == 2
    assert record["LoaiDoiTuong"] == 2
    assert record["DonViTinh"] == "tháng"
    assert record["ThoiGianGiaiQuyet"] == 3
    assert record["DanhSachPhiLePhi"] == [
        {"TenPhiLePhi": "Không thu phí, lệ phí", "Gia": 0, "LoaiPhiLePhi": None}
    ]
    assert record["DuocThanhToanTrucTuyen"] == 1
    assert record["TaiKhoanDuocXacThucVoiVNeID"] == 1
    assert record["DSKetNoiCSDL"] == [{"MaCSDL": "CSDLQGDC"}]
    assert record["NgayTiepNhan"] == "20260302090005"  # 02:00:05 UTC → 09:00:05
    assert record_errors(record) == []


@pytest.mark.parametrize(
    ("unit", "national"),
    [
        ("working_days", "ngày làm việc"),
        ("working_hours", "giờ"),
        ("calendar_days", "ngày"),
        ("months", "tháng"),
    ],
)
def test_time_units(unit, national):
    assert national_record(snapshot(time_unit=unit))["DonViTinh"] == national


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("submitted", 1),
        ("received", 2),
        ("refused", 3),
        ("in_progress", 4),
        ("supplement_requested", 5),
        ("withdrawn", 7),
        ("stopped", 8),
        ("resolved", 9),
        ("returned", 10),
    ],
)
def test_status_codes(status, code):
    assert national_record(snapshot(status=status))["TrangThaiHoSo"] == code


def test_national_datetime_format():
    """yyyyMMddHHmmss in Vietnam time whatever the zone given; None stays None;
    a naive datetime is a programming error."""
    assert national_datetime(datetime(2026, 12, 31, 17, 30, 0, tzinfo=UTC)) == (
        "20270101003000"
    )
    assert national_datetime(at(2, 3, 9, 5)) == "20260302090500"
    assert national_datetime(None) is None
    with pytest.raises(ValueError, match="naive"):
        national_datetime(datetime(2026, 3, 2, 9, 0))
