"""Rate limit of the public dossier lookup, against enumeration of codes.

Each client address has a budget of ``settings.LOOKUP_RATE_LIMIT`` units a minute
(``CONGSO_LOOKUP_RATE_LIMIT``; 0 turns the limit off). A lookup costs one unit, and
an unknown or malformed code costs ``MISS_COST`` units in all. With the default of
30, a client may open 30 existing dossiers a minute but guess only 6 codes.

The counter is a fixed one-minute window in Django's cache (``add`` then ``incr``,
both atomic in the local-memory, Redis and Memcached backends). django-ratelimit is
not in the stack and this needs about 40 lines. DRF's throttles would cover the API
only, while the page and the API share one budget.

Two limits of the deployment, not of this code:
- the settings use Django's default local-memory cache, which keeps one counter per
  server process, so with W worker processes a client gets up to W budgets;
  configure a shared cache (Redis) where that matters;
- the address is ``REMOTE_ADDR``, as for the login lockout (axes). Behind a reverse
  proxy it must hold the client's address, not the proxy's.
"""

from __future__ import annotations

import math
import time
from typing import Final

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS: Final = 60
#: What an unknown or malformed code costs, in lookups.
MISS_COST: Final = 5


def _window(now: float | None) -> tuple[float, int]:
    moment = time.time() if now is None else now
    return moment, int(moment // WINDOW_SECONDS)


def _charge(request: HttpRequest, window: int, cost: int) -> int:
    """Add ``cost`` to the client's counter for ``window``; the new total."""
    address = request.META.get("REMOTE_ADDR") or "unknown"
    key = f"portal:lookup:{window}:{address}"
    cache.add(key, 0, timeout=2 * WINDOW_SECONDS)
    try:
        return int(cache.incr(key, cost))
    except ValueError:  # expired between add and incr
        cache.set(key, cost, timeout=2 * WINDOW_SECONDS)
        return cost


def lookup_admit(request: HttpRequest, *, now: float | None = None) -> int:
    """Charge one lookup to the client. 0 when it is admitted, else the seconds
    until the window ends (for ``Retry-After``)."""
    limit: int = settings.LOOKUP_RATE_LIMIT
    if limit <= 0:
        return 0
    moment, window = _window(now)
    if _charge(request, window, 1) <= limit:
        return 0
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - moment))


def lookup_miss(request: HttpRequest, *, now: float | None = None) -> None:
    """The code was unknown or malformed: charge the rest of ``MISS_COST``."""
    if settings.LOOKUP_RATE_LIMIT <= 0:
        return
    _moment, window = _window(now)
    _charge(request, window, MISS_COST - 1)
