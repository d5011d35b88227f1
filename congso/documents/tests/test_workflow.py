"""The lifecycle tables: every pair outside them is refused, through the pure
functions and through the services, leaving no trace; random walks stay in the
known states."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.audit.models import AuditEvent
from congso.core.errors import ApplicationError
from congso.documents.constants import (
    IncomingAction,
    IncomingStatus,
    OutgoingAction,
    OutgoingStatus,
)
from congso.documents.models import DocumentEvent, IncomingDocument, OutgoingDocument
from congso.documents.services.incoming import (
    incoming_file,
    incoming_return,
    incoming_submit,
)
from congso.documents.services.issuance import outgoing_recall
from congso.documents.services.outgoing import outgoing_cancel, outgoing_submit
from congso.documents.tests.factories import draft_data, register
from congso.documents.workflow import (
    INCOMING_TRANSITIONS,
    OUTGOING_TRANSITIONS,
    TransitionNotAllowedError,
    incoming_actions,
    incoming_next,
    outgoing_actions,
    outgoing_next,
)


@pytest.mark.parametrize("status", list(IncomingStatus))
@pytest.mark.parametrize("action", list(IncomingAction))
def test_incoming_table(status, action):
    if (status, action) in INCOMING_TRANSITIONS:
        assert incoming_next(status, action) == INCOMING_TRANSITIONS[(status, action)]
    else:
        with pytest.raises(TransitionNotAllowedError):
            incoming_next(status, action)


@pytest.mark.parametrize("status", list(OutgoingStatus))
@pytest.mark.parametrize("action", list(OutgoingAction))
def test_outgoing_table(status, action):
    if (status, action) in OUTGOING_TRANSITIONS:
        assert outgoing_next(status, action) == OUTGOING_TRANSITIONS[(status, action)]
    else:
        with pytest.raises(TransitionNotAllowedError):
            outgoing_next(status, action)


def test_end_states_allow_nothing_but_a_recall():
    for status in (IncomingStatus.RETURNED, IncomingStatus.RECALLED):
        assert incoming_actions(status) == []
    for status in (
        OutgoingStatus.RECALLED,
        OutgoingStatus.REPLACED,
        OutgoingStatus.CANCELLED,
    ):
        assert outgoing_actions(status) == []
    assert incoming_actions(IncomingStatus.FILED) == [IncomingAction.RECALL]


@given(st.lists(st.sampled_from(list(OutgoingAction)), max_size=30))
def test_random_outgoing_walks_stay_in_known_states(actions):
    state = OutgoingStatus.DRAFT
    for action in actions:
        try:
            state = outgoing_next(state, action)
        except TransitionNotAllowedError:
            continue
        assert state in OutgoingStatus.values


INCOMING_STEPS = {
    IncomingAction.SUBMIT: lambda doc, users: incoming_submit(
        document=doc, actor=users["clerk"]
    ),
    IncomingAction.FILE: lambda doc, users: incoming_file(
        document=doc, actor=users["clerk"]
    ),
    IncomingAction.RETURN: lambda doc, users: incoming_return(
        document=doc, actor=users["clerk"], note="Gửi nhầm cơ quan"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(IncomingStatus))
@pytest.mark.parametrize("action", list(INCOMING_STEPS))
def test_incoming_services_refuse_pairs_outside_the_table(office, status, action):
    doc = register(office)
    IncomingDocument.objects.filter(pk=doc.pk).update(status=status)
    doc.refresh_from_db()
    before = (DocumentEvent.objects.count(), AuditEvent.objects.count())
    if (status, action) in INCOMING_TRANSITIONS:
        INCOMING_STEPS[action](doc, office.users)
        doc.refresh_from_db()
        assert doc.status == INCOMING_TRANSITIONS[(status, action)]
        return
    with pytest.raises(ApplicationError) as caught:
        INCOMING_STEPS[action](doc, office.users)
    assert caught.value.code == "transition_not_allowed"
    assert (DocumentEvent.objects.count(), AuditEvent.objects.count()) == before
    assert IncomingDocument.objects.get(pk=doc.pk).status == status


OUTGOING_STEPS = {
    OutgoingAction.SUBMIT: lambda doc, users: outgoing_submit(
        document=doc, reviewer_ids=[], actor=users["specialist"]
    ),
    OutgoingAction.CANCEL: lambda doc, users: outgoing_cancel(
        document=doc, actor=users["specialist"]
    ),
    OutgoingAction.RECALL: lambda doc, users: outgoing_recall(
        document=doc, actor=users["clerk"], reason="Sai nội dung"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [s for s in OutgoingStatus if s != OutgoingStatus.ISSUED]
)
@pytest.mark.parametrize("action", list(OUTGOING_STEPS))
def test_outgoing_services_refuse_pairs_outside_the_table(office, status, action):
    from congso.documents.services.outgoing import outgoing_create

    doc = outgoing_create(
        agency_id=office.ward.pk,
        data=draft_data(office),
        actor=office.users["specialist"],
    )
    OutgoingDocument.objects.filter(pk=doc.pk).update(status=status)
    doc.refresh_from_db()
    before = (DocumentEvent.objects.count(), AuditEvent.objects.count())
    if (status, action) in OUTGOING_TRANSITIONS:
        OUTGOING_STEPS[action](doc, office.users)
        return
    with pytest.raises(ApplicationError) as caught:
        OUTGOING_STEPS[action](doc, office.users)
    assert caught.value.code == "transition_not_allowed"
    assert (DocumentEvent.objects.count(), AuditEvent.objects.count()) == before
    assert OutgoingDocument.objects.get(pk=doc.pk).status == status
