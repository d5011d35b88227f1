"""Certificate-validator fetchers that answer the demo PKI's URLs in-process.

pyhanko-certvalidator fetches CRLs, OCSP responses and issuer certificates from the
URLs inside certificates. :class:`LocalPkiFetcherBackend` routes every URL under a
known ``<base>/pki/`` prefix to :class:`~congso.signatures.pki.endpoints.PkiEndpoints`
directly — no socket, so tests need no server and a single-threaded web process
never waits on itself — and sends the rest to the network through the library's
``requests`` fetchers, or fails them when ``allow_network`` is off."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any

import requests
from pyhanko_certvalidator.fetchers.api import FetcherBackend, Fetchers, FetchLimits
from pyhanko_certvalidator.fetchers.common_utils import FetchBudget
from pyhanko_certvalidator.fetchers.requests_fetchers.cert_fetch_client import (
    RequestsCertificateFetcher,
)
from pyhanko_certvalidator.fetchers.requests_fetchers.crl_client import (
    RequestsCRLFetcher,
)
from pyhanko_certvalidator.fetchers.requests_fetchers.ocsp_client import (
    RequestsOCSPFetcher,
)

from congso.signatures.pki.endpoints import PkiEndpoints, PkiReply


def _response(url: str, reply: PkiReply) -> requests.Response:
    response = requests.Response()
    response.url = url
    response.status_code = reply.status
    response.headers["Content-Type"] = reply.content_type
    response._content = reply.body  # the documented way to build a Response by hand
    return response


class _Routing:
    """Mixed in before a ``requests`` fetcher: overrides its two HTTP calls."""

    routes: Mapping[str, PkiEndpoints] = {}
    allow_network: bool = False

    def _route(self, url: str) -> tuple[PkiEndpoints, str] | None:
        for prefix, endpoints in self.routes.items():
            if url.startswith(prefix):
                return endpoints, url[len(prefix) :]
        return None

    def _get(
        self, url: str, *, acceptable_content_types: Any
    ) -> Awaitable[requests.Response]:
        hit = self._route(url)
        if hit is not None:
            return _answer(url, hit[0].get(hit[1]))
        if not self.allow_network:
            return _refuse(url)
        return super()._get(url, acceptable_content_types=acceptable_content_types)  # type: ignore[misc, no-any-return]  # the requests fetcher's

    def _post(
        self, url: str, data: bytes, *, content_type: str, acceptable_content_types: Any
    ) -> Awaitable[requests.Response]:
        hit = self._route(url)
        if hit is not None:
            return _answer(url, hit[0].post(hit[1], data, content_type))
        if not self.allow_network:
            return _refuse(url)
        return super()._post(  # type: ignore[misc, no-any-return]  # the requests fetcher's
            url,
            data,
            content_type=content_type,
            acceptable_content_types=acceptable_content_types,
        )


async def _answer(url: str, reply: PkiReply) -> requests.Response:
    if reply.status != 200:
        raise requests.RequestException(f"status code {reply.status} from {url}")
    return _response(url, reply)


async def _refuse(url: str) -> requests.Response:
    raise requests.RequestException(f"network fetching is off ({url})")


class LocalOCSPFetcher(_Routing, RequestsOCSPFetcher):
    pass


class LocalCRLFetcher(_Routing, RequestsCRLFetcher):
    pass


class LocalCertificateFetcher(_Routing, RequestsCertificateFetcher):
    pass


class LocalPkiFetcherBackend(FetcherBackend):
    """Fetchers for a ``ValidationContext(fetcher_backend=…)``.

    ``routes`` maps URL prefixes (``http://127.0.0.1:8000/pki/``) to endpoints."""

    def __init__(
        self,
        routes: Mapping[str, PkiEndpoints],
        *,
        allow_network: bool = False,
        per_request_timeout: int = 10,
        limits: FetchLimits | None = None,
    ) -> None:
        self.routes = dict(routes)
        self.allow_network = allow_network
        self.per_request_timeout = per_request_timeout
        self.limits = limits or FetchLimits()

    def get_fetchers(self) -> Fetchers:
        budget = FetchBudget(self.limits)
        timeout = self.per_request_timeout
        ocsp = LocalOCSPFetcher(
            per_request_timeout=timeout, certid_hash_algo="sha256", budget=budget
        )
        crl = LocalCRLFetcher(  # type: ignore[no-untyped-call]  # unannotated __init__
            per_request_timeout=timeout, budget=budget
        )
        certs = LocalCertificateFetcher(per_request_timeout=timeout, budget=budget)
        for fetcher in (ocsp, crl, certs):
            fetcher.routes = self.routes
            fetcher.allow_network = self.allow_network
        return Fetchers(ocsp_fetcher=ocsp, crl_fetcher=crl, cert_fetcher=certs)

    async def close(self) -> None:
        return None
