"""Development defaults: debug on, embedded SQLite and broker in ``var/``."""

import os

os.environ.setdefault("CONGSO_DEBUG", "true")

from congso.conf.settings.base import *  # noqa: F403
