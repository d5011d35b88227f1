"""The outbox through a real Celery worker subprocess: crash recovery on the
embedded SQLite broker, and the same path on Redis and RabbitMQ (conventions §6, §13).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

from congso.conf.celery import app as celery_app
from congso.core import tasks
from congso.core.models import OutboxMessage, OutboxStatus
from congso.core.outbox import outbox_publish
from congso.core.tests import outbox_test_handlers as th
from congso.core.tests.system import require

CELERY = str(Path(sys.executable).with_name("celery"))
BROKERS = {
    "redis": "redis://127.0.0.1:6379/15",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}


def database_url() -> str:
    """The URL of the database this test runs on (the test database)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return (
        f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Worker:
    """A ``celery worker --pool=solo`` subprocess in its own process group."""

    def __init__(self, tmp: Path, broker: str, queue: str, *, beat: bool, lease: int):
        self.log = tmp / f"worker-{uuid.uuid4().hex[:6]}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "congso.conf.settings.test",
            "CONGSO_DATABASE_URL": database_url(),
            "CONGSO_CELERY_BROKER_URL": broker,
            "CONGSO_CELERY_EAGER": "false",
            "CONGSO_LOG_LEVEL": "INFO",  # the worker logs "ready." at INFO
            "CONGSO_OUTBOX_LEASE_SECONDS": str(lease),
            "OBX_TEST_QUEUE": queue,
        }
        cmd = [
            CELERY,
            "-A",
            "congso.core.tests.outbox_test_app",
            "worker",
            "-I",
            "congso.core.tests.outbox_test_handlers",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            "--without-gossip",
            "--without-mingle",
        ]
        if beat:
            cmd += ["-B", "--schedule", str(tmp / "beat-schedule")]
        self._fh = self.log.open("wb")
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=self._fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(self.ready, 30, f"worker ready (log {self.log})")
        except BaseException:
            self.kill()
            raise

    def ready(self) -> bool:
        log = self.log.read_bytes()
        if self.proc.poll() is not None:
            raise AssertionError(f"worker exited:\n{log.decode(errors='replace')}")
        return b" ready." in log

    def kill(self) -> None:
        # The whole group: -B runs beat in a child process.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._fh.close()


@contextlib.contextmanager
def worker(
    tmp: Path, broker: str, queue: str, *, beat: bool = False, lease: int = 60
) -> Iterator[Worker]:
    w = Worker(tmp, broker, queue, beat=beat, lease=lease)
    try:
        yield w
    finally:
        w.kill()


def send_relay(broker: str, queue: str) -> None:
    """What the after-commit nudge does, sent to the worker's broker and queue."""
    with celery_app.connection_for_write(broker) as conn:
        tasks.outbox_relay.apply_async(connection=conn, queue=queue)


def status_of(ids: list[uuid.UUID]) -> dict[str, int]:
    rows = OutboxMessage.objects.filter(id__in=ids).values_list("status", flat=True)
    return {s: list(rows).count(s) for s in set(rows)}


def effect_counts(ids: list[uuid.UUID]) -> list[int]:
    return [
        Group.objects.filter(name__startswith=th.effect_name(i)).count() for i in ids
    ]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_delivery_loses_nothing_and_duplicates_nothing(tmp_path):
    """SIGKILL of the worker in the middle of a (non-idempotent, slow) handler: after
    the lease expires, a new worker's beat sweeper redelivers; every message ends
    done and each committed its effect exactly once, because the handler's effects
    and the done mark share one transaction."""
    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    queue = f"obx-{uuid.uuid4().hex[:8]}"
    trace = tmp_path / "trace.txt"
    trace.touch()
    with transaction.atomic():
        ids = [
            outbox_publish(
                topic="core.test_counted",
                payload={"n": n, "sleep": 1.0, "trace": str(trace)},
            ).id
            for n in range(4)
        ]

    with worker(tmp_path, broker, queue, lease=3) as first:
        send_relay(broker, queue)
        wait_for(lambda: trace.read_text().count("start") >= 1, 20, "first delivery")
        time.sleep(0.3)  # well inside the 1 s handler
        first.kill()
    started = trace.read_text().split()
    victim = uuid.UUID(started[1])
    assert OutboxMessage.objects.get(id=victim).status == OutboxStatus.PENDING
    assert effect_counts([victim]) == [0]  # the killed transaction left nothing

    with worker(tmp_path, broker, queue, beat=True, lease=3):
        wait_for(
            lambda: status_of(ids) == {OutboxStatus.DONE: len(ids)},
            40,
            "every message delivered by the second worker",
        )
    assert effect_counts(ids) == [1] * len(ids)
    assert trace.read_text().count(f"start {victim}") >= 2  # really redelivered


def broker_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.broker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(BROKERS))
def test_publish_to_delivery_through_a_real_broker(name, tmp_path):
    """publish → relay → deliver through a real worker on Redis / RabbitMQ."""
    broker = BROKERS[name]
    require(
        broker_reachable(broker),
        f"{name} is not reachable at {broker}; install and start it "
        "(apt-get install redis-server rabbitmq-server)",
    )
    queue = f"obx-{uuid.uuid4().hex[:8]}"
    with transaction.atomic():
        ids = [
            outbox_publish(topic="core.test_effect", payload={"n": n}).id
            for n in range(3)
        ]
    try:
        with worker(tmp_path, broker, queue):
            send_relay(broker, queue)
            wait_for(
                lambda: status_of(ids) == {OutboxStatus.DONE: len(ids)},
                30,
                f"delivery through {name}",
            )
    finally:
        with celery_app.connection_for_write(broker) as conn:
            conn.default_channel.queue_delete(queue)  # leave the broker clean
    assert effect_counts(ids) == [1, 1, 1]
