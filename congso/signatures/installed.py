"""The demo PKI installed under ``$CONGSO_VAR_DIR/pki`` (``SIGNATURES_PKI_DIR``),
as this process sees it, and the fetchers that answer its URLs in-process."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from congso.signatures.pki.endpoints import PkiEndpoints
from congso.signatures.pki.fetchers import LocalPkiFetcherBackend
from congso.signatures.pki.hierarchy import PkiHierarchy
from congso.signatures.pki.profiles import PkiUrls

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], PkiEndpoints]] = {}


def installed_endpoints() -> PkiEndpoints | None:
    """Endpoints of the installed demo PKI, or None when there is none. Rebuilt
    when ``pki.json`` changes (the directory was re-created)."""
    directory = Path(settings.SIGNATURES_PKI_DIR)
    try:
        info = (directory / "pki.json").stat()
    except FileNotFoundError:
        return None
    token = (info.st_ino, info.st_mtime_ns)
    key = str(directory)
    cached = _cache.get(key)
    if cached is not None and cached[0] == token:
        return cached[1]
    endpoints = PkiEndpoints(PkiHierarchy.open(directory))
    with _lock:
        _cache[key] = (token, endpoints)
    return endpoints


def installed_pki() -> PkiHierarchy | None:
    endpoints = installed_endpoints()
    return endpoints.pki if endpoints is not None else None


def local_routes() -> dict[str, PkiEndpoints]:
    """URL prefixes answered in-process: the one written into the installed
    PKI's certificates and the one of the current ``CONGSO_PKI_BASE_URL``."""
    endpoints = installed_endpoints()
    if endpoints is None:
        return {}
    prefixes = {endpoints.pki.urls.prefix, PkiUrls(settings.PKI_BASE_URL).prefix}
    return dict.fromkeys(prefixes, endpoints)


def fetcher_backend_get() -> LocalPkiFetcherBackend:
    """Fetchers for certificate validation: the demo PKI in-process, other CAs
    over the network when ``CONGSO_SIGNATURES_REVOCATION_FETCH`` is on."""
    return LocalPkiFetcherBackend(
        local_routes(),
        allow_network=settings.SIGNATURES_REVOCATION_FETCH,
        per_request_timeout=settings.SIGNATURES_FETCH_TIMEOUT,
    )
