"""The public lookup page: anonymous, in the site layout, friendly on unknown and
malformed codes, and with nothing private in the HTML."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from congso.portal.forms import INVALID_CODE
from congso.portal.tests.conftest import (
    MASKED,
    SUPPLEMENT_NOTE,
    SUPPLEMENT_TEXT,
    Lookup,
    secrets_of,
)

pytestmark = pytest.mark.django_db

FORM = reverse("portal:dossier-lookup")
TEMPLATE = "portal/dossier_lookup.html"


def result_url(code: str) -> str:
    return reverse("portal:dossier-lookup-result", args=[code])


def vi(msgid: str) -> str:
    """The message as the page shows it (Vietnamese once the catalogue has it)."""
    with translation.override("vi"):
        return html.escape(gettext(msgid))


def test_form_page_is_public_with_a_labelled_field(client) -> None:
    """Anonymous visitors get the form (no login redirect), its field labelled."""
    response = client.get(FORM)
    assert response.status_code == 200
    assert TEMPLATE in [t.name for t in response.templates]
    content = response.content.decode()
    assert (
        '<label class="form-label fw-semibold" for="id_ma">Mã hồ sơ</label>' in content
    )
    assert 'name="ma"' in content


def test_form_goes_on_to_the_clean_result_url(client, lookup: Lookup) -> None:
    """``?ma=`` with blanks around the code redirects to /tra-cuu/<code>/."""
    code = lookup.waiting.code
    response = client.get(FORM, {"ma": f"  {code} "})
    assert response.status_code == 302
    assert response["Location"] == result_url(code)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("typed", ["", "abc", "H57 10.01-260302-0001", "Hồ-sơ-001"])
def test_form_rejects_what_cannot_be_a_code(client, typed: str) -> None:
    """Empty or malformed input: 400, the form again with the error tied to it."""
    response = client.get(FORM, {"ma": typed})
    assert response.status_code == 400
    content = response.content.decode()
    expected = vi("Enter the dossier code.") if not typed else vi(str(INVALID_CODE))
    assert expected in content
    assert 'aria-invalid="true"' in content


def test_result_page_shows_the_public_facts(client, lookup: Lookup) -> None:
    """Status, procedure, masked applicant, units, dates, timeliness, the reason
    for the supplement and the steps, in Vietnamese, for an anonymous visitor."""
    response = client.get(result_url(lookup.waiting.code))
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    for expected in [
        lookup.waiting.code,
        "Chờ bổ sung",
        "Đăng ký khai sinh",
        MASKED,
        "Trung tâm Phục vụ hành chính công phường Phong Điền",
        "Phòng Văn hóa – Xã hội",
        "02/03/2026 09:00",
        "06/03/2026 17:00",
        "Trong hạn",
        "Trước hạn",
        f"{SUPPLEMENT_TEXT}: {SUPPLEMENT_NOTE}",
        'aria-current="step"',
    ]:
        assert expected in content, expected


def test_result_page_shows_the_new_appointment(client, lookup: Lookup) -> None:
    """After an apology both appointments appear, the first one struck through."""
    content = client.get(result_url(lookup.returned.code)).content.decode()
    assert "<s>06/03/2026 17:00</s>" in content
    assert "09/03/2026 16:00" in content
    assert "Đã trả kết quả" in content


def test_result_page_leaks_nothing_private(client, lookup: Lookup) -> None:
    """No full name, personal ID, phone, address, internal note or official's name
    in any of the pages."""
    for dossier in (lookup.waiting, lookup.returned, lookup.refused):
        response = client.get(result_url(dossier.code))
        assert response.status_code == 200
        content = html.unescape(response.content.decode())
        assert [secret for secret in secrets_of(lookup) if secret in content] == []


def test_signed_in_official_gets_the_same_public_page(client, lookup: Lookup) -> None:
    """Signing in adds nothing: an official of another agency sees no more."""
    client.force_login(lookup.one_stop.users["land"])
    content = html.unescape(
        client.get(result_url(lookup.returned.code)).content.decode()
    )
    assert MASKED in content
    hidden = [
        s
        for s in secrets_of(lookup)
        if s != lookup.one_stop.users["land"].get_full_name()
    ]
    assert [secret for secret in hidden if secret in content] == []


def test_result_page_is_neither_cached_nor_indexed(client, lookup: Lookup) -> None:
    response = client.get(result_url(lookup.waiting.code))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_unknown_code_is_a_friendly_404_in_the_layout(client, lookup: Lookup) -> None:
    """404 with the lookup page (form filled in, explanation), not the error page."""
    code = "H57.10.01-260302-0042"
    response = client.get(result_url(code))
    assert response.status_code == 404
    names = [t.name for t in response.templates]
    assert TEMPLATE in names
    assert "errors/error.html" not in names
    content = response.content.decode()
    assert f'value="{code}"' in content
    assert vi("Dossier not found") in content
    assert 'id="main"' in content


@pytest.mark.parametrize(
    "code",
    ["abc", "H57.10.01 260302", "x" * 61, "-H57.10.01-260302-0001", "mã-số-0001"],
)
def test_malformed_code_is_a_400_with_the_reason(client, code: str) -> None:
    response = client.get(result_url(code))
    assert response.status_code == 400
    assert vi(str(INVALID_CODE)) in response.content.decode()


def test_page_query_count_is_constant(client, lookup: Lookup) -> None:
    """One query on the read model, whatever the history's length."""
    counts = []
    for dossier in (lookup.refused, lookup.returned):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(result_url(dossier.code)).status_code == 200
        counts.append(len(queries))
    assert counts == [1, 1]


def test_pages_speak_vietnamese(client, lookup: Lookup) -> None:
    """Headings, history and messages in Vietnamese (needs the portal_lookup
    translations merged into the project catalogue and compiled)."""
    found = html.unescape(client.get(result_url(lookup.returned.code)).content.decode())
    for phrase in [
        "Tra cứu hồ sơ",
        "Các bước xử lý",
        "Đã chuyển sang bước tiếp theo",
        "Ngày hẹn trả mới (sau văn bản xin lỗi)",
        "Tiến độ giải quyết",
    ]:
        assert phrase in found, phrase
    missing = client.get(result_url("H57.10.01-260302-0042")).content.decode()
    assert "Không tìm thấy hồ sơ" in missing
    empty = client.get(FORM, {"ma": ""}).content.decode()
    assert "Vui lòng nhập mã hồ sơ." in empty
