"""The sync through the outbox: ``dossiers.dossier_changed`` (published here as the
dossiers app will) → ``portal.national_sync`` → the provider, once per dossier
version; retries while the portal is unavailable; the HTTP adapter against a
loopback stub and against the simulator's real endpoint on a live server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from uuid import uuid4

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from congso.core.models import OutboxMessage, OutboxStatus
from congso.core.outbox import outbox_drain, outbox_handlers, outbox_publish
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier
from congso.dossiers.services import dossier_transition
from congso.dossiers.tests.factories import OneStop, at, receive, three_steps
from congso.portal.national.constants import SyncStatus
from congso.portal.national.contrib.http.provider import HttpPortal
from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.mapping import national_record
from congso.portal.national.models import NationalSyncLog
from congso.portal.national.providers.base import (
    NationalPortalUnavailable,
    PushStatus,
)
from congso.portal.tests.test_national_mapping import snapshot

API = "/portal/national-sim/api/"


def api_post(client: Any, payload: Any, *, key: str, token: str = "") -> Any:
    """POST a record to the simulator's endpoint as the HTTP adapter does."""
    headers = {"HTTP_IDEMPOTENCY_KEY": key}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(
        API, json.dumps(payload), content_type="application/json", **headers
    )


def publish_changed(dossier: Dossier, dedup: bool = True) -> None:
    """What the dossiers app publishes after reception and each transition."""
    with transaction.atomic():
        outbox_publish(
            topic="dossiers.dossier_changed",
            payload={"code": dossier.code, "row_version": dossier.row_version},
            dedup_key=(
                f"dossiers.dossier_changed:{dossier.code}:{dossier.row_version}"
                if dedup
                else None
            ),
        )


@pytest.fixture
def dossier(one_stop: OneStop) -> Dossier:
    return receive(one_stop, three_steps(one_stop), now=at(2, 3, 9))


def forward(one_stop: OneStop, dossier: Dossier) -> Dossier:
    return dossier_transition(
        dossier=dossier,
        action=A.FORWARD,
        actor=one_stop.users["reception"],
        now=at(2, 3, 10),
    )


def test_each_version_is_sent_once(one_stop, dossier):
    """Delivered twice (the same message again, a second message for the same
    version, a late message for an older version): one send per version."""
    publish_changed(dossier)  # as the reception did: the same dedup key,
    publish_changed(dossier)  # so no second message
    topics = list(OutboxMessage.objects.values_list("topic", flat=True))
    assert topics.count("dossiers.dossier_changed") == 1
    outbox_drain()  # dossier_changed, then portal.national_sync
    [log] = NationalSyncLog.objects.all()
    assert (log.dossier_code, log.row_version, log.status) == (dossier.code, 0, "sent")
    assert (log.attempts, log.http_status, log.provider) == (1, 201, "simulator")
    assert log.idempotency_key == f"{dossier.code}:0"
    assert log.record["TrangThaiHoSo"] == 2
    [received] = NationalSimRecord.objects.all()
    assert (received.valid, received.idempotency_key) == (True, f"{dossier.code}:0")

    sync = outbox_handlers.get("portal.national_sync")
    sync(uuid4(), {"code": dossier.code, "row_version": 0})  # redelivered
    publish_changed(dossier, dedup=False)  # a duplicate from the publisher
    outbox_drain()
    assert NationalSyncLog.objects.count() == 1
    assert NationalSimRecord.objects.count() == 1

    dossier = forward(one_stop, dossier)
    publish_changed(dossier)
    outbox_drain()
    sync(uuid4(), {"code": dossier.code, "row_version": 0})  # late, older version
    assert list(
        NationalSyncLog.objects.order_by("row_version").values_list(
            "row_version", "status"
        )
    ) == [(0, "sent"), (1, "sent")]
    assert [
        r.payload["TrangThaiHoSo"] for r in NationalSimRecord.objects.order_by("id")
    ] == [2, 4]


def test_a_late_message_sends_the_current_state_once(one_stop, dossier):
    """Version 0's message delivered after the dossier moved on sends version 1's
    state (logged as 1); version 1's own message then sends nothing more."""
    publish_changed(dossier)
    dossier = forward(one_stop, dossier)
    publish_changed(dossier)
    outbox_drain()
    [log] = NationalSyncLog.objects.all()
    assert (log.row_version, log.record["TrangThaiHoSo"]) == (1, 4)
    assert NationalSimRecord.objects.count() == 1
    assert OutboxMessage.objects.filter(topic="portal.national_sync").count() == 1


def test_unknown_dossier_is_ignored(db):
    with transaction.atomic():
        outbox_publish(
            topic="dossiers.dossier_changed", payload={"code": "X-1", "row_version": 0}
        )
    outbox_drain()
    assert not NationalSyncLog.objects.exists()
    assert OutboxMessage.objects.get().status == OutboxStatus.DONE


# -- the HTTP adapter against a loopback stub ----------------------------------------


class _StubHandler(BaseHTTPRequestHandler):
    server: _StubServer

    def do_POST(self) -> None:  # http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), json.loads(body)))
        status, delay = self.server.script.pop(0) if self.server.script else (201, 0.0)
        time.sleep(delay)
        answer = {"status": "accepted" if status < 300 else "no"}
        if status == 422:
            answer = {"status": "rejected", "errors": [{"field": "MaTTHC", "code": "x",
                                                       "message": "unknown"}]}  # fmt: skip
        data = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client timed out
            return

    def log_message(self, format: str, *args: Any) -> None:
        return


