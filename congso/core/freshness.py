"""How often a per-process cache asks the database whether it is still current.

The organisation tree and the working calendar are rebuilt from the database only
when a *version token* (row counts and latest change of their tables) moves. Reading
the token is one small query, but it was asked on every reception and every page
that counts deadlines; on PostgreSQL the calendar's alone cost about a tenth of a
reception request (``bench/intake.py``).

``VersionToken`` reads the token at most once every ``settings.VERSION_TOKEN_MS``
(``CONGSO_VERSION_TOKEN_MS``, default 1,000 ms) and at once after ``expire()``. The
apps call ``expire()`` from ``post_save``/``post_delete`` of the tables concerned
(and after queryset updates, which send no signal), so a change made in this
process — a service, the admin, a test's factory — is seen by the next read; another
process sees it within the interval. Set the interval to 0 to read on every call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings


class VersionToken:
    """A token read through ``read``, re-read when older than the interval."""

    def __init__(self, read: Callable[[], tuple[Any, ...]]) -> None:
        self._read = read
        self._lock = threading.Lock()
        self._value: tuple[Any, ...] = ()
        self._read_at: float | None = None

    def get(self) -> tuple[Any, ...]:
        """The token, from the database when the last reading is too old."""
        now = time.monotonic()
        read_at = self._read_at
        interval = settings.VERSION_TOKEN_MS / 1000
        if read_at is None or now - read_at >= interval:
            value = self._read()
            with self._lock:
                self._value, self._read_at = value, now
            return value
        return self._value

    def expire(self) -> None:
        """Make the next ``get`` read the database (a change in this process)."""
        with self._lock:
            self._read_at = None
