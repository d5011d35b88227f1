"""A small JSON-over-HTTP POST for the gateway adapters (standard library only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from congso.notifications.providers.base import DeliveryError, PermanentDeliveryError

#: HTTP statuses worth retrying although they are 4xx.
RETRYABLE_4XX = frozenset({408, 409, 425, 429})


def post_json(
    url: str, payload: dict[str, Any], *, headers: dict[str, str], timeout: float
) -> dict[str, Any]:
    """POST ``payload`` as JSON and return the decoded JSON answer.

    Raises :class:`PermanentDeliveryError` on a 4xx answer (except 408/409/425/429)
    and :class:`DeliveryError` on anything else that is not a 2xx JSON object."""
    if not url.startswith(("https://", "http://")):
        raise DeliveryError(f"Gateway URL not configured or not HTTP(S): {url!r}")
    request = urllib.request.Request(  # noqa: S310  # scheme checked above
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        if 400 <= exc.code < 500 and exc.code not in RETRYABLE_4XX:
            raise PermanentDeliveryError(f"HTTP {exc.code}: {detail}") from exc
        raise DeliveryError(f"HTTP {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"Gateway unreachable: {exc}") from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise DeliveryError("Gateway answered with something other than JSON.") from exc
    if not isinstance(answer, dict):
        raise DeliveryError("Gateway answered with JSON that is not an object.")
    return answer
