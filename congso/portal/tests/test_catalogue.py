"""The public procedure catalogue (niêm yết thủ tục hành chính): anonymous, only the
published versions in force today, searchable without diacritics and by code,
filtered by sector, authority and level, in a constant number of queries."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from congso.accounts.constants import AgencyLevel
from congso.accounts.models import Agency
from congso.accounts.tests.factories import agency
from congso.catalog import services
from congso.catalog.models import ProcedureVersion
from congso.catalog.tests.factories import procedure, published, version_data
from congso.portal import catalogue

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
LIST = reverse("portal:procedure-list")
KIOSK = reverse("portal:procedure-kiosk")


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def detail_url(key: str | int) -> str:
    return reverse("portal:procedure-detail", args=[key])


def vi(msgid: str) -> str:
    with translation.override("vi"):
        return html.escape(gettext(msgid))


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


@dataclass
class Catalogue:
    office: Agency
    commune: Agency
    birth: ProcedureVersion
    land: ProcedureVersion
    marriage: ProcedureVersion


@pytest.fixture
def cat() -> Catalogue:
    office = agency("Phòng Tư pháp huyện A")
    commune = agency("UBND xã Đông Sơn", level=AgencyLevel.COMMUNE)
    birth = published(
        procedure("1.001193"),
        competent_agency=commune,
        legacy_level=4,
        result_name="Giấy khai sinh",
        components=(
            services.ComponentData(
                name="Tờ khai đăng ký khai sinh",
                form="original",
                template_name="Mẫu TK-KS",
            ),
            services.ComponentData(
                name="Giấy chứng sinh", form="certified_copy", quantity=2
            ),
        ),
        fees=(services.FeeData(kind="charge", name="Lệ phí hộ tịch", amount=1250000),),
        legal_basis="Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
    )
    land = published(
        procedure("1.004227"),
        name="Đăng ký đất đai lần đầu",
        sector="Đất đai",
        level=AgencyLevel.DISTRICT,
        competent_agency=office,
        online_mode="partial",
    )
    marriage = published(
        procedure("1.000894"),
        name="Đăng ký kết hôn",
        competent_agency=commune,
        online_mode="none",
    )
    return Catalogue(office, commune, birth, land, marriage)


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.name for v in response.context["page"].object_list]


# --- list -------------------------------------------------------------------------


def test_list_is_public_and_ordered_by_name(client: Client, cat: Catalogue) -> None:
    """Anonymous visitors see every procedure in force, by name without diacritics,
    with labelled search and filter fields."""
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == [
        "Đăng ký đất đai lần đầu",
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
    ]
    content = response.content.decode()
    for field in ("q", "linh_vuc", "co_quan", "cap"):
        assert f'for="id_{field}"' in content
        assert f'id="id_{field}"' in content
    assert 'method="get"' in content
    assert "style=" not in content
    assert "<script>" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang ky khai sinh", ["Đăng ký khai sinh"]),
        ("ĐĂNG KÝ KHAI SINH", ["Đăng ký khai sinh"]),
        ("  khai   SINH ", ["Đăng ký khai sinh"]),
        ("dat dai", ["Đăng ký đất đai lần đầu"]),
        ("1.001193", ["Đăng ký khai sinh"]),
        ("1.000894.000.00.00.H57", ["Đăng ký kết hôn"]),
        ("1.0011", ["Đăng ký khai sinh"]),  # a local code by its beginning
        ("001193", []),  # codes never match in the middle
        ("ly hon", []),
        ("%", []),  # LIKE wildcards are literal
        ("_", []),
    ],
)
def test_search_folds_diacritics_and_matches_codes(
    client: Client, cat: Catalogue, query: str, expected: list[str]
) -> None:
    """Search ignores case, diacritics (đ → d) and extra blanks; a national code
    matches exactly and a local code by its beginning."""
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_search_accepts_nfd_input(client: Client, cat: Catalogue) -> None:
    """Text typed in NFD (decomposed marks) finds the NFC name."""
    response = client.get(LIST, {"q": unicodedata.normalize("NFD", "Kết hôn")})
    assert names(response) == ["Đăng ký kết hôn"]


def test_filters_by_sector_agency_and_level(client: Client, cat: Catalogue) -> None:
    """Sector, competent authority and level narrow the list, together with search."""
    assert names(client.get(LIST, {"linh_vuc": "Đất đai"})) == [
        "Đăng ký đất đai lần đầu"
    ]
    assert names(client.get(LIST, {"co_quan": cat.commune.pk})) == [
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
    ]
    assert names(client.get(LIST, {"cap": AgencyLevel.DISTRICT})) == [
        "Đăng ký đất đai lần đầu"
    ]
    both = client.get(LIST, {"co_quan": cat.commune.pk, "q": "ket hon"})
    assert names(both) == ["Đăng ký kết hôn"]
    none = client.get(LIST, {"linh_vuc": "Tư pháp", "co_quan": cat.office.pk})
    assert names(none) == []


def test_filter_lists_offer_sectors_and_agencies_in_use(
    client: Client, cat: Catalogue
) -> None:
    """The sector and authority lists hold what the listed procedures use, by
    Vietnamese name, with their current names."""
    agency("Sở Xây dựng")  # names no procedure
    form = client.get(LIST).context["form"]
    assert [v for v, _ in form.fields["linh_vuc"].choices] == ["", "Đất đai", "Tư pháp"]
    assert list(form.fields["co_quan"].choices)[1:] == [
        (cat.office.pk, "Phòng Tư pháp huyện A"),
        (cat.commune.pk, "UBND xã Đông Sơn"),
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"linh_vuc": "Không có"},
        {"co_quan": "abc"},
        {"co_quan": "999999"},
        {"cap": "galaxy"},
        {"q": "x" * 201},
    ],
)
def test_impossible_filters_answer_400_with_the_form(
    client: Client, cat: Catalogue, params: dict[str, str]
) -> None:
    """An unknown sector, authority or level, or an over-long search: 400, the form
    again with the error on the field, no list."""
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert "page" not in response.context


def test_unpublished_future_and_ended_versions_are_not_listed(
    client: Client, cat: Catalogue
) -> None:
    """Drafts, versions starting tomorrow and versions that ended yesterday stay off
    the list, the filters and the details."""
    draft = services.procedure_version_create(
        procedure=procedure("2.000001"),
        data=version_data(name="Thủ tục nháp", sector="Nháp"),
        actor=None,
    )
    future = published(
        procedure("2.000002"),
        name="Thủ tục tương lai",
        sector="Tương lai",
        valid_from=TODAY + timedelta(days=1),
    )
    ended = published(
        procedure("2.000003"),
        name="Thủ tục đã hết hiệu lực",
        valid_to=TODAY - timedelta(days=1),
    )
    response = client.get(LIST)
    assert len(names(response)) == 3
    assert "Thủ tục" not in "".join(names(response))
    assert [v for v, _ in response.context["form"].fields["linh_vuc"].choices] == [
        "",
        "Đất đai",
        "Tư pháp",
    ]
    for version in (draft, future, ended):
        assert client.get(detail_url(version.pk)).status_code == 404
        code = version.procedure.national_code
        assert client.get(detail_url(code)).status_code == 404
        assert names(client.get(LIST, {"q": code})) == []


def test_new_version_replaces_the_old_one_on_its_first_day(
    client: Client, cat: Catalogue
) -> None:
    """When a new version comes into force, the list shows it once, not both."""
    proc = procedure("3.000001")
    published(proc, name="Cấp bản sao cũ", valid_to=TODAY - timedelta(days=1))
    published(proc, name="Cấp bản sao mới", valid_from=TODAY)
    assert names(client.get(LIST, {"q": "cap ban sao"})) == ["Cấp bản sao mới"]


def _many(n: int, commune: Agency) -> None:
    for i in range(n):
        published(
            procedure(f"9.{i:06d}"),
            name=f"Thủ tục số {i:02d}",
            sector=f"Lĩnh vực {i % 3}",
            competent_agency=commune,
        )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_and_kiosk_queries_do_not_grow_with_rows(client: Client) -> None:
    """The list page (20 a page) and the centre's screen run the same number of
    queries with 1 and with 20 procedures."""
    commune = agency("UBND xã Đông Sơn", level=AgencyLevel.COMMUNE)
    _many(1, commune)
    one_list, one_kiosk = _count(client, LIST), _count(client, KIOSK)
    for i in range(19):
        published(
            procedure(f"8.{i:06d}"),
            name=f"Thủ tục khác {i:02d}",
            sector=f"Ngành {i}",
            competent_agency=agency(f"Cơ quan {i}"),
        )
    response = client.get(LIST)
    assert len(names(response)) == 20
    assert _count(client, LIST) == one_list
    assert _count(client, KIOSK) == one_kiosk


def test_list_is_paginated_keeping_the_filters(client: Client, cat: Catalogue) -> None:
    """Twenty a page; the links to other pages keep the search and filters."""
    _many(25, cat.commune)
    first = client.get(LIST, {"co_quan": cat.commune.pk})
    assert len(names(first)) == 20
    assert first.context["page"].paginator.count == 27
    content = first.content.decode()
    assert f"?co_quan={cat.commune.pk}&amp;page=2" in content
    second = client.get(LIST, {"co_quan": cat.commune.pk, "page": 2})
    assert len(names(second)) == 7
    assert client.get(LIST, {"page": "x"}).status_code == 200


# --- details ----------------------------------------------------------------------


def test_details_show_everything_a_citizen_needs(
    client: Client, cat: Catalogue
) -> None:
    """Components (form, quantity, template), fees with the amount grouped, time
    limit and unit, legal basis, online level, authority and result."""
    response = client.get(detail_url(cat.birth.pk))
    assert response.status_code == 200
    content = text(response)
    for expected in [
        "Đăng ký khai sinh",
        "1.001193",
        "Tờ khai đăng ký khai sinh",
        "Mẫu TK-KS",
        "Giấy chứng sinh",
        html.unescape(vi("Certified copy")),
        "Lệ phí hộ tịch",
        "1.250.000",
        "Luật Hộ tịch 2014",
        "Nghị định 123/2015/NĐ-CP",
        html.unescape(vi("Full online")),
        "UBND xã Đông Sơn",
        "Giấy khai sinh",
        "Tư pháp",
        "Hộ tịch",
    ]:
        assert expected in content, expected
    with translation.override("vi"):
        unit = str(cat.birth.get_time_unit_display())
    assert f"3 {unit}" in content
    assert "style=" not in response.content.decode()


def test_details_hide_the_editorial_note(client: Client) -> None:
    """The editorial note (doubts about codes, sources) is never public."""
    version = published(procedure("4.000001"), note="Mã chưa đối chiếu với CSDL QG")
    content = text(client.get(detail_url(version.pk)))
    assert "Mã chưa đối chiếu" not in content


def test_details_by_national_and_local_code(client: Client, cat: Catalogue) -> None:
    """The national code or the local code reach the same page; a national code two
    procedures share leads to the list searched by it."""
    by_code = client.get(detail_url("1.001193"))
    assert by_code.status_code == 200
    assert by_code.context["v"].pk == cat.birth.pk
    local = client.get(detail_url("1.001193.000.00.00.H57"))
    assert local.context["v"].pk == cat.birth.pk

    services.procedure_create(
        national_code="1.001193", local_code="1.001193.000.00.00.H99", actor=None
    )
    proc = services.procedure_create(
        national_code="1.001193", local_code="1.001193.000.00.00.H98", actor=None
    )
    published(proc, name="Đăng ký khai sinh (cấp huyện)")
    shared = client.get(detail_url("1.001193"))
    assert shared.status_code == 302
    assert shared["Location"] == f"{LIST}?q=1.001193"


@pytest.mark.parametrize("key", ["999999", "0", "9.999999", "abc", "1.001193.X"])
def test_details_404_for_unknown(client: Client, cat: Catalogue, key: str) -> None:
    assert client.get(detail_url(key)).status_code == 404


def test_details_queries_are_fixed(client: Client, cat: Catalogue) -> None:
    """One version with its parts in a fixed number of queries, however many
    documents and fees it has."""
    few = _count(client, detail_url(cat.land.pk))
    many = published(
        procedure("5.000001"),
        competent_agency=cat.office,
        components=tuple(
            services.ComponentData(name=f"Giấy {i}", form="copy") for i in range(12)
        ),
        fees=tuple(
            services.FeeData(kind="fee", name=f"Phí {i}", amount=1000 * i)
            for i in range(5)
        ),
    )
    assert _count(client, detail_url(many.pk)) == few
    by_code = detail_url(many.procedure.national_code)
    assert _count(client, by_code) == few


def test_detail_selector_makes_four_queries(
    cat: Catalogue, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """Version (with procedure and authority), documents, fees, authority names."""
    with django_assert_num_queries(4):
        version = catalogue.catalogue_version_get(version_id=cat.birth.pk, on=TODAY)
        assert version is not None
        assert [c.order for c in version.components.all()] == [1, 2]
        assert version.fees.all()[0].amount == 1250000
        assert version.competent_agency is not None
        agency_now = getattr(version.competent_agency, catalogue.AGENCY_NOW)
        assert agency_now[0].name == "UBND xã Đông Sơn"


# --- kiosk ------------------------------------------------------------------------


def test_kiosk_renders_without_navigation_and_rotates(
    client: Client, cat: Catalogue
) -> None:
    """Large type, no navbar or forms, a meta refresh to the next page and from the
    last page back to the first."""
    _many(10, cat.commune)  # 13 procedures: two pages of 8
    first = client.get(KIOSK)
    assert first.status_code == 200
    content = first.content.decode()
    assert 'http-equiv="refresh"' in content
    assert f'content="{catalogue.KIOSK_SECONDS};url=?page=2"' in content
    assert "navbar" not in content
    assert "<form" not in content
    assert "<script" not in content
    assert "style=" not in content
    assert len(first.context["page"].object_list) == catalogue.KIOSK_PAGE_SIZE
    last = client.get(KIOSK, {"page": 2})
    assert f'content="{catalogue.KIOSK_SECONDS};url=?page=1"' in last.content.decode()
    assert len(last.context["page"].object_list) == 5
    assert "Đăng ký khai sinh" in text(first)  # by name: among the first eight
    assert "1.250.000" in text(first)


def test_kiosk_with_an_empty_catalogue(client: Client) -> None:
    """No procedure yet: the screen still renders and refreshes to itself."""
    response = client.get(KIOSK)
    assert response.status_code == 200
    assert "url=?page=1" in response.content.decode()


def test_navbar_links_to_the_catalogue(client: Client) -> None:
    """Everyone, signed in or not, finds the catalogue in the navigation."""
    content = client.get(reverse("portal:dossier-lookup")).content.decode()
    assert f'href="{LIST}"' in content


def test_pages_refuse_post(client: Client, cat: Catalogue) -> None:
    for url in (LIST, KIOSK, detail_url(cat.birth.pk)):
        assert client.post(url).status_code == 405
