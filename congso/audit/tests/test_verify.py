import datetime as dt
import logging

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from congso.audit import triggers
from congso.audit.constants import VerifyReason
from congso.audit.models import AuditEvent, AuditHead
from congso.audit.tasks import audit_verify_task
from congso.audit.verify import audit_verify

from .conftest import raw_sql, triggers_dropped

# Tests that drop the triggers run inside the test transaction: DDL is transactional
# on both SQLite and PostgreSQL, so the rollback restores them, and ``triggers_dropped``
# reinstalls them with the migration's SQL anyway.


@pytest.fixture
def chain(record):
    """Five entries, one per minute from 09:00 Hanoi time on 24/11/2026."""
    start = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
    events = []
    for i in range(5):
        with time_machine.travel(start + dt.timedelta(minutes=i), tick=False):
            events.append(
                record(event_type=f"dossiers.dossier.step{i}_done", data={"i": i})
            )
    return events


@pytest.mark.django_db
def test_empty_chain_verifies():
    """No entries and no head is a valid, empty chain."""
    assert audit_verify().ok
    assert audit_verify().checked == 0


@pytest.mark.django_db
@pytest.mark.parametrize("batch_size", [1, 2, 5000])
def test_intact_chain_verifies(chain, batch_size):
    """An untouched chain verifies whatever the batch size."""
    result = audit_verify(batch_size=batch_size)
    assert result.ok
    assert result.checked == 5
    assert result.first_bad_seq is None


@pytest.mark.django_db
def test_tampered_data_is_reported_at_that_entry(chain):
    """Editing one entry's data (trigger bypassed) is found at exactly that seq, and
    the command exits non-zero naming the entry's seq, event type and time."""
    with triggers_dropped():
        raw_sql("UPDATE audit_auditevent SET data = %s WHERE seq = 3", ['{"i": 99}'])
    assert set(triggers.TRIGGER_NAMES[connection.vendor]) <= triggers.installed(
        connection
    )
    result = audit_verify(batch_size=2)
    assert not result.ok
    assert result.first_bad_seq == 3
    assert result.reason == VerifyReason.HASH_MISMATCH
    assert result.checked == 2
    assert result.event_type == "dossiers.dossier.step2_done"

    with translation.override("en"), pytest.raises(CommandError) as excinfo:
        call_command("audit_verify")
    assert excinfo.value.returncode != 0
    message = str(excinfo.value)
    assert "#3" in message
    assert "dossiers.dossier.step2_done" in message
    assert "24/11/2026 09:02:00" in message  # local time of entry 3


@pytest.mark.django_db
def test_rehashed_entry_breaks_the_next_link(chain):
    """Rewriting an entry together with its hash is found at the following entry."""
    with triggers_dropped():
        raw_sql("UPDATE audit_auditevent SET hash = %s WHERE seq = 2", ["a" * 64])
    result = audit_verify()
    assert (result.first_bad_seq, result.reason) == (2, VerifyReason.HASH_MISMATCH)


@pytest.mark.django_db
def test_deleted_middle_entry_is_a_gap(chain):
    """Removing entry 3 (trigger bypassed) is reported as entry 3 missing."""
    with triggers_dropped():
        raw_sql("DELETE FROM audit_auditevent WHERE seq = 3")
    result = audit_verify()
    assert not result.ok
    assert (result.first_bad_seq, result.reason) == (3, VerifyReason.SEQ_GAP)
    assert result.checked == 2
    with translation.override("en"), pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


@pytest.mark.django_db
def test_deleted_oldest_entry_is_a_gap(chain):
    """Removing the start of the chain is detected (the SQLite trigger allows it so
    that Django's test flush works)."""
    with triggers_dropped():
        raw_sql("DELETE FROM audit_auditevent WHERE seq = 1")
    result = audit_verify()
    assert (result.first_bad_seq, result.reason) == (1, VerifyReason.SEQ_GAP)


@pytest.mark.django_db
def test_truncated_tail_is_detected(chain):
    """Removing the newest entries leaves the head pointing past the chain's end."""
    with triggers_dropped():
        raw_sql("DELETE FROM audit_auditevent WHERE seq >= 4")
    result = audit_verify()
    assert (result.first_bad_seq, result.reason) == (4, VerifyReason.SEQ_GAP)
    assert result.checked == 3


@pytest.mark.django_db
def test_entry_inserted_past_the_head_is_detected(chain, record):
    """A row added without moving the head (not through audit_record) is reported."""
    last = chain[-1]
    forged = AuditEvent(
        seq=6,
        occurred_at=last.occurred_at,
        event_type="accounts.user.deleted",
        prev_hash=last.hash,
    )
    forged.hash = forged.compute_hash()
    forged.save()
    result = audit_verify()
    assert (result.first_bad_seq, result.reason) == (6, VerifyReason.HEAD_MISMATCH)
    assert result.event_type == "accounts.user.deleted"


@pytest.mark.django_db
def test_missing_head_is_detected(chain):
    """Entries without a head row are reported."""
    AuditHead.objects.all().delete()
    result = audit_verify()
    assert (result.ok, result.reason) == (False, VerifyReason.HEAD_MISSING)
    assert result.checked == 5


@pytest.mark.django_db
def test_command_reports_an_intact_chain(chain, capsys):
    """The command prints the count and exits normally."""
    with translation.override("en"):
        call_command("audit_verify")
    assert "5 entries verified" in capsys.readouterr().out


@pytest.mark.django_db
def test_task_logs_an_error_when_broken(chain, caplog):
    """The beat task logs an ERROR naming the first bad entry."""
    with triggers_dropped():
        raw_sql("UPDATE audit_auditevent SET actor_label = 'x' WHERE seq = 4")
    with caplog.at_level(logging.INFO, logger="congso.audit.tasks"):
        outcome = audit_verify_task()
    assert outcome["ok"] is False
    assert outcome["first_bad_seq"] == 4
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "#4" in errors[0].getMessage()


@pytest.mark.django_db
def test_task_logs_info_when_intact(chain, caplog):
    """An intact chain logs no error."""
    with caplog.at_level(logging.INFO, logger="congso.audit.tasks"):
        outcome = audit_verify_task()
    assert outcome["ok"] is True
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
