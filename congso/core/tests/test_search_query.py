"""Pure parts of search: folding, number keys, the query parser, highlighting."""

from __future__ import annotations

import html
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.core.search.base import periods
from congso.core.search.highlight import highlight
from congso.core.search.query import (
    MAX_INDEXED_WORDS,
    MAX_QUERY_PARTS,
    ParsedQuery,
    exact_counter,
    fold,
    index_text,
    looks_like_number,
    number_key,
    parse_query,
    ranker,
    words,
)
from congso.core.text import fold_vi, nfc

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
vietnamese_text = st.text(
    alphabet=st.sampled_from(
        VIETNAMESE + VIETNAMESE.upper() + " .,;:/-()\"'0123456789"
    ),
    max_size=80,
)


# -- folding -------------------------------------------------------------------------


@given(vietnamese_text)
def test_fold_is_fold_vi_for_vietnamese(text: str) -> None:
    assert fold(text) == fold_vi(text)


@given(st.text(max_size=60))
def test_fold_keeps_offsets(text: str) -> None:
    """One folded character per NFC character, whatever the script."""
    assert len(fold(text)) == len(nfc(text))


def test_fold_handles_nfd_and_d_stroke() -> None:
    assert fold(unicodedata.normalize("NFD", "Quyết Định ĐẤT")) == "quyet dinh dat"
    assert fold("Hoà") == fold("Hòa") == "hoa"


def test_words_split_on_everything_but_letters_and_digits() -> None:
    assert words("Số: 05/QĐ-UBND, ubnd.gov.vn_x") == [
        "so",
        "05",
        "qd",
        "ubnd",
        "ubnd",
        "gov",
        "vn",
        "x",
    ]


def test_index_text_is_words_joined_by_spaces_and_capped() -> None:
    assert index_text("Quyết định", "số 05/QĐ") == "quyet dinh so 05 qd"
    long = " ".join(["chữ"] * (MAX_INDEXED_WORDS + 50))
    assert len(index_text(long).split()) == MAX_INDEXED_WORDS


# -- number and symbol ---------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "05/QĐ-UBND",
        "5/QĐ-UBND",
        "05/qd-ubnd",
        "005/Qđ-Ubnd",
        "Số: 05/QĐ-UBND",
        "số 05/QĐ-UBND",
        "So 5/QD-UBND",
        "05 / QĐ – UBND",
        "05／QĐ—UBND",
        "05/QĐ_UBND.",
        unicodedata.normalize("NFD", "05/QĐ-UBND"),
    ],
)
def test_number_key_spellings_agree(spelling: str) -> None:
    assert number_key(spelling) == "5/QD-UBND"


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("15/QĐ-UBND", "15/QD-UBND"),
        ("05/KH-UBND", "5/KH-UBND"),
        ("12/2024/NĐ-CP", "12/2024/ND-CP"),
        ("05/2020/TT-BNV", "5/2020/TT-BNV"),
        ("123/UBND-VP", "123/UBND-VP"),
        ("10/QĐ-UBND", "10/QD-UBND"),  # inner zeros stay
        ("100/QĐ", "100/QD"),
        ("0/QĐ", "0/QD"),
        ("QĐ01/UBND", "QD01/UBND"),  # digits glued to letters keep their zeros
        ("", ""),
        (" /-. ", ""),
    ],
)
def test_number_key_values(number: str, key: str) -> None:
    assert number_key(number) == key


def test_looks_like_number() -> None:
    assert looks_like_number("12/QĐ-UBND")
    assert looks_like_number("12／2024")
    assert not looks_like_number("QĐ-UBND")
    assert not looks_like_number("V/v")
    assert not looks_like_number("2024")


# -- query parser --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("quyet dinh", ParsedQuery(terms=("quyet", "dinh"))),
        ('"khai sinh"', ParsedQuery(phrases=(("khai", "sinh"),))),
        (
            "“khai sinh” hộ",
            ParsedQuery(
                terms=("ho",), phrases=(("khai", "sinh"),), exact_words=("hộ",)
            ),
        ),
        ("giay-phep", ParsedQuery(phrases=(("giay", "phep"),))),
        ("ho so:", ParsedQuery(terms=("ho", "so"))),
        ('"unpaired', ParsedQuery(terms=("unpaired",))),
        ("(NEAR AND *)", ParsedQuery(terms=("near", "and"))),
        ("dang*", ParsedQuery(terms=("dang",))),
        ("", ParsedQuery()),
        ('"" ( ) * : -', ParsedQuery()),
        (
            "12/QD-UBND",
            ParsedQuery(number_keys=("12/QD-UBND",), phrases=(("12", "qd", "ubnd"),)),
        ),
        (
            "Số: 05/QĐ-UBND",
            ParsedQuery(
                number_keys=("5/QD-UBND",),
                phrases=(("05", "qd", "ubnd"),),
                exact_words=("số", "qđ"),
            ),
        ),
        (
            "5 / QĐ - UBND",
            ParsedQuery(
                number_keys=("5/QD-UBND",),
                phrases=(("5", "qd", "ubnd"),),
                exact_words=("qđ",),
            ),
        ),
        (
            "Huế - Đà Nẵng",
            ParsedQuery(terms=("hue", "da", "nang"), exact_words=("huế", "đà", "nẵng")),
        ),
        ('khai "khai sinh"', ParsedQuery(phrases=(("khai", "sinh"),))),
        ("ban ban BAN", ParsedQuery(terms=("ban",))),
    ],
)
def test_parse_query(typed: str, expected: ParsedQuery) -> None:
    assert parse_query(typed) == expected


