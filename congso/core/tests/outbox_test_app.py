"""Celery app for worker subprocesses of the outbox tests
(``celery -A congso.core.tests.outbox_test_app worker -I
congso.core.tests.outbox_test_handlers``). ``OBX_TEST_QUEUE`` gives the test its own
queue, so concurrent runs sharing a Redis/RabbitMQ broker do not steal its tasks.
Imports no Django models: it is loaded before ``django.setup()``."""

from __future__ import annotations

import os

from congso.conf.celery import app

if os.environ.get("OBX_TEST_QUEUE"):
    app.conf.task_default_queue = os.environ["OBX_TEST_QUEUE"]

__all__ = ["app"]
