"""The PKI services as plain functions of (method, name, body) → reply, so the same
code answers the Django views under ``/pki/`` and, in-process, the certificate
validator's fetchers (no HTTP round trip to ourselves, no network in tests).

| Name | Method | Reply |
|---|---|---|
| ``root.crt``, ``issuing.crt`` | GET | CA certificate, DER ``application/pkix-cert`` |
| ``root.crl``, ``issuing.crl`` | GET | CRL, DER ``application/pkix-crl`` |
| ``ocsp`` | POST ``application/ocsp-request`` | ``application/ocsp-response`` |
| ``ocsp/<base64>`` | GET (RFC 6960 appendix A.1) | ``application/ocsp-response`` |
| ``tsa`` | POST ``application/timestamp-query`` | ``application/timestamp-reply`` |
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import unquote

from cryptography.hazmat.primitives import serialization

from congso.signatures.pki.ca import CertificateAuthority
from congso.signatures.pki.hierarchy import PkiHierarchy
from congso.signatures.pki.ocsp import ocsp_respond
from congso.signatures.pki.profiles import ISSUING_LABEL, ROOT_LABEL, Profile
from congso.signatures.pki.tsa import timestamp_respond

CERT_TYPE = "application/pkix-cert"
CRL_TYPE = "application/pkix-crl"
OCSP_REQUEST_TYPE = "application/ocsp-request"
OCSP_RESPONSE_TYPE = "application/ocsp-response"
TSA_QUERY_TYPE = "application/timestamp-query"
TSA_REPLY_TYPE = "application/timestamp-reply"

#: Larger bodies are refused before parsing (a request is a few hundred bytes).
MAX_REQUEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class PkiReply:
    status: int
    content_type: str
    body: bytes
    max_age: int = 0  # seconds a cache may keep it


def _plain(status: int, text: str) -> PkiReply:
    return PkiReply(status, "text/plain; charset=utf-8", text.encode())


class PkiEndpoints:
    """Answers for one :class:`PkiHierarchy`."""

    def __init__(self, pki: PkiHierarchy) -> None:
        self.pki = pki

    def _ca(self, label: str) -> CertificateAuthority | None:
        return {ROOT_LABEL: self.pki.root, ISSUING_LABEL: self.pki.issuing}.get(label)

    def get(self, name: str) -> PkiReply:
        stem, _, suffix = name.partition(".")
        ca = self._ca(stem)
        if ca is not None and suffix == "crt":
            der = ca.certificate.public_bytes(serialization.Encoding.DER)
            return PkiReply(200, CERT_TYPE, der, max_age=86400)
        if ca is not None and suffix == "crl":
            return PkiReply(200, CRL_TYPE, ca.crl_der(), max_age=300)
        if name.startswith("ocsp/"):
            try:
                request = base64.b64decode(unquote(name[5:]), validate=True)
            except (binascii.Error, ValueError):
                return _plain(400, "invalid base64 OCSP request")
            return self._ocsp(request)
        return _plain(404, "not found")

    def post(self, name: str, body: bytes, content_type: str) -> PkiReply:
        if len(body) > MAX_REQUEST_BYTES:
            return _plain(413, "request too large")
        media_type = content_type.split(";")[0].strip().lower()
        if name == "ocsp":
            if media_type != OCSP_REQUEST_TYPE:
                return _plain(415, f"expected {OCSP_REQUEST_TYPE}")
            return self._ocsp(body)
        if name == "tsa":
            if media_type != TSA_QUERY_TYPE:
                return _plain(415, f"expected {TSA_QUERY_TYPE}")
            stamper = self.pki.timestamper(now=self.pki.clock())
            return PkiReply(
                200, TSA_REPLY_TYPE, timestamp_respond(body, stamper=stamper)
            )
        return _plain(404, "not found")

    def _ocsp(self, request: bytes) -> PkiReply:
        responder = self.pki.service_identity(Profile.OCSP)
        body = ocsp_respond(
            request,
            ca=self.pki.issuing,
            responder_certificate=responder.certificate,
            responder_key=responder.key,
            now=self.pki.clock(),
        )
        return PkiReply(200, OCSP_RESPONSE_TYPE, body)
