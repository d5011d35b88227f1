"""Settings of the gunicorn server started by ``bench.lookup``: the production
settings (``base``: DEBUG off, values from the environment the bench sets) with the
bench URLconf, which adds a hello-world view to the project's URLs.

``BENCH_LOOKUP_NO_HEALTH_CHECKS=1`` (``--no-health-checks``) turns off Django's
``CONN_HEALTH_CHECKS`` ping to measure what it costs; the default run keeps the
production setting."""

import os

from congso.conf.settings.base import *  # noqa: F403
from congso.conf.settings.base import DATABASES

ROOT_URLCONF = "bench.lookup_urls"

if os.environ.get("BENCH_LOOKUP_NO_HEALTH_CHECKS") == "1":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
