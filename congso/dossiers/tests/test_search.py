"""Search by code, applicant name (ignoring diacritics) or personal ID, scoped."""

from __future__ import annotations

import pytest

from congso.dossiers.selectors import Queue
from congso.dossiers.tests.factories import OneStop, at, receive, three_steps
from congso.dossiers.tests.test_queues import codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(one_stop: OneStop):
    version = three_steps(one_stop)
    an = receive(one_stop, version, at(2, 3, 9))
    dung = receive(
        one_stop,
        version,
        at(2, 3, 10),
        name="Trần Thị Đông",
        personal_id="001190000777",
    )
    return an, dung


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("nguyen van an", "an"),
        ("NGUYỄN VĂN AN", "an"),
        ("  van   an ", "an"),
        ("dong", "dung"),
        ("Đông", "dung"),
        ("001190000777", "dung"),
    ],
)
def test_search_by_name_or_personal_id(one_stop: OneStop, two, query, who):
    """Names match without diacritics or case (đ → d); IDs match exactly."""
    an, dung = two
    expected = {"an": an.code, "dung": dung.code}[who]
    assert codes(one_stop.users["reception"], Queue.ALL, at(3, 3, 9), query) == {
        expected
    }


def test_search_by_code_in_any_case(one_stop: OneStop, two):
    an, _ = two
    found = codes(one_stop.users["reception"], Queue.ALL, at(3, 3, 9), an.code.lower())
    assert found == {an.code}


@pytest.mark.parametrize(
    "query", ["%", "_", "an%' OR 1=1 --", '"nguyen" & !van | an:*', "\\", "(*)"]
)
def test_special_characters_are_plain_text(one_stop: OneStop, two, query):
    """LIKE wildcards and FTS operators find nothing and raise nothing."""
    assert codes(one_stop.users["reception"], Queue.ALL, at(3, 3, 9), query) == set()


def test_search_stays_within_the_official_scope(one_stop: OneStop, two):
    """Another commune's desk finds nothing, even by exact code or ID."""
    an, _ = two
    other = one_stop.users["other_reception"]
    for query in (an.code, an.personal_id, "nguyen van an"):
        assert codes(other, Queue.ALL, at(3, 3, 9), query) == set()
