"""The national portal simulator: the field-shape check, its HTTP endpoint (same
protocol as the portal), its in-process provider and its staff page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from congso.accounts.tests.factories import official
from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.contrib.simulator.provider import SimulatorPortal
from congso.portal.national.mapping import national_record
from congso.portal.national.providers.base import (
    NationalPortalUnavailable,
    PushStatus,
)
from congso.portal.national.validation import record_errors
from congso.portal.tests.test_national_mapping import snapshot
from congso.portal.tests.test_national_sync import api_post

API = "/portal/national-sim/api/"


@pytest.fixture
def record() -> dict:
    return national_record(snapshot())


def problems(payload: object) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in record_errors(payload)]


def test_a_mapped_record_is_valid(record):
    assert record_errors(record) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"MaHoSo": None}, [("MaHoSo", "required")]),
        ({"MaHoSo": ""}, [("MaHoSo", "empty")]),
        ({"ChuHoSo": 12}, [("ChuHoSo", "type")]),
        ({"KenhThucHien": 4}, [("KenhThucHien", "choice")]),
        ({"KenhThucHien": "1"}, [("KenhThucHien", "type")]),
        ({"KenhThucHien": True}, [("KenhThucHien", "type")]),
        ({"DuocThanhToanTrucTuyen": 3}, [("DuocThanhToanTrucTuyen", "choice")]),
        ({"DuocThanhToanTrucTuyen": 2}, []),
        ({"DuocThanhToanTrucTuyen": None}, []),
        ({"TrangThaiHoSo": 11}, [("TrangThaiHoSo", "choice")]),
        ({"NgayTiepNhan": "2026-03-02 09:00:00"}, [("NgayTiepNhan", "date_format")]),
        ({"NgayTiepNhan": "20260231090000"}, [("NgayTiepNhan", "date_format")]),
        ({"NgayTiepNhan": None}, [("NgayTiepNhan", "required")]),
        ({"NgayHenTra": 20260302090000}, [("NgayHenTra", "date_format")]),
        ({"DonViTinh": "ngay"}, [("DonViTinh", "choice")]),
        ({"ThoiGianGiaiQuyet": -1}, [("ThoiGianGiaiQuyet", "minimum")]),
        ({"HoSoCoThanhPhanSoHoa": 2}, [("HoSoCoThanhPhanSoHoa", "choice")]),
        ({"TaiLieuNop": {}}, [("TaiLieuNop", "type")]),
        (
            {"TaiLieuNop": [{"TenTepDinhKem": "A", "MaThanhPhanHoSo": "",
                             "DuocSoHoa": "1", "DuocLayTuKhoDMQG": 0}]},
            [("TaiLieuNop[0].DuocSoHoa", "type")],
        ),
        (
            {"TaiLieuNop": [{"TenTepDinhKem": "A", "DuocSoHoa": 1,
                             "DuocLayTuKhoDMQG": 0}, "x"]},
            [("TaiLieuNop[0].MaThanhPhanHoSo", "required"), ("TaiLieuNop[1]", "type")],
        ),
        (
            {"DanhSachGiayToKetQua": [{"TenGiayTo": "KQ", "MaKetQua": "1",
                                       "DuongDanTepTinKetQua": "/dossiers/1/"}]},
            [("DanhSachGiayToKetQua[0].DuongDanTepTinKetQua", "url")],
        ),
        (
            {"DanhSachPhiLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 1.5,
                                   "LoaiPhiLePhi": 2}]},
            [("DanhSachPhiLePhi[0].Gia", "type")],
        ),
        ({"MaHoSoo": "x"}, [("MaHoSoo", "unknown")]),
    ],
)  # fmt: skip
def test_malformed_records_get_precise_errors(record, change, expected):
    """Each defect is named by its path and kind, and nothing else is reported."""
    assert problems({**record, **change}) == expected


def test_missing_fields_and_non_objects(record):
    del record["NgayTiepNhan"]
    assert problems(record) == [("NgayTiepNhan", "required")]
    assert problems([record]) == [("", "type")]


def test_endpoint_records_valid_duplicate_and_invalid(client, db, record):
    """201 and recorded valid; the same key again 409 (recorded as a duplicate);
    a malformed record 400 with the errors, recorded invalid with them."""
    first = api_post(client, record, key="K:0")
    assert first.status_code == 201
    assert first.json()["status"] == "accepted"
    again = api_post(client, record, key="K:0")
    assert again.status_code == 409
    assert again.json()["status"] == "duplicate"
    bad = api_post(client, {**record, "KenhThucHien": 9, "NgayHenTra": "x"}, key="K:1")
    assert bad.status_code == 400
    body = bad.json()
    assert body["status"] == "rejected"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [
        ("KenhThucHien", "choice"),
        ("NgayHenTra", "date_format"),
    ]
    rows = list(NationalSimRecord.objects.order_by("id"))
    assert [(r.idempotency_key, r.valid, r.duplicate) for r in rows] == [
        ("K:0", True, False),
        ("K:0", True, True),
        ("K:1", False, False),
    ]
    assert rows[0].payload == record
    assert rows[0].dossier_code == record["MaHoSo"]
    assert rows[2].errors == body["errors"]


def test_endpoint_records_a_body_that_is_not_json(client, db):
    response = client.post(
        API, data=b"<xml/>", content_type="application/json", HTTP_IDEMPOTENCY_KEY="X"
    )
    assert response.status_code == 400
    row = NationalSimRecord.objects.get()
    assert (row.valid, row.payload, row.errors[0]["code"]) == (False, "<xml/>", "json")


def test_endpoint_checks_the_token_when_one_is_set(client, db, settings, record):
    settings.PORTAL_NATIONAL_TOKEN = "s3cret"
    assert api_post(client, record, key="K", token="wrong").status_code == 401
    assert api_post(client, record, key="K").status_code == 401
    assert api_post(client, record, key="K", token="s3cret").status_code == 201
    assert NationalSimRecord.objects.count() == 1


def test_endpoint_answers_loopback_only(client, db, record):
    """From another address, or through a proxy: 404, nothing recorded."""
    body = json.dumps(record)
    ct = "application/json"
    assert client.post(API, body, ct, REMOTE_ADDR="10.1.2.3").status_code == 404
    assert client.post(API, body, ct, HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 404
    assert client.get(API).status_code == 405
    assert not NationalSimRecord.objects.exists()


def test_marker_makes_the_simulator_unavailable(client, db, record):
    """MaHoSo starting with SIM-503: 503 over HTTP, NationalPortalUnavailable in
    process, nothing recorded."""
    marked = {**record, "MaHoSo": "SIM-503-0001"}
    assert api_post(client, marked, key="M").status_code == 503
    with pytest.raises(NationalPortalUnavailable, match="503"):
        SimulatorPortal().push(marked, idempotency_key="M")
    assert not NationalSimRecord.objects.exists()


def test_in_process_provider_answers_like_the_endpoint(db, record):
    portal = SimulatorPortal()
    assert portal.push(record, idempotency_key="K").status == PushStatus.ACCEPTED
    again = portal.push(record, idempotency_key="K")
    assert (again.status, again.http_status, again.ok) == (
        PushStatus.DUPLICATE,
        409,
        True,
    )
    bad = portal.push({**record, "DuocThanhToanTrucTuyen": 0}, idempotency_key="B")
    assert (bad.status, bad.http_status, bad.ok) == (PushStatus.REJECTED, 400, False)
    assert [e["field"] for e in bad.errors] == ["DuocThanhToanTrucTuyen"]
    assert NationalSimRecord.objects.count() == 3


# -- the staff page ------------------------------------------------------------------

PAGE = "/portal/national-sim/"


def test_page_url_name():
    assert reverse("portal:national-sim") == PAGE
    assert reverse("portal:national-sim-api") == API


def test_page_is_for_staff_only(client, db):
    """Anonymous → login; an official who is not staff → 403."""
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login" in response["Location"]
    client.force_login(official("motcua"))
    assert client.get(PAGE).status_code == 403


def test_page_lists_records_with_their_errors(client, db, record):
    staff = official("quantri")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    SimulatorPortal().push(record, idempotency_key="K:0")
    SimulatorPortal().push({**record, "KenhThucHien": 7}, idempotency_key="K:1")
    client.force_login(staff)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert record["MaHoSo"] in html
    assert "K:1" in html
    assert "<code>KenhThucHien</code>" in html
    assert response.templates[0].name == "portal/national/sim_record_list.html"


@pytest.mark.parametrize("count", [1, 20])
def test_page_queries_do_not_grow(client, db, record, count, django_assert_num_queries):
    staff = official("quantri")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    for index in range(count):
        SimulatorPortal().push(record, idempotency_key=f"K:{index}")
    client.force_login(staff)
    with django_assert_num_queries(4):  # session, user, count, page
        assert client.get(PAGE).status_code == 200