def test_parse_query_caps_the_parts() -> None:
    query = parse_query(" ".join(f"tu{i}" for i in range(30)))
    assert len(query.terms) + len(query.phrases) == MAX_QUERY_PARTS


@given(st.text(max_size=200))
def test_parse_query_yields_only_words(typed: str) -> None:
    """Whatever is typed, terms and phrases hold folded letters and digits only."""
    query = parse_query(typed)
    for word in query.all_words:
        assert word
        assert all(c.isalnum() for c in word)
        assert fold(word) == word


def test_exact_counter_counts_whole_accented_words() -> None:
    count = exact_counter(parse_query("bán đất"))
    assert count is not None
    assert count("Bán đấu giá quyền sử dụng ĐẤT") == 2
    assert count("Bánh và bạn") == 0  # "bán" inside "bánh" is no whole word
    assert count("bạn đất") == 1
    assert exact_counter(parse_query("ban dat")) is None


# -- highlighting --------------------------------------------------------------------


@given(
    st.text(max_size=120),
    st.lists(st.sampled_from(["a", "dat", "qd", "1"]), max_size=3),
)
def test_highlight_is_escaped_original_text(text: str, marked: list[str]) -> None:
    """Without the marks and unescaped, the fragment is the original NFC text."""
    result = highlight(text, marked)
    plain = str(result).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in plain
    assert html.unescape(plain) == nfc(text)


def test_highlight_marks_accented_originals() -> None:
    assert highlight("ĐẤT đai & <đất>", ["dat"]) == (
        "<mark>ĐẤT</mark> đai &amp; &lt;<mark>đất</mark>&gt;"
    )
    assert highlight("Đất đai", []) == "Đất đai"


def test_highlight_fragment() -> None:
    text = "mở đầu " * 100 + "Nghị định số 30" + " kết thúc" * 100
    fragment = highlight(text, ["nghi", "dinh"], width=80)
    assert fragment.startswith("…")
    assert fragment.endswith("…")
    assert "<mark>Nghị</mark> <mark>định</mark>" in fragment
    assert (
        len(html.unescape(fragment.replace("<mark>", "").replace("</mark>", ""))) < 110
    )
    assert highlight("ngắn gọn", ["khac"], width=80) == "ngắn gọn"


# -- ranking and periods -------------------------------------------------------------


def test_ranker_weighs_title_frequency_and_length() -> None:
    rank = ranker(parse_query("khai sinh"))
    in_title = rank("dang ky khai sinh", "dang ky khai sinh cho tre")
    in_body = rank("cong van", "cong van dang ky khai sinh cho tre")
    twice = rank("cong van", "khai sinh va khai sinh cho tre em")
    long = rank("cong van", "khai sinh " + "chu " * 400)
    assert in_title > in_body > 0
    assert twice > in_body > long
    assert rank("khai", "khai") > 0
    assert ranker(parse_query('"khai sinh"'))("x", "sinh khai") == 0


@pytest.mark.parametrize(
    ("newest", "expected"),
    [
        (
            date(2025, 11, 20),
            [
                (("_m202511", "_m202510"), date(2025, 10, 1)),
                (("_q20254", "_q20253"), date(2025, 7, 1)),
                (("_y2025", "_y2024"), date(2024, 1, 1)),
            ],
        ),
        (
            date(2026, 1, 3),
            [
                (("_m202601", "_m202512"), date(2025, 12, 1)),
                (("_q20261", "_q20254"), date(2025, 10, 1)),
                (("_y2026", "_y2025"), date(2025, 1, 1)),
            ],
        ),
        (
            date(2025, 2, 3),
            [
                (("_m202502", "_m202501"), date(2025, 1, 1)),
                (("_q20251", "_q20244"), date(2024, 10, 1)),
                (("_y2025", "_y2024"), date(2024, 1, 1)),
            ],
        ),
    ],
)
def test_periods(newest: date, expected: list[tuple[tuple[str, ...], date]]) -> None:
    assert [(p.keys, p.start) for p in periods(newest)] == expected
