"""The lifecycle table, over every (state, action) pair through the service:
pairs in the table succeed, every other pair is refused and leaves no trace; random
walks over the pure table stay in known states."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.audit.models import AuditEvent
from congso.feedback.constants import CITIZEN_ACTIONS, FeedbackStatus
from congso.feedback.constants import FeedbackAction as A
from congso.feedback.models import Feedback, FeedbackEvent
from congso.feedback.services import FeedbackError, feedback_transition
from congso.feedback.tests.factories import NOW, action_data, submit, walk
from congso.feedback.workflow import (
    TRANSITIONS,
    TransitionNotAllowedError,
    allowed_actions,
    next_status,
)

ACTIONS = [a for a in A if a != A.SUBMIT]
PAIRS = [(s, a) for s in FeedbackStatus for a in ACTIONS]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_every_state_and_action(one_stop, citizen, status, action):
    """In the table: the service reaches the table's state, with one event and
    one audit entry. Outside: refused with a Vietnamese message, nothing changes."""
    item = walk(one_stop, submit(one_stop, citizen), status)
    actor = citizen if action in CITIZEN_ACTIONS else one_stop.users["leader"]
    events, audits = FeedbackEvent.objects.count(), AuditEvent.objects.count()
    version = item.row_version
    call = {
        "feedback": item,
        "action": action,
        "actor": actor,
        "note": "Nội dung",
        "data": action_data(one_stop, action),
        "now": NOW,
    }
    if (status, action) in TRANSITIONS:
        changed = feedback_transition(**call)
        assert changed.status == TRANSITIONS[(status, action)]
        assert changed.row_version == version + 1
        assert FeedbackEvent.objects.count() == events + 1
        assert (
            AuditEvent.objects.filter(
                event_type__startswith="feedback.feedback."
            ).count()
            >= 2
        )
        return
    with pytest.raises(FeedbackError) as exc:
        feedback_transition(**call)
    assert exc.value.code == "transition_not_allowed"
    assert str(exc.value.message)
    assert (FeedbackEvent.objects.count(), AuditEvent.objects.count()) == (
        events,
        audits,
    )
    stored = Feedback.objects.get(pk=item.pk)
    assert (stored.status, stored.row_version) == (status, version)


def test_closed_states_allow_only_what_the_citizen_may_do():
    assert allowed_actions(FeedbackStatus.REFUSED) == []
    assert allowed_actions(FeedbackStatus.PUBLISHED) == [A.RERAISE]


@given(st.lists(st.sampled_from(ACTIONS), max_size=30))
def test_random_walks_stay_in_known_states(actions):
    state = FeedbackStatus.SUBMITTED
    for action in actions:
        try:
            state = next_status(state, action)
        except TransitionNotAllowedError:
            assert action not in allowed_actions(state)
        assert state in FeedbackStatus.values
