"""The lifecycle table: every pair outside it is refused through the service and
leaves no trace; random walks over the table never leave the known states."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.accounts.constants import Role
from congso.audit.models import AuditEvent
from congso.calendar.worktime import VN_TZ
from congso.core.errors import ApplicationError
from congso.dossiers.constants import TERMINAL_STATUSES, DossierAction, DossierStatus
from congso.dossiers.models import Dossier, DossierEvent
from congso.dossiers.services import dossier_receive, dossier_transition
from congso.dossiers.tests.factories import OneStop, build_procedure, reception
from congso.dossiers.workflow import (
    TRANSITIONS,
    TransitionNotAllowedError,
    allowed_actions,
    next_status,
)

NOW = datetime(2026, 3, 2, 9, tzinfo=VN_TZ)
FORBIDDEN = [
    (s, a)
    for s in DossierStatus
    for a in DossierAction
    if (s, a) not in TRANSITIONS and a != DossierAction.RECEIVE
]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), FORBIDDEN)
def test_pairs_outside_the_table_are_refused_without_trace(
    one_stop: OneStop, status, action
):
    version = build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Phê duyệt", Role.AGENCY_LEADER, one_stop.commune, 1, False),
        ]
    )
    d = dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version),
        actor=one_stop.users["reception"],
        now=NOW,
    )
    Dossier.objects.filter(pk=d.pk).update(status=status)
    events, audits = DossierEvent.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        dossier_transition(
            dossier=d,
            action=action,
            actor=one_stop.users["leader"],
            note="lý do",
            now=NOW,
        )
    assert exc.value.code == "transition_not_allowed"
    assert (DossierEvent.objects.count(), AuditEvent.objects.count()) == (
        events,
        audits,
    )
    assert Dossier.objects.get(pk=d.pk).status == status


def test_terminal_states_allow_nothing():
    for status in TERMINAL_STATUSES:
        assert allowed_actions(status) == []


@given(st.lists(st.sampled_from(list(DossierAction)), max_size=30))
def test_random_walks_stay_in_known_states(actions):
    state = DossierStatus.SUBMITTED
    for action in actions:
        try:
            state = next_status(state, action)
        except TransitionNotAllowedError:
            assert action not in allowed_actions(state)
        assert state in DossierStatus.values
        if state in TERMINAL_STATUSES:
            assert allowed_actions(state) == []
