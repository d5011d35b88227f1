"""Development defaults: debug on, embedded SQLite and broker in ``var/``."""

import os

os.environ.setdefault("CONGSO_DEBUG", "true")
# The demo ward reads the demo mailbox (var/mail/inbox) every minute.
os.environ.setdefault("CONGSO_DOCUMENTS_MAIL_AGENCY", "UBND phường Phong Điền")

from congso.conf.settings.base import *  # noqa: F403
