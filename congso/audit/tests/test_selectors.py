import datetime as dt

import pytest
import time_machine

from congso.audit.selectors import (
    audit_event_list_for_agency,
    audit_event_list_for_object,
)


@pytest.mark.django_db
def test_list_for_agency_is_scoped_and_newest_first(record):
    """Only the given agencies' events, newest first, filtered as asked."""
    record(agency_id=1, agency_label="A", event_type="dossiers.dossier.received")
    record(agency_id=2, agency_label="B", event_type="dossiers.dossier.received")
    third = record(agency_id=1, agency_label="A", event_type="accounts.user.created")
    events = audit_event_list_for_agency(agency_ids=[1])
    assert [e.seq for e in events] == [3, 1]
    assert [e.seq for e in audit_event_list_for_agency(agency_ids=[1, 2])] == [3, 2, 1]
    assert list(audit_event_list_for_agency(agency_ids=[])) == []
    by_type = audit_event_list_for_agency(agency_ids=[1], event_type="accounts.")
    assert list(by_type) == [third]


@pytest.mark.django_db
def test_list_for_agency_filters_by_time(record):
    """``occurred_from`` is inclusive and ``occurred_to`` exclusive."""
    base = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
    for hours in (0, 1, 2):
        with time_machine.travel(base + dt.timedelta(hours=hours), tick=False):
            record(agency_id=1)
    events = audit_event_list_for_agency(
        agency_ids=[1],
        occurred_from=base + dt.timedelta(hours=1),
        occurred_to=base + dt.timedelta(hours=2),
    )
    assert [e.seq for e in events] == [2]


@pytest.mark.django_db
def test_list_for_object(record, official):
    """Events about one object, newest first."""
    record(obj=official)
    record(object_type="calendar.year", object_id="2026")
    record(obj=official, event_type="accounts.user.locked")
    events = audit_event_list_for_object(
        object_type="accounts.user", object_id=official.pk
    )
    assert [e.seq for e in events] == [3, 1]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 20])
def test_selectors_run_one_query(record, django_assert_num_queries, rows):
    """Listing costs one query whatever the number of rows."""
    for _ in range(rows):
        record(agency_id=1, object_type="calendar.year", object_id="2026")
    with django_assert_num_queries(1):
        assert len(list(audit_event_list_for_agency(agency_ids=[1]))) == rows
    with django_assert_num_queries(1):
        events = audit_event_list_for_object(
            object_type="calendar.year", object_id=2026
        )
        assert len(list(events)) == rows
