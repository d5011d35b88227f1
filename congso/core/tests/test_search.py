"""Search contract: the same tests run on SQLite (FTS5) and PostgreSQL (tsvector).

Each test writes entries through ``search_entry_upsert`` and reads through
``search_run`` only, so both backends must behave alike."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.core.models import SearchEntry
from congso.core.search import selectors
from congso.core.search.selectors import SearchInputError, SearchResult, search_run
from congso.core.search.services import search_entry_delete, search_entry_upsert

pytestmark = pytest.mark.django_db

AGENCY = 1
_serial = iter(range(1, 10**6))


def entry(**fields: Any) -> str:
    """Index one entry (defaults: agency 1, public) and return its object id."""
    object_id = str(fields.pop("object_id", next(_serial)))
    values: dict[str, Any] = {
        "object_type": "documents.incoming",
        "object_id": object_id,
        "agency_id": AGENCY,
        "restricted": False,
        "kind": "decision",
        "status": "registered",
        "issuer": "UBND xã Phong Điền",
        "doc_date": date(2025, 3, 1),
        "number": "",
        "title": "",
        "body": "",
    }
    values.update(fields)
    search_entry_upsert(**values)
    return object_id


def run(text: str, **kwargs: Any) -> SearchResult:
    kwargs.setdefault("object_types", None)
    kwargs.setdefault("agency_ids", [AGENCY])
    kwargs.setdefault("allowed_restricted", None)
    return search_run(text=text, **kwargs)


def ids(result: SearchResult) -> list[str]:
    return [hit.object_id for hit in result.hits]


# -- diacritics ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Quyết định về việc giao đất", "quyet dinh"),
        ("Quyết định về việc giao đất", "QUYẾT ĐỊNH"),
        ("Quyết định về việc giao đất", "Quyết Định"),
        ("Quyết định về việc giao đất", "quyết định"),
        ("Thực hiện QĐ của UBND tỉnh", "QD"),
        ("Thực hiện QĐ của UBND tỉnh", "qđ"),
        ("Thống kê đất đai năm 2025", "ĐẤT"),
        ("Thống kê đất đai năm 2025", "dat dai"),
        ("THỐNG KÊ ĐẤT ĐAI", "đất đai"),
        ("Hòa giải ở cơ sở", "hoà giải"),  # old tone placement typed
        ("Hoà giải ở cơ sở", "hòa giải"),  # new tone placement typed
        ("Chương trình khuyến nông", "chuong trinh"),
        ("Quyết định về việc giao đất", unicodedata.normalize("NFD", "quyết định")),
        (unicodedata.normalize("NFD", "Quyết định giao đất"), "quyết định"),
        ("ạửờổốồơảếượđƯỹỸ", "auoooooaeuoduyy"),
    ],
)
def test_diacritic_variants_find_the_entry(stored: str, typed: str) -> None:
    """Accents, đ/Đ, case, tone placement and NFD never hide an entry."""
    found = entry(title=stored)
    other = entry(title="Kế hoạch tuyên truyền pháp luật")
    result = run(typed)
    assert found in ids(result)
    assert other not in ids(result)


def test_body_and_issuer_are_searched() -> None:
    """Words of the body (e.g. recognised text) and of the issuer match too."""
    in_body = entry(
        title="Công văn", body="đề nghị hỗ trợ kinh phí sửa chữa trường học"
    )
    in_issuer = entry(title="Thông báo", issuer="Sở Giáo dục và Đào tạo")
    assert ids(run("sua chua truong hoc")) == [in_body]
    assert ids(run("giao duc dao tao")) == [in_issuer]


# -- words and phrases ---------------------------------------------------------------


def test_phrase_needs_adjacent_words_plain_words_do_not() -> None:
    """ "khai sinh" in quotes: the words side by side; without quotes: anywhere."""
    adjacent = entry(title="Đăng ký khai sinh cho trẻ em")
    apart = entry(title="Khai báo tạm trú", body="sinh hoạt tổ dân phố")
    assert set(ids(run("khai sinh"))) == {adjacent, apart}
    assert ids(run('"khai sinh"')) == [adjacent]
    assert ids(run("“khai sinh”")) == [adjacent]  # typographic quotes


def test_long_phrase_needs_its_words_in_order() -> None:
    """A three-word phrase is not found where its pairs occur apart."""
    exact = entry(title="Đăng ký khai sinh cho trẻ")
    pairs_apart = entry(title="Khai sinh con", body="sinh cho trẻ")
    assert ids(run('"khai sinh cho"')) == [exact]
    assert set(ids(run("khai sinh cho"))) == {exact, pairs_apart}


def test_every_word_must_match() -> None:
    both = entry(title="Cấp giấy phép xây dựng")
    one = entry(title="Cấp giấy chứng nhận")
    assert ids(run("giay phep")) == [both]
    assert one in ids(run("giay"))


def test_hyphenated_input_is_a_phrase() -> None:
    """ "giay-phep" matches "giấy phép" (adjacent), not the words apart."""
    adjacent = entry(title="Gia hạn giấy phép lái xe")
    apart = entry(title="Giấy mời họp", body="cấp phép")
    assert ids(run("giay-phep")) == [adjacent]
    assert apart in ids(run("giay phep"))


# -- number and symbol ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "05/QĐ-UBND",
        "05/qd-ubnd",
        "5/QĐ-UBND",
        "5/qđ-ubnd",
        "Số: 05/QĐ-UBND",
        "số 5/QD-UBND",
        "  05 / QĐ - UBND ",
        "05／QĐ–UBND",
        unicodedata.normalize("NFD", "05/QĐ-UBND"),
    ],
)
def test_number_and_symbol_in_every_spelling(typed: str) -> None:
    """The number/symbol key finds the entry whatever the spelling, first."""
    numbered = entry(number="05/QĐ-UBND", title="Về việc giao đất")
    entry(number="05/QĐ-UBND", title="Cùng số, cơ quan khác", agency_id=2)
    entry(number="15/QĐ-UBND", title="Về việc giao đất đợt 2")
    entry(number="05/KH-UBND", title="Kế hoạch")
    result = run(typed)
    assert result.hits
    assert result.hits[0].object_id == numbered
    assert result.hits[0].number_match
    assert [h.object_id for h in result.hits if h.number_match] == [numbered]


def test_number_match_ranks_before_text_mentions() -> None:
    """An entry numbered 12/QĐ-UBND comes before entries whose text cites it."""
    citing = entry(
        title="Thực hiện Quyết định số 12/QĐ-UBND về giao đất",
        doc_date=date(2025, 6, 1),
    )
    numbered = entry(
        number="12/QĐ-UBND", title="Về việc giao đất", doc_date=date(2024, 1, 1)
    )
    result = run("12/QĐ-UBND")
    assert ids(result) == [numbered, citing]
    assert [h.number_match for h in result.hits] == [True, False]


# -- ranking -------------------------------------------------------------------------


def test_title_hit_ranks_above_body_hit() -> None:
    in_body = entry(
        title="Công văn",
        body="đề nghị cấp kinh phí bồi thường",
        doc_date=date(2025, 5, 1),
    )
    in_title = entry(title="Bồi thường giải phóng mặt bằng", doc_date=date(2024, 1, 1))
    assert ids(run("boi thuong")) == [in_title, in_body]


def test_exact_diacritics_rank_above_folded_matches() -> None:
    """ "bán" typed: "bán" before "bạn"; "bạn" typed: the other way round.
    Unaccented input prefers neither (newest first)."""
    sell = entry(title="Bán nhà công vụ", doc_date=date(2024, 1, 1))
    friend = entry(title="Bạn đọc công vụ", doc_date=date(2025, 1, 1))
    assert ids(run("bán")) == [sell, friend]
    assert ids(run("bạn")) == [friend, sell]
    assert ids(run("ban")) == [friend, sell]


def test_newest_first_breaks_ties() -> None:
    old = entry(title="Kế hoạch phòng chống lụt bão", doc_date=date(2023, 5, 1))
    new = entry(title="Kế hoạch phòng chống lụt bão", doc_date=date(2025, 5, 1))
    undated = entry(title="Kế hoạch phòng chống lụt bão", doc_date=None)
    assert ids(run("lut bao")) == [new, old, undated]


# -- filters -------------------------------------------------------------------------


def test_filters_narrow_the_results() -> None:
    decision = entry(title="Quyết định khen thưởng", kind="decision", status="issued")
    plan = entry(
        title="Kế hoạch khen thưởng",
        kind="plan",
        status="draft",
        issuer="Sở Nội vụ tỉnh Huế",
        doc_date=date(2024, 12, 31),
        object_type="documents.outgoing",
    )
    assert ids(run("khen thuong", kind="plan")) == [plan]
    assert ids(run("khen thuong", status="issued")) == [decision]
    assert ids(run("khen thuong", issuer="so noi vu tinh HUẾ")) == [plan]
    assert ids(run("khen thuong", issuer="Sở Nội vụ")) == []  # the whole name
    assert ids(run("khen thuong", date_from=date(2025, 3, 1))) == [decision]
    assert ids(run("khen thuong", date_to=date(2024, 12, 31))) == [plan]
    assert ids(
        run("khen thuong", date_from=date(2024, 12, 31), date_to=date(2024, 12, 31))
    ) == [plan]
    assert ids(run("khen thuong", object_types=["documents.outgoing"])) == [plan]
    assert ids(run("khen thuong", object_types=[])) == []
    assert set(ids(run("khen thuong"))) == {decision, plan}


def test_dates_in_the_wrong_order_are_refused() -> None:
    with pytest.raises(SearchInputError):
        run("x", date_from=date(2025, 2, 1), date_to=date(2025, 1, 1))


def test_empty_text_lists_newest_first_with_filters() -> None:
    old = entry(title="A", doc_date=date(2023, 1, 1))
    undated = entry(title="B", doc_date=None)
    new = entry(title="C", doc_date=date(2025, 1, 1))
    entry(title="D", kind="plan", doc_date=date(2026, 1, 1))
    result = run("", kind="decision")
    assert ids(result) == [new, old, undated]
    assert (result.total, result.total_is_lower_bound) == (3, False)
    assert ids(run("  * ( ) : ", kind="decision")) == [new, old, undated]


# -- FTS syntax ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "giay-phep",
        "12/QD-UBND",
        "ho so:",
        '"',
        '""',
        '"khai',
        "(",
        "a)",
        "*",
        "dang*",
        "NEAR(a b)",
        "a AND b",
        "a OR b",
        "NOT a",
        "a + b",
        "-a",
        "^a",
        "title_folded:a",
        "{title_folded folded}: a",
        "'",
        "\\",
        "a'; DROP TABLE core_searchentry; --",
        "%_%",
        "&|!<->:*",
        "\x00a",
        "ä" * 600,
        "a " * 300,
    ],
)
def test_fts_syntax_characters_do_not_raise(typed: str) -> None:
    """User input is never read as FTS5 or tsquery syntax."""
    entry(title="Cấp giấy phép xây dựng", body="hồ sơ: 12/QĐ-UBND")
    result = run(typed)
    assert result.total >= 0


def test_operators_are_words() -> None:
    """ "AND", "NEAR" and "*" are no operators: "giay*" does not match "giấy"."""
    entry(title="Cấp giấy phép")
    assert ids(run("giay AND phep")) == []
    assert len(ids(run("giay* phep"))) == 1  # "*" is a separator


# -- scope ---------------------------------------------------------------------------


def test_restricted_entries_never_leak() -> None:
    """A restricted entry is neither returned nor counted unless allowed by name."""
    public = entry(title="Kế hoạch phòng thủ dân sự")
    secret = entry(title="Kế hoạch phòng thủ mật", restricted=True, number="01/KH-BCH")
    other_secret = entry(title="Kế hoạch phòng thủ khác", restricted=True)
    for text in ("phong thu", "01/KH-BCH", ""):
        result = run(text)
        assert secret not in ids(result)
        assert other_secret not in ids(result)
        assert result.total == len(ids(result))
    assert run("phong thu").total == 1
    assert run("").total == 1
    allowed = [("documents.incoming", secret)]
    result = run("phong thu", allowed_restricted=allowed)
    assert set(ids(result)) == {public, secret}
    assert result.total == 2
    assert ids(run("01/KH-BCH", allowed_restricted=allowed))[0] == secret
    assert run("", allowed_restricted=allowed).total == 2
    wrong_type = [("documents.outgoing", secret)]
    assert secret not in ids(run("phong thu", allowed_restricted=wrong_type))


def test_allow_list_does_not_cross_agencies() -> None:
    """An allowed restricted entry of another agency stays out of scope."""
    secret = entry(title="Phương án mật", restricted=True, agency_id=2)
    allowed = [("documents.incoming", secret)]
    assert ids(run("phuong an", allowed_restricted=allowed)) == []
    assert ids(run("phuong an", allowed_restricted=allowed, agency_ids=[2])) == [secret]


def test_agency_scope() -> None:
    mine = entry(title="Báo cáo kinh tế xã hội", agency_id=1)
    theirs = entry(title="Báo cáo kinh tế xã hội", agency_id=2)
    entry(title="Báo cáo kinh tế xã hội", agency_id=None)
    assert ids(run("bao cao")) == [mine]
    assert set(ids(run("bao cao", agency_ids=[1, 2]))) == {mine, theirs}
    assert ids(run("bao cao", agency_ids=[])) == []
    assert run("", agency_ids=[2]).total == 1
    assert ids(run("bao cao", agency_ids=list(range(2, 400)))) == [theirs]  # long list


# -- writes --------------------------------------------------------------------------


def test_upsert_rewrites_the_index() -> None:
    """After an upsert the old words no longer match; one row per object."""
    object_id = entry(title="Tờ trình xin chủ trương", number="03/TTr-UBND")
    entry(
        object_id=object_id, title="Báo cáo kết quả", number="04/BC-UBND", kind="report"
    )
    assert SearchEntry.objects.filter(object_id=object_id).count() == 1
    assert ids(run("chu truong")) == []
    assert ids(run("3/TTr-UBND")) == []
    assert ids(run("ket qua")) == [object_id]
    assert ids(run("4/BC-UBND")) == [object_id]
    assert run("ket qua").hits[0].kind == "report"


def test_delete_removes_the_entry() -> None:
    object_id = entry(title="Giấy mời dự hội nghị")
    assert search_entry_delete(object_type="documents.incoming", object_id=object_id)
    assert ids(run("hoi nghi")) == []
    assert run("").total == 0
    assert not search_entry_delete(
        object_type="documents.incoming", object_id=object_id
    )


# -- results -------------------------------------------------------------------------


def test_highlight_marks_original_text_and_escapes_html() -> None:
    entry(
        title="Quyết định <b>xử phạt</b> & nhắc nhở",
        body="Căn cứ Luật Xử lý vi phạm hành chính; "
        + "nội dung " * 100
        + "XỬ PHẠT <i>",
    )
    hit = run("xu phat").hits[0]
    assert hit.title_html == (
        "Quyết định &lt;b&gt;<mark>xử</mark> <mark>phạt</mark>&lt;/b&gt; &amp; nhắc nhở"
    )
    assert hit.snippet.startswith("Căn cứ Luật <mark>Xử</mark> lý")
    assert hit.snippet.endswith("…")
    assert "<i>" not in hit.snippet


def test_snippet_moves_to_the_first_match() -> None:
    entry(
        title="Công văn",
        body="mở đầu " * 200 + "trích dẫn Nghị định 100 " + "kết " * 50,
    )
    snippet = run("nghi dinh").hits[0].snippet
    assert snippet.startswith("…")
    assert "<mark>Nghị</mark> <mark>định</mark>" in snippet


def test_pages_and_totals() -> None:
    made = [
        entry(title=f"Thông báo lịch tiếp dân số {i}", doc_date=date(2025, 1, i + 1))
        for i in range(7)
    ]
    first = run("tiep dan", limit=3)
    second = run("tiep dan", limit=3, offset=3)
    assert ids(first) == made[::-1][:3]
    assert ids(second) == made[::-1][3:6]
    assert (first.total, first.total_is_lower_bound) == (7, False)


def test_window_caps_ranking_and_total(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the newest CANDIDATES matches (by date, then id) are ranked; the total
    says "at least"."""
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    oldest_best = entry(title="Lễ hội Điền Hương Điền Hương", doc_date=date(2024, 9, 1))
    newer = [
        entry(title="Lễ hội", body="Điền Hương", doc_date=date(2025, 1, 1))
        for _ in range(4)
    ]
    result = run("dien huong")
    assert (result.total, result.total_is_lower_bound) == (3, True)
    assert ids(result) == newer[::-1][:3]
    assert oldest_best not in ids(result)


