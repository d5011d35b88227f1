"""The Celery application. Embedded mode uses the SQLAlchemy transport on a SQLite
file (one worker with ``-B``); distributed mode sets ``CONGSO_CELERY_BROKER_URL``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.dev")

app = Celery("congso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
