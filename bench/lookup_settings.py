"""Settings of the gunicorn server started by ``bench.lookup``: the production
settings (``base``: DEBUG off, values from the environment the bench sets) with the
bench URLconf, which adds a hello-world view to the project's URLs."""

from congso.conf.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.lookup_urls"