class _StubServer(ThreadingHTTPServer):
    daemon_threads = True
    #: (HTTP status, seconds to wait) per request, then 201 at once.
    script: list[tuple[int, float]]
    received: list[tuple[dict[str, str], Any]]


@pytest.fixture
def stub(settings) -> Iterator[_StubServer]:
    """A national portal on 127.0.0.1 answering as scripted; the http provider
    selected and pointed at it."""
    server = _StubServer(("127.0.0.1", 0), _StubHandler)
    server.script, server.received = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PORTAL_NATIONAL_PROVIDER = "http"
    settings.PORTAL_NATIONAL_URL = f"http://127.0.0.1:{server.server_port}/sync"
    settings.PORTAL_NATIONAL_TOKEN = "t0ken"
    yield server
    server.shutdown()
    server.server_close()


def test_unavailable_portal_is_retried_by_the_outbox(dossier, stub):
    """HTTP 503: the sync message stays pending with the error and a back-off,
    nothing is logged as sent; the next attempt succeeds and the log counts two
    attempts. Both requests carry the same key and the bearer token."""
    stub.script = [(503, 0.0)]
    publish_changed(dossier)
    outbox_drain()
    message = OutboxMessage.objects.get(topic="portal.national_sync")
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "HTTP 503" in message.last_error
    assert message.available_at > timezone.now()
    assert not NationalSyncLog.objects.exists()

    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        outbox_drain()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE
    [log] = NationalSyncLog.objects.all()
    assert (log.status, log.attempts, log.http_status, log.provider) == (
        SyncStatus.SENT, 2, 201, "http",
    )  # fmt: skip
    assert [h["Idempotency-Key"] for h, _body in stub.received] == [
        f"{dossier.code}:0"
    ] * 2
    assert {h["Authorization"] for h, _body in stub.received} == {"Bearer t0ken"}
    assert stub.received[0][1]["MaHoSo"] == dossier.code


def test_refused_record_is_logged_as_failed_and_not_retried(dossier, stub):
    """HTTP 422: a content problem, logged with the portal's answer; the message
    is done (the same record would be refused again)."""
    stub.script = [(422, 0.0)]
    publish_changed(dossier)
    outbox_drain()
    [log] = NationalSyncLog.objects.all()
    assert (log.status, log.http_status) == (SyncStatus.FAILED, 422)
    assert "MaTTHC" in log.response
    assert OutboxMessage.objects.get(topic="portal.national_sync").status == "done"
    assert len(stub.received) == 1


def test_duplicate_answer_counts_as_sent(dossier, stub):
    stub.script = [(409, 0.0)]
    publish_changed(dossier)
    outbox_drain()
    assert NationalSyncLog.objects.get().status == SyncStatus.SENT


@pytest.mark.parametrize("status", [401, 429, 500, 502])
def test_answers_meaning_later_raise(stub, status):
    stub.script = [(status, 0.0)]
    with pytest.raises(NationalPortalUnavailable, match=f"HTTP {status}"):
        HttpPortal().push(national_record(snapshot()), idempotency_key="K")


def test_timeout_and_refused_connection_raise(stub, settings):
    settings.PORTAL_NATIONAL_TIMEOUT = 1
    stub.script = [(201, 2.0)]
    with pytest.raises(NationalPortalUnavailable, match="timed out"):
        HttpPortal().push(national_record(snapshot()), idempotency_key="K")
    settings.PORTAL_NATIONAL_URL = "http://127.0.0.1:9/closed"
    with pytest.raises(NationalPortalUnavailable):
        HttpPortal().push(national_record(snapshot()), idempotency_key="K")
    settings.PORTAL_NATIONAL_URL = ""
    with pytest.raises(NationalPortalUnavailable, match="not set"):
        HttpPortal().push(national_record(snapshot()), idempotency_key="K")


# -- the HTTP adapter against the simulator's real endpoint --------------------------


def test_http_provider_against_the_live_simulator(live_server, settings):
    """Over real HTTP on 127.0.0.1: accepted, duplicate (409 → success), and a
    malformed record refused with the simulator's field errors."""
    settings.PORTAL_NATIONAL_URL = f"{live_server.url}{API}"
    settings.PORTAL_NATIONAL_TOKEN = "s3cret"
    portal = HttpPortal()
    record = national_record(snapshot())
    first = portal.push(record, idempotency_key="H57:0")
    assert (first.status, first.http_status) == (PushStatus.ACCEPTED, 201)
    again = portal.push(record, idempotency_key="H57:0")
    assert (again.status, again.http_status, again.ok) == (
        PushStatus.DUPLICATE, 409, True,
    )  # fmt: skip
    bad = portal.push({**record, "KenhThucHien": 5}, idempotency_key="H57:1")
    assert (bad.status, bad.http_status, bad.ok) == (PushStatus.REJECTED, 400, False)
    assert [(e["field"], e["code"]) for e in bad.errors] == [("KenhThucHien", "choice")]
    rows = list(NationalSimRecord.objects.order_by("id"))
    assert [(r.idempotency_key, r.valid, r.duplicate) for r in rows] == [
        ("H57:0", True, False),
        ("H57:0", True, True),
        ("H57:1", False, False),
    ]
    assert rows[0].payload == record  # Vietnamese text intact over the wire
