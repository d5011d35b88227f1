"""Rate limit of public signature verification (page and API share one budget).

Verifying costs CPU (diff analysis, RSA) and may make the server ask CAs for CRLs
and OCSP responses, so each client address may verify
``settings.SIGNATURES_VERIFY_RATE_LIMIT`` files a minute
(``CONGSO_SIGNATURES_VERIFY_RATE_LIMIT``; 0 turns the limit off).

The counter is the same fixed one-minute window in Django's cache as the public
dossier lookup (``congso.portal.throttling``, which this app may not import): ``add``
then ``incr``, atomic in the local-memory, Redis and Memcached backends. The same
deployment limits apply: one counter per process with the local-memory cache, and
``REMOTE_ADDR`` must be the client's address behind a reverse proxy."""

from __future__ import annotations

import math
import time
from typing import Final

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS: Final = 60


def verify_admit(request: HttpRequest, *, now: float | None = None) -> int:
    """Charge one verification to the client: 0 when admitted, else the seconds
    until the window ends (for ``Retry-After``)."""
    limit: int = settings.SIGNATURES_VERIFY_RATE_LIMIT
    if limit <= 0:
        return 0
    moment = time.time() if now is None else now
    window = int(moment // WINDOW_SECONDS)
    address = request.META.get("REMOTE_ADDR") or "unknown"
    key = f"signatures:verify:{window}:{address}"
    cache.add(key, 0, timeout=2 * WINDOW_SECONDS)
    try:
        used = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=2 * WINDOW_SECONDS)
        used = 1
    if used <= limit:
        return 0
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - moment))
