"""``document_search``: the search index read with the documents' scope — the
agencies the official works in, and of the secret documents only those the
official may read — and the filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congso.accounts.tests.factories import official
from congso.documents.constants import (
    OBJECT_INCOMING,
    OBJECT_OUTGOING,
    DocumentType,
    HandlingRole,
    Secrecy,
)
from congso.documents.selectors.access import document_scope_get
from congso.documents.selectors.search import (
    DOCUMENT_TYPES,
    document_search,
    secret_allow_list,
)
from congso.documents.services.access import document_access_grant
from congso.documents.services.direction import UnitDirection, incoming_direct
from congso.documents.services.incoming import incoming_register
from congso.documents.services.outgoing import outgoing_create
from congso.documents.tests.factories import (
    Office,
    draft_data,
    incoming_data,
    register,
)

pytestmark = pytest.mark.django_db

SECRET_WORDS = "bao ve bi mat nha nuoc"


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _ids(office: Office, who: str, text: str = "", **filters: object) -> set[str]:
    result = document_search(
        user=office.users[who], on=timezone.localdate(), text=text, **filters
    )
    assert result.total == len(result.hits)  # nothing hidden is counted
    return {h.object_id for h in result.hits}


def _secret(office: Office, number_symbol: str = "07/BCA-A02"):
    return register(
        office,
        secrecy=Secrecy.SECRET,
        number_symbol=number_symbol,
        issuer_name="Công an thành phố Huế",
        subject="Về việc bảo vệ bí mật nhà nước năm 2026",
        issued_date=_days_ago(3),
    )


@pytest.fixture
def documents(office: Office):
    """An ordinary incoming document, a secret one and an ordinary draft."""
    ordinary = register(office, issued_date=_days_ago(2))
    secret = _secret(office)
    draft = outgoing_create(
        agency_id=office.ward.pk, data=draft_data(office), actor=office.users["clerk"]
    )
    return ordinary, secret, draft


@pytest.mark.parametrize("who", ["leader", "deputy", "clerk"])
def test_leaders_and_clerks_find_secret_documents(office, documents, who):
    ordinary, secret, draft = documents
    assert _ids(office, who) == {str(ordinary.pk), str(secret.pk), str(draft.pk)}
    assert _ids(office, who, SECRET_WORDS) == {str(secret.pk)}
    assert _ids(office, who, "07/bca-a02") == {str(secret.pk)}


@pytest.mark.parametrize(
    "who", ["specialist", "head", "office_head", "office_specialist"]
)
def test_other_officials_of_the_agency_do_not(office, documents, who):
    ordinary, _secret_doc, draft = documents
    assert _ids(office, who) == {str(ordinary.pk), str(draft.pk)}
    assert _ids(office, who, SECRET_WORDS) == set()
    assert _ids(office, who, "07/BCA-A02") == set()


@pytest.mark.parametrize("who", ["other_clerk", "other_leader"])
def test_another_agency_finds_none_of_them(office, documents, who):
    assert _ids(office, who) == set()
    assert _ids(office, who, "dai doan ket") == set()
    assert _ids(office, who, SECRET_WORDS) == set()


def test_an_official_without_an_agency_finds_nothing(office, documents):
    nobody = official("khongvaitro")
    result = document_search(user=nobody, on=timezone.localdate(), text="")
    assert (result.hits, result.total) == ((), 0)


def test_direction_grant_and_drafting_open_a_secret_document(office, documents):
    """The head of a directed unit, an official granted access by name, and the
    drafter of a secret draft find them; their colleagues do not."""
    _ordinary, secret, _draft = documents
    incoming_direct(
        document=secret,
        directions=[UnitDirection(office.culture.pk, HandlingRole.LEAD)],
        actor=office.users["leader"],
    )
    assert _ids(office, "head", SECRET_WORDS) == {str(secret.pk)}
    assert _ids(office, "office_head", SECRET_WORDS) == set()
    assert _ids(office, "specialist", SECRET_WORDS) == set()
    document_access_grant(
        document=secret, user=office.users["specialist"], actor=office.users["leader"]
    )
    assert _ids(office, "specialist", SECRET_WORDS) == {str(secret.pk)}

    draft = outgoing_create(
        agency_id=office.ward.pk,
        data=draft_data(
            office,
            secrecy=Secrecy.CONFIDENTIAL,
            subject="Kế hoạch mật",
            drafting_unit_id=office.office.pk,
        ),
        actor=office.users["office_specialist"],
    )
    assert _ids(office, "office_specialist", "ke hoach mat") == {str(draft.pk)}
    assert _ids(office, "specialist", "ke hoach mat") == set()
    assert _ids(office, "leader", "ke hoach mat") == {str(draft.pk)}


def test_allow_list_is_the_visible_secret_documents_of_own_agencies(office):
    secret = _secret(office)
    elsewhere = incoming_register(
        agency_id=office.other_ward.pk,
        data=incoming_data(secrecy=Secrecy.SECRET),
        files=[],
        actor=office.users["other_clerk"],
    )
    document_access_grant(
        document=elsewhere,
        user=office.users["leader"],
        actor=office.users["other_leader"],
    )
    scope = document_scope_get(user=office.users["leader"], on=timezone.localdate())
    assert secret_allow_list(scope) == [(OBJECT_INCOMING, str(secret.pk))]
    scope = document_scope_get(user=office.users["head"], on=timezone.localdate())
    assert secret_allow_list(scope) == []


def test_filters(office, documents):
    ordinary, secret, draft = documents
    notice = register(
        office,
        number_symbol="9/TB-SNV",
        doc_type=DocumentType.NOTICE,
        issuer_name="Sở Nội vụ",
        subject="Thông báo lịch tiếp công dân",
        issued_date=_days_ago(60),
    )
    assert _ids(office, "leader", object_type=OBJECT_OUTGOING) == {str(draft.pk)}
    assert _ids(office, "leader", object_type=OBJECT_INCOMING) == {
        str(ordinary.pk),
        str(secret.pk),
        str(notice.pk),
    }
    assert _ids(office, "leader", kind=DocumentType.NOTICE) == {str(notice.pk)}
    assert _ids(office, "leader", issuer="so noi VU") == {str(notice.pk)}
    assert _ids(office, "leader", status="draft") == {str(draft.pk)}
    old = _days_ago(30)
    assert _ids(office, "leader", date_to=old) == {str(notice.pk)}
    assert str(notice.pk) not in _ids(office, "leader", date_from=old)
    # Another object type of the index finds nothing rather than everything.
    assert _ids(office, "leader", object_type="dossiers.dossier") == set()
    assert set(DOCUMENT_TYPES) == {OBJECT_INCOMING, OBJECT_OUTGOING}


def test_paging(office):
    for i in range(5):
        register(office, number_symbol=f"{i + 1}/X")
    first = document_search(
        user=office.users["clerk"], on=timezone.localdate(), text="", limit=3
    )
    rest = document_search(
        user=office.users["clerk"], on=timezone.localdate(), text="", limit=3, offset=3
    )
    assert (first.total, len(first.hits), len(rest.hits)) == (5, 3, 2)
    assert not {h.object_id for h in first.hits} & {h.object_id for h in rest.hits}


def test_query_count_does_not_grow_with_secret_documents(
    office, django_assert_num_queries
):
    """The allow-list is two id queries whatever its length."""
    _secret(office)
    user = office.users["leader"]
    document_search(user=user, on=timezone.localdate(), text="bi mat")  # warm caches
    with CaptureQueriesContext(connection) as one:
        document_search(user=user, on=timezone.localdate(), text="bi mat")
    for i in range(20):
        _secret(office, number_symbol=f"{i + 10}/BCA")
    with django_assert_num_queries(len(one.captured_queries)):
        result = document_search(user=user, on=timezone.localdate(), text="bi mat")
    assert result.total == 21
