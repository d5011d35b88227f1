"""The time-stamp authority used when signing (dấu thời gian, RFC 3161).

``CONGSO_SIGNATURES_TSA_URL`` names it. When it points at the installed demo PKI's
``/pki/tsa``, the TSA runs in-process (the same tokens the HTTP endpoint serves,
without a request to ourselves); any other URL is an external TSA reached with
pyHanko's ``HTTPTimeStamper``."""

from __future__ import annotations

from django.conf import settings
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper

from congso.signatures.installed import installed_endpoints


def timestamper_get() -> TimeStamper:
    url: str = settings.SIGNATURES_TSA_URL
    endpoints = installed_endpoints()
    if endpoints is not None:
        local = {endpoints.pki.urls.tsa, f"{settings.PKI_BASE_URL}/pki/tsa"}
        if url.rstrip("/") in local:
            return endpoints.pki.timestamper()
    return HTTPTimeStamper(  # type: ignore[no-untyped-call]  # unannotated __init__
        url, timeout=settings.SIGNATURES_FETCH_TIMEOUT
    )