def test_window_reaches_old_undated_and_future_entries() -> None:
    """However many newer entries there are, old, undated and future-dated
    matches are found (the window widens to everything)."""
    old = entry(
        title="Di tích lăng tẩm triều Nguyễn", kind="plan", doc_date=date(2019, 2, 1)
    )
    undated = entry(title="Lăng tẩm", kind="plan", doc_date=None)
    future = entry(title="Lăng tẩm", kind="plan", doc_date=date(2099, 1, 1))
    entry(title="Không liên quan", kind="plan", doc_date=date(2025, 12, 1))
    assert set(ids(run("lang tam"))) == {old, undated, future}
    assert ids(run('"lang tam"', kind="plan", date_to=date(2020, 1, 1))) == [old]
    assert ids(run("trieu nguyen", agency_ids=[AGENCY, 2])) == [old]
    assert ids(
        run("", kind="plan", date_from=date(2019, 1, 1), date_to=date(2019, 12, 31))
    ) == [old]


def test_window_holds_the_newest_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """With more matches than CANDIDATES, the window is the newest by date (then
    id), across months, quarters and years."""
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    made = [
        entry(title="Chương trình nông thôn mới", doc_date=day)
        for day in (
            None,
            date(2023, 1, 1),
            date(2025, 6, 1),
            date(2025, 11, 2),
            date(2025, 12, 10),
        )
    ]
    entry(title="Khác", doc_date=date(2025, 12, 20))
    entry(title="Chương trình nông thôn mới", doc_date=date(2025, 12, 30), agency_id=2)
    result = run("nong thon moi")
    assert (result.total, result.total_is_lower_bound) == (3, True)
    assert ids(result) == made[::-1][:3]
    page = run("", limit=2, offset=1)
    assert ids(page) == [made[4], made[3]]


