"""Number and symbol of documents (NĐ 30/2020 Phụ lục I, II.3): built, checked and
read back by congso.documents.notation, table-driven. No database."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from congso.documents.constants import COPY_FORMS, DOCUMENT_TYPES, DocumentType
from congso.documents.notation import (
    ParsedNotation,
    SymbolInvalidError,
    build_copy_notation,
    build_notation,
    build_symbol,
    format_number,
    parse_notation,
    validate_symbol,
)

T = DocumentType
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "01"),
        (5, "05"),
        (9, "09"),
        (10, "10"),
        (99, "99"),
        (100, "100"),
        (1234, "1234"),
    ],
)
def test_numbers_below_ten_take_a_leading_zero(n, text):
    assert format_number(n) == text


@pytest.mark.parametrize("n", [0, -1])
def test_numbers_start_at_one(n):
    with pytest.raises(ValueError, match="start at 1"):
        format_number(n)


@pytest.mark.parametrize("doc_type", list(DocumentType))
def test_every_type_has_its_symbol(doc_type):
    """Typed documents: the abbreviation exactly as listed (QyĐ, CTr, TTr, TTh),
    then the agency; công văn and thư công: agency then drafting unit."""
    abbreviation = DOCUMENT_TYPES[doc_type].abbreviation
    symbol = build_symbol(doc_type=doc_type, agency_abbr="UBND", unit_abbr="VP")
    assert symbol == (f"{abbreviation}-UBND" if abbreviation else "UBND-VP")


@pytest.mark.parametrize(
    ("options", "notation"),
    [
        ({"number": 15, "doc_type": T.DECISION, "agency_abbr": "UBND"}, "15/QĐ-UBND"),
        ({"number": 15, "doc_type": T.DECISION, "agency_abbr": "BNV"}, "15/QĐ-BNV"),
        (
            {
                "number": 5,
                "doc_type": T.OFFICIAL_LETTER,
                "agency_abbr": "UBND",
                "unit_abbr": "VP",
            },
            "05/UBND-VP",
        ),
        (
            {
                "number": 123,
                "doc_type": T.OFFICIAL_LETTER,
                "agency_abbr": "UBND",
                "unit_abbr": "VX",
            },
            "123/UBND-VX",
        ),
        (
            {
                "number": 1,
                "doc_type": T.PUBLIC_LETTER,
                "agency_abbr": "UBND",
                "unit_abbr": "VP",
            },
            "01/UBND-VP",
        ),
        (
            {
                "number": 12,
                "doc_type": T.DECISION,
                "agency_abbr": "UBND",
                "normative_year": 2025,
            },
            "12/2025/QĐ-UBND",
        ),
        (
            {
                "number": 1234,
                "doc_type": T.DECISION,
                "agency_abbr": "UBND",
                "normative_year": 2025,
            },
            "1234/2025/QĐ-UBND",
        ),
        ({"number": 3, "doc_type": T.REGULATION, "agency_abbr": "UBND"}, "03/QyĐ-UBND"),
        ({"number": 7, "doc_type": T.PROGRAMME, "agency_abbr": "UBND"}, "07/CTr-UBND"),
        ({"number": 8, "doc_type": T.SUBMISSION, "agency_abbr": "SNV"}, "08/TTr-SNV"),
        ({"number": 9, "doc_type": T.AGREEMENT, "agency_abbr": "UBND"}, "09/TTh-UBND"),
        ({"number": 21, "doc_type": T.SCHEME, "agency_abbr": "HĐND"}, "21/ĐA-HĐND"),
        # agency and unit are put in capitals, the type abbreviation is not touched
        (
            {
                "number": 4,
                "doc_type": T.OFFICIAL_LETTER,
                "agency_abbr": " ubnd ",
                "unit_abbr": "vhxh",
            },
            "04/UBND-VHXH",
        ),
        ({"number": 4, "doc_type": T.REGULATION, "agency_abbr": "snv"}, "04/QyĐ-SNV"),
        ({"number": 6, "doc_type": T.PLAN, "agency_abbr": "đhqg"}, "06/KH-ĐHQG"),
        # the Prime Minister's official abbreviation is mixed-case
        ({"number": 28, "doc_type": T.DECISION, "agency_abbr": "TTg"}, "28/QĐ-TTg"),
        # a typed document ignores the drafting unit
        (
            {
                "number": 15,
                "doc_type": T.DECISION,
                "agency_abbr": "UBND",
                "unit_abbr": "VP",
            },
            "15/QĐ-UBND",
        ),
    ],
)
def test_build_notation(options, notation):
    assert build_notation(**options) == notation
    parsed = parse_notation(notation)
    assert parsed is not None
    assert parsed.notation == notation


@pytest.mark.parametrize(
    ("copy_form", "notation"),
    [("SY", "05/SY-UBND"), ("TrS", "05/TrS-UBND"), ("SL", "05/SL-UBND")],
)
def test_copy_notation(copy_form, notation):
    assert (
        build_copy_notation(number=5, copy_form=copy_form, agency_abbr="ubnd")
        == notation
    )
    parsed = parse_notation(notation)
    assert parsed is not None
    assert (parsed.copy_form, parsed.type_abbreviation, parsed.doc_type) == (
        copy_form,
        copy_form,
        None,
    )
    assert set(COPY_FORMS) == {"SY", "TrS", "SL"}


def test_unknown_copy_form_is_a_programming_error():
    with pytest.raises(ValueError, match="copy form"):
        build_copy_notation(number=5, copy_form="SAO", agency_abbr="UBND")


@pytest.mark.parametrize(
    ("options", "code_part"),
    [
        ({"doc_type": T.OFFICIAL_LETTER, "agency_abbr": "UBND"}, "drafting unit"),
        (
            {"doc_type": T.PUBLIC_LETTER, "agency_abbr": "UBND", "unit_abbr": "  "},
            "drafting unit",
        ),
        ({"doc_type": T.DECISION, "agency_abbr": ""}, "issuing agency"),
        ({"doc_type": T.DECISION, "agency_abbr": "UB ND"}, "spaces"),
        ({"doc_type": T.DECISION, "agency_abbr": "UBND.VP"}, "hyphen"),
        ({"doc_type": T.DECISION, "agency_abbr": "UBND_VP"}, "hyphen"),
        (
            {"doc_type": T.OFFICIAL_LETTER, "agency_abbr": "UBND", "unit_abbr": "V/P"},
            "hyphen",
        ),
    ],
)
def test_build_refuses_bad_parts(options, code_part):
    with translation.override("en"), pytest.raises(SymbolInvalidError) as caught:
        build_symbol(**options)
    assert caught.value.code == "symbol_invalid"
    assert code_part in str(caught.value.message)


def test_official_letter_is_never_normative():
    with pytest.raises(ValueError, match="normative"):
        build_symbol(
            doc_type=T.OFFICIAL_LETTER,
            agency_abbr="UBND",
            unit_abbr="VP",
            normative_year=2025,
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Số: 15/QĐ-UBND",
            ParsedNotation(15, None, "QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        (
            "15/QĐ-UBND",
            ParsedNotation(15, None, "QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        (
            "số 15/QĐ-UBND.",
            ParsedNotation(15, None, "QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        (
            "SỐ:15/QĐ-UBND",
            ParsedNotation(15, None, "QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        ("05/UBND-VP", ParsedNotation(5, None, "UBND-VP", "", "UBND", unit="VP")),
        ("5/UBND-VP", ParsedNotation(5, None, "UBND-VP", "", "UBND", unit="VP")),
        ("123/UBND-VX", ParsedNotation(123, None, "UBND-VX", "", "UBND", unit="VX")),
        (
            "12/2025/QĐ-UBND",
            ParsedNotation(12, 2025, "2025/QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        ("30/2020/NĐ-CP", ParsedNotation(30, 2020, "2020/NĐ-CP", "NĐ", "CP")),
        ("33/2024/QH15", ParsedNotation(33, 2024, "2024/QH15", "", "QH15")),
        (
            "28/QĐ-TTg",
            ParsedNotation(28, None, "QĐ-TTg", "QĐ", "TTg", doc_type=T.DECISION),
        ),
        (
            "03/QyĐ-UBND",
            ParsedNotation(3, None, "QyĐ-UBND", "QyĐ", "UBND", doc_type=T.REGULATION),
        ),
        (
            "07/CTr-UBND",
            ParsedNotation(7, None, "CTr-UBND", "CTr", "UBND", doc_type=T.PROGRAMME),
        ),
        (
            "09/TTh-UBND",
            ParsedNotation(9, None, "TTh-UBND", "TTh", "UBND", doc_type=T.AGREEMENT),
        ),
        (
            "12/QĐ-ĐHQG-HCM",
            ParsedNotation(
                12, None, "QĐ-ĐHQG-HCM", "QĐ", "ĐHQG-HCM", doc_type=T.DECISION
            ),
        ),
        (
            "05/TrS-UBND",
            ParsedNotation(5, None, "TrS-UBND", "TrS", "UBND", copy_form="TrS"),
        ),
        # NFD input (decomposed tone marks) reads the same
        (
            "Số: 15/Q\u0110-UBND".replace("Số", "So\u0302\u0301"),
            ParsedNotation(15, None, "QĐ-UBND", "QĐ", "UBND", doc_type=T.DECISION),
        ),
        # all capitals: not the abbreviation of Chương trình, so a công văn of "CTR"
        ("07/CTR-UBND", ParsedNotation(7, None, "CTR-UBND", "", "CTR", unit="UBND")),
    ],
)
def test_parse_notation(text, expected):
    assert parse_notation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Số:",
        "15",
        "15/",
        "0/QĐ-UBND",
        "00/QĐ-UBND",
        "15 /QĐ-UBND",
        "15/ QĐ-UBND",
        "15/QĐ UBND",
        "15/QĐ - UBND",
        "15/QĐ--UBND",
        "15/QĐ–UBND",  # en dash
        "15/QĐ_UBND",
        "15/QĐ/UBND",
        "15/QĐ-ubnd",
        "15/Qđ-UBND",
        "15/UBND",
        "15/-UBND",
        "15/QĐ-",
        "QĐ-UBND",
        "Số 15/QĐ-UBND và 16/QĐ-UBND",
    ],
)
def test_parse_rejects_malformed_text(text):
    assert parse_notation(text) is None


@pytest.mark.parametrize(
    "symbol",
    [
        "QĐ-UBND",
        "UBND-VP",
        "QyĐ-UBND",
        "2025/QĐ-UBND",
        "2024/QH15",
        "QĐ-TTg",
        "BCĐ389-VP",
    ],
)
def test_valid_symbols(symbol):
    validate_symbol(symbol)


@pytest.mark.parametrize(
    ("symbol", "doc_type", "fragment"),
    [
        ("", None, "empty"),
        ("QĐ UBND", None, "spaces"),
        ("QĐ-UBND ", None, "spaces"),
        ("QĐ\u00a0-UBND", None, "spaces"),
        ("QĐ--UBND", None, "single hyphen"),
        ("QĐ–UBND", None, "single hyphen"),
        ("QĐ_UBND", None, "single hyphen"),
        ("QĐ.UBND", None, "single hyphen"),
        ("QĐ/UBND", None, "single hyphen"),
        ("-QĐ-UBND", None, "single hyphen"),
        ("UBND", None, "second group"),
        ("QĐ-ubnd", None, "capitals: “ubnd”"),
        ("UBND-vp", None, "capitals: “vp”"),
        ("Ubnd-VP", None, "capitals: “Ubnd”"),
        ("Qđ-UBND", None, "write “QĐ”"),
        ("Ctr-UBND", None, "write “CTr”"),
        ("QYĐ-UBND", T.REGULATION, "starts with “QyĐ”"),
        ("QĐ-UBND", T.PLAN, "starts with “KH”"),
    ],
)
def test_invalid_symbols(symbol, doc_type, fragment):
    with translation.override("en"), pytest.raises(SymbolInvalidError) as caught:
        validate_symbol(symbol, doc_type=doc_type)
    assert fragment in str(caught.value.message)
