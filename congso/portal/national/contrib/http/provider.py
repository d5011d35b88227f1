"""The national portal over HTTP(S): ``POST`` JSON to ``CONGSO_PORTAL_NATIONAL_URL``
with ``Authorization: Bearer CONGSO_PORTAL_NATIONAL_TOKEN`` and an
``Idempotency-Key``, within ``CONGSO_PORTAL_NATIONAL_TIMEOUT`` seconds (standard
library ``urllib``: no extra dependency). Answers are read by
:func:`congso.portal.national.protocol.answer_interpret`; a timeout or a refused
connection raises :class:`NationalPortalUnavailable`, so the outbox retries."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

from congso.portal.national.protocol import IDEMPOTENCY_HEADER, answer_interpret
from congso.portal.national.providers.base import NationalPortalUnavailable, PushResult


class HttpPortal:
    name = "http"

    def push(self, record: dict[str, Any], *, idempotency_key: str) -> PushResult:
        url: str = settings.PORTAL_NATIONAL_URL
        if not url.startswith(("https://", "http://")):
            raise NationalPortalUnavailable(
                "CONGSO_PORTAL_NATIONAL_URL is not set to an http(s) address."
            )
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            IDEMPOTENCY_HEADER: idempotency_key,
        }
        token: str = settings.PORTAL_NATIONAL_TOKEN
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(  # noqa: S310  # scheme checked above
            url,
            data=json.dumps(record, ensure_ascii=False).encode(),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310  # scheme checked above
                request, timeout=settings.PORTAL_NATIONAL_TIMEOUT
            ) as response:
                return answer_interpret(response.status, _text(response.read()))
        except urllib.error.HTTPError as error:
            return answer_interpret(error.code, _text(error.read()))
        except (OSError, ValueError) as error:  # URLError, timeouts, resets
            raise NationalPortalUnavailable(
                f"{type(error).__name__}: {error}"
            ) from error


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")