def test_filter_keys_follow_updates() -> None:
    """Changing status, kind, agency or date by upsert moves the entry between
    filters (the index keys are rewritten with the row)."""
    object_id = entry(title="Tờ trình dự toán", status="draft", kind="submission")
    entry(
        object_id=object_id,
        title="Tờ trình dự toán",
        status="issued",
        kind="report",
        doc_date=date(2024, 2, 1),
    )
    assert ids(run("du toan", status="issued", kind="report")) == [object_id]
    assert ids(run("du toan", status="draft")) == []
    assert ids(run("du toan", kind="submission")) == []
    assert ids(
        run("du toan", date_from=date(2024, 2, 1), date_to=date(2024, 2, 29))
    ) == [object_id]
    assert (
        ids(run("du toan", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)))
        == []
    )
    entry(object_id=object_id, title="Tờ trình dự toán", agency_id=2)
    assert ids(run("du toan")) == []


def test_long_date_ranges_and_many_agencies_still_filter() -> None:
    """Ranges or lists too long for the index keys are checked on rows."""
    inside = entry(title="Quy hoạch chung", doc_date=date(2020, 6, 1))
    entry(title="Quy hoạch chung", doc_date=date(2026, 6, 1))
    wide = {"date_from": date(2019, 1, 1), "date_to": date(2025, 12, 31)}
    assert ids(run("quy hoach", **wide)) == [inside]
    assert ids(run("quy hoach", agency_ids=list(range(1, 500)), **wide)) == [inside]


