"""Catalogue API: authenticated officials only, list and detail shapes, bad input."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from congso.accounts.tests.factories import World
from congso.catalog import services
from congso.catalog.tests.factories import procedure, published, version_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("congso.catalog.tests.urls")]
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


@pytest.fixture
def catalogue():
    khai_sinh = published(procedure("1.001193"), name="Đăng ký khai sinh")
    published(procedure("1.000894"), name="Đăng ký kết hôn")
    draft = services.procedure_version_create(
        procedure=procedure("2.000815"), data=version_data(name="Nháp"), actor=None
    )
    return khai_sinh, draft


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/procedures/",
        "/api/v1/procedures/1/",
        "/api/v1/procedures/export.xlsx",
    ],
)
def test_anonymous_is_401(client, url):
    assert client.get(url, **VI).status_code == 401


def test_list_shape_and_search(client, world: World, catalogue):
    client.force_login(world.users["specialist_a"])
    response = client.get(reverse("api-procedure-list"), {"q": "dang ky khai"}, **VI)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["name"] == "Đăng ký khai sinh"
    assert item["national_code"] == "1.001193"
    assert item["cutoff_time"] == "15:00"
    assert item["fees"] == [{"kind": "fee", "name": "Phí", "amount": 8000, "note": ""}]
    all_items = client.get(reverse("api-procedure-list"), {"on": "01/08/2025"}).json()
    assert all_items["count"] == 2
    before = client.get(reverse("api-procedure-list"), {"on": "2025-06-30"}).json()
    assert before["count"] == 0


def test_detail_shape(client, world: World, catalogue):
    khai_sinh, draft = catalogue
    client.force_login(world.users["specialist_a"])
    response = client.get(reverse("api-procedure-detail", args=[khai_sinh.pk]))
    assert response.status_code == 200
    body = response.json()
    assert [c["order"] for c in body["components"]] == [1, 2]
    assert [s["allowance"] for s in body["steps"]] == [1, 2]
    assert body["reasons"][0]["code"] == "TC01"
    assert body["status"] == "published"
    missing = client.get(reverse("api-procedure-detail", args=[draft.pk]), **VI)
    assert missing.status_code == 404


@pytest.mark.parametrize("on", ["2025-13-01", "31/02/2025", "07/31/2025", "x"])
def test_bad_on_date_is_400_in_vietnamese(client, world: World, on):
    client.force_login(world.users["specialist_a"])
    response = client.get(reverse("api-procedure-list"), {"on": on}, **VI)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert "on" in body["errors"]


def test_bad_level_is_400(client, world: World):
    client.force_login(world.users["specialist_a"])
    response = client.get(reverse("api-procedure-list"), {"level": "x"}, **VI)
    assert response.status_code == 400


def test_excel_export(client, world: World, catalogue):
    client.force_login(world.users["specialist_a"])
    response = client.get(reverse("api-procedure-export"), {"on": "2025-08-01"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
    ]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("api-procedure-list")).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_is_constant(client, world: World):
    """The same number of queries with 1 row and with 20 rows."""
    client.force_login(world.users["specialist_a"])
    published(procedure("1.000000"))
    one = _queries(client)
    for i in range(1, 20):
        published(procedure(f"1.{i:06d}"))
    assert _queries(client) == one
