import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from congso.audit import triggers
from congso.audit.models import AppendOnlyError, AuditEvent

from .conftest import raw_sql


@pytest.mark.django_db
def test_triggers_are_installed():
    """The migration installed the append-only triggers on this database."""
    expected = set(triggers.TRIGGER_NAMES[connection.vendor])
    assert expected <= triggers.installed(connection)


@pytest.mark.django_db
def test_orm_refuses_updates(record):
    """Saving a stored event again is refused, with or without changes."""
    event = record()
    event.data = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(data={})
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["data"])


@pytest.mark.django_db
def test_orm_refuses_deletes(record):
    """Instance and queryset deletes are refused."""
    event = record()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_orm_refuses_hand_made_rows(record):
    """Rows are appended by ``audit_record`` only: a bulk insert or a row whose hash
    does not match its fields is refused."""
    event = record()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(seq=2)])
    forged = AuditEvent(
        seq=2,
        occurred_at=event.occurred_at,
        event_type="dossiers.dossier.received",
        prev_hash=event.hash,
        hash="f" * 64,
    )
    with pytest.raises(AppendOnlyError):
        forged.save()


@pytest.mark.django_db
def test_database_refuses_raw_update(record):
    """A raw SQL UPDATE is rejected by the trigger."""
    event = record()
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_sql(
            "UPDATE audit_auditevent SET event_type = %s WHERE id = %s",
            ["x.y.z", event.pk],
        )
    assert AuditEvent.objects.get().event_type == event.event_type


@pytest.mark.django_db
def test_database_refuses_raw_delete(record):
    """A raw SQL DELETE of an entry after the first is rejected by the trigger
    (SQLite lets only the oldest remaining row go, for the test flush; PostgreSQL
    refuses every DELETE)."""
    record()
    second = record()
    record()
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [second.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM audit_auditevent WHERE seq = 3")
    assert AuditEvent.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_refuses_even_the_oldest_delete(record):
    """PostgreSQL rejects every DELETE, including the first entry."""
    first = record()
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [first.pk])
