"""Test defaults: debug settings, fast hashing; the database comes from
``CONGSO_DATABASE_URL`` (SQLite by default, PostgreSQL in the second CI pass)."""

import os

os.environ.setdefault("CONGSO_DEBUG", "true")
os.environ.setdefault("CONGSO_LOG_LEVEL", "WARNING")
# Relay nudges from transactional tests go to an in-memory broker, not var/.
os.environ.setdefault("CONGSO_CELERY_BROKER_URL", "memory://")

from congso.conf.settings.base import *  # noqa: F403
from congso.conf.settings.base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so subprocess workers in outbox tests see the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-congso.sqlite3")}

# Exercise the real error pages (handler404/500), not Django's debug pages.
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
