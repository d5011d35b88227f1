"""The public view of a dossier: the right facts, nothing private, three queries."""

from __future__ import annotations

import pytest

from congso.dossiers.constants import DossierStatus, Timeliness
from congso.dossiers.tests.factories import at
from congso.portal.selectors import dossier_lookup_get, mask_name
from congso.portal.tests.conftest import (
    MASKED,
    REFUSAL_NOTE,
    SUPPLEMENT_NOTE,
    SUPPLEMENT_TEXT,
    Lookup,
    secrets_of,
)

pytestmark = pytest.mark.django_db

CENTRE = "Trung tâm Phục vụ hành chính công phường Phong Điền"
OFFICE = "Phòng Văn hóa – Xã hội"
COMMUNE = "UBND phường Phong Điền"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V** A*"),
        ("Phạm Thị Thu Hường", "Phạm T** T** H****"),
        ("  Lê   Bình ", "Lê B***"),
        ("Hùng", "H***"),
        ("Nguye\u0302\u0303n Va\u0306n An", "Nguyễn V** A*"),  # NFD input
        ("", ""),
    ],
)
def test_mask_name_keeps_the_family_name_and_initials(name: str, masked: str) -> None:
    """Every word after the first is cut to its initial; one word keeps its initial."""
    assert mask_name(name) == masked


def test_waiting_dossier_shows_where_it_is_and_why(lookup: Lookup) -> None:
    """Awaiting a supplement: status, units, dates, the catalogue reason with the
    officer's words, steps with the current one, and the history in order."""
    public = dossier_lookup_get(code=lookup.waiting.code)
    assert public is not None
    assert public.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert public.procedure == "Đăng ký khai sinh"
    assert public.applicant == MASKED
    assert (public.receiving_agency, public.current_agency) == (CENTRE, OFFICE)
    assert public.received_at == at(2, 3, 9)
    assert public.due_at == lookup.waiting.due_at
    assert public.first_due_at is None
    assert public.finished_at is None
    assert public.timeliness == Timeliness.WITHIN_DEADLINE
    assert public.reason == f"{SUPPLEMENT_TEXT}: {SUPPLEMENT_NOTE}"
    assert [(s.order, s.agency, s.is_current) for s in public.steps] == [
        (1, CENTRE, False),
        (2, OFFICE, True),
        (3, COMMUNE, False),
    ]
    assert public.steps[0].result == Timeliness.EARLY
    assert [e.action for e in public.history] == [
        "receive",
        "forward",
        "request_supplement",
    ]
    assert [e.reason for e in public.history] == ["", "", public.reason]


def test_returned_dossier_shows_the_new_date_and_the_outcome(lookup: Lookup) -> None:
    """After an apology the first appointment is kept beside the new one; finished
    before the first appointment it counts early; no unit holds it any more."""
    public = dossier_lookup_get(code=lookup.returned.code)
    assert public is not None
    assert public.status == DossierStatus.RETURNED
    assert public.current_agency == ""
    assert public.due_at == at(9, 3, 16)
    assert public.first_due_at == lookup.returned.original_due_at
    assert public.first_due_at is not None
    assert public.first_due_at < public.due_at
    assert (public.finished_at, public.returned_at) == (at(3, 3, 11), at(3, 3, 14))
    assert public.timeliness == Timeliness.EARLY
    apology = next(e for e in public.history if e.action == "apologise")
    assert apology.new_due_at == at(9, 3, 16)
    assert all(s.result is not None and not s.is_current for s in public.steps)
    assert public.reason == ""


def test_refusal_reason_in_words_is_shown(lookup: Lookup) -> None:
    """A refusal without a catalogue code shows the officer's words as the reason."""
    public = dossier_lookup_get(code=lookup.refused.code)
    assert public is not None
    assert public.status == DossierStatus.REFUSED
    assert public.reason == REFUSAL_NOTE
    assert public.history[-1].reason == REFUSAL_NOTE


def test_no_private_field_reaches_the_public_view(lookup: Lookup) -> None:
    """Personal ID, phone, address, full name, internal notes and officials' names
    appear nowhere in what the selector returns."""
    for dossier in (lookup.waiting, lookup.returned, lookup.refused):
        text = repr(dossier_lookup_get(code=dossier.code))
        leaked = [secret for secret in secrets_of(lookup) if secret in text]
        assert leaked == []


def test_code_is_found_in_any_case_and_unknown_codes_are_none(lookup: Lookup) -> None:
    """Citizens type codes in lower case; a code nobody was given is None."""
    found = dossier_lookup_get(code=lookup.waiting.code.lower())
    assert found is not None
    assert found.code == lookup.waiting.code
    assert dossier_lookup_get(code="H57.10.01-260302-9999") is None


def test_query_count_is_constant(lookup: Lookup, django_assert_num_queries) -> None:
    """Three queries for a dossier with 3 events and for one with 6, and one for an
    unknown code (the dossier query only)."""
    assert len(lookup.returned.events.all()) > len(lookup.refused.events.all())
    for dossier in (lookup.refused, lookup.returned):
        with django_assert_num_queries(3):
            dossier_lookup_get(code=dossier.code)
    with django_assert_num_queries(1):
        dossier_lookup_get(code="H57.10.01-260302-9999")