def test_query_count_does_not_grow_with_hits(
    django_assert_num_queries: Any,
) -> None:
    """No query per hit: 1 hit or 20 take the same statements (here: the newest
    date, two window steps, the ranking read, the page read), and a search never
    takes more than a handful (PostgreSQL adds SET/RESET around each step)."""
    entry(title="Văn bản chỉ đạo điều hành", doc_date=None)
    with CaptureQueriesContext(connection) as one:
        assert len(run("chi dao").hits) == 1
    for _ in range(19):
        entry(title="Văn bản chỉ đạo điều hành", doc_date=None)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(run("chi dao").hits) == 20
    with CaptureQueriesContext(connection) as most:
        run("05/QĐ-UBND chi dao", allowed_restricted=[("documents.incoming", "1")])
    steps = [
        q for q in most.captured_queries if not q["sql"].startswith(("SET", "RESET"))
    ]
    assert len(steps) <= 9


def test_odd_text_is_indexed_the_same_on_both_databases() -> None:
    """Dots, hyphens, slashes, e-mail and web addresses split into words the same
    way on both backends (PostgreSQL's parser would keep "ubnd.gov.vn" whole)."""
    found = entry(
        title="Hộp thư vanthu@phongdien.gov.vn",
        body="ubnd.thuathienhue.gov.vn 1.234,5 H57.01-250302 C:/ho_so/2025 v2.0",
    )
    for typed in (
        "phongdien",
        "thuathienhue",
        "234",
        "250302",
        "ho so",
        "2025",
        "v2",
        "H57",
    ):
        assert ids(run(typed)) == [found], typed


def test_search_leaves_the_connection_settings_alone() -> None:
    """The PostgreSQL backend turns plan settings off for its own statements only;
    the caller's next statement, in the same transaction, plans as usual."""
    entry(title="Hồ sơ lưu trữ")
    assert ids(run("ho so"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone()[0] == "on"
