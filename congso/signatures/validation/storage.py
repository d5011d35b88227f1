"""The ETSI XML report of a verification, kept for a while so the result page
and the API can offer it for download without storing the uploaded file.

Reports live in Django's cache under an unguessable token (``secrets``), for
``REPORT_TTL`` seconds. With the default local-memory cache a report is only
found by the process that made it; deployments with several workers configure a
shared cache (Redis), as for the rate limits."""

from __future__ import annotations

import secrets
from typing import Final

from django.core.cache import cache

from congso.signatures.validation.etsi import etsi_report_xml
from congso.signatures.validation.report import ValidationReport

REPORT_TTL: Final = 60 * 60
_PREFIX: Final = "signatures:verification-report:"


def report_keep(report: ValidationReport) -> str:
    """Store the report's XML; returns its token."""
    token = secrets.token_urlsafe(18)
    cache.set(_PREFIX + token, etsi_report_xml(report), timeout=REPORT_TTL)
    return token


def report_xml_get(token: str) -> bytes | None:
    if not token or len(token) > 64:
        return None
    value = cache.get(_PREFIX + token)
    return value if isinstance(value, bytes) else None
