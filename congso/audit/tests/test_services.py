import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from congso.audit.chain import GENESIS_HASH
from congso.audit.models import AuditEvent, AuditHead
from congso.audit.services import audit_record
from congso.audit.verify import audit_verify
from congso.core.context import remote_address


@pytest.mark.django_db
def test_appends_link_into_a_chain(record):
    """Each entry gets the next seq and the previous entry's hash; the head follows."""
    first = record(event_type="dossiers.dossier.received")
    second = record(event_type="dossiers.dossier.assigned")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert first.hash == first.compute_hash()
    head = AuditHead.objects.get()
    assert (head.last_seq, head.last_hash) == (2, second.hash)


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC), tick=False)
def test_record_snapshots_actor_object_and_source_address(record, official):
    """The actor's id and label, the object and the client address are stored."""
    token = remote_address.set("203.0.113.7")
    try:
        event = record(actor=official, obj=official, data={"note": "ok"})
    finally:
        remote_address.reset(token)
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_id == official.pk
    assert event.actor_label == "Nguyễn Văn A (nguyenvana)"
    assert (event.object_type, event.object_id) == ("accounts.user", str(official.pk))
    assert event.source_address == "203.0.113.7"
    assert event.occurred_at == dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
    assert event.data == {"note": "ok"}


@pytest.mark.django_db
def test_system_actor_has_no_id_or_label(record):
    """``actor=None`` records a system event."""
    event = record(actor=None, object_type="calendar.year", object_id=2026)
    assert (event.actor_id, event.actor_label) == (None, "")
    assert (event.object_type, event.object_id) == ("calendar.year", "2026")


@pytest.mark.django_db
def test_agency_comes_from_the_actor_protocol(record, official):
    """Without agency arguments the actor's ``audit_agency()`` is used."""
    official.audit_agency = lambda: (7, "UBND xã Tân Phú")
    event = record(actor=official)
    assert (event.agency_id, event.agency_label) == (7, "UBND xã Tân Phú")


@pytest.mark.django_db
def test_explicit_agency_wins_over_the_actor(record, official):
    """Agency arguments are used as given."""
    official.audit_agency = lambda: (7, "UBND xã Tân Phú")
    event = record(actor=official, agency_id=9, agency_label="Sở Tư pháp")
    assert (event.agency_id, event.agency_label) == (9, "Sở Tư pháp")


@pytest.mark.django_db
def test_data_is_stored_normalised_and_verifies(record):
    """Dates, Decimals and UUIDs are stored as strings and the chain still verifies
    after the round trip through the database."""
    ref = uuid.uuid4()
    record(
        data={
            "due": dt.date(2026, 12, 1),
            "fee": Decimal("50000.00"),
            "ref": ref,
            "at": dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC),
            "ratio": 0.1,
            "large": 1e20,
            "nested": {"list": [1, "hai", None, True]},
        }
    )
    stored = AuditEvent.objects.get()
    assert stored.data["fee"] == "50000.00"
    assert stored.data["ref"] == str(ref)
    assert stored.data["large"] == 10**20
    assert audit_verify().ok


@pytest.mark.django_db
def test_bad_event_type_is_refused(record):
    """Event types must read ``<app>.<entity>.<past_participle>``."""
    with pytest.raises(ValueError, match="event type"):
        record(event_type="DossierReceived")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_obj_and_explicit_object_reference_are_exclusive(record, official):
    """Passing both an object and an object reference is a programming error."""
    with pytest.raises(TypeError):
        record(obj=official, object_type="accounts.user")


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_raises():
    """Outside ``transaction.atomic()`` nothing is written and the error says why."""
    with pytest.raises(TransactionManagementError, match="atomic"):
        audit_record(event_type="dossiers.dossier.received", actor=None)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_rolled_back_transaction_leaves_no_event(record):
    """The event commits or rolls back with the caller's change."""
    record()

    def failing_service() -> None:
        with transaction.atomic():
            audit_record(event_type="dossiers.dossier.assigned", actor=None)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_service()
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1]
    assert AuditHead.objects.get().last_seq == 1
    assert record().seq == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_seq_contiguous():
    """Writers in several threads (own connections) never skip or repeat a seq."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(8):
                with transaction.atomic():
                    audit_record(
                        event_type="dossiers.dossier.received",
                        actor=None,
                        data={"writer": n, "i": i},
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 33))
    result = audit_verify(batch_size=5)
    assert result.ok, result
    assert result.checked == 32
