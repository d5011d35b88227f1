"""The RFC 3161 time-stamping service of the demo PKI.

Tokens are built by pyHanko's ``DummyTimeStamper`` (a real TSA in-process: it signs a
``TSTInfo`` with the TSA certificate and key, RSA only); this module adds the checks a
TSA owes its clients — parseable request, accepted hash algorithm (no SHA-1 or MD5,
domain §2), matching digest length, our policy — and answers anything else with a
``rejection`` status and the RFC 3161 failure bit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from asn1crypto import cms, core, keys, tsp, x509
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

#: The demo TSA's policy. A 2.25 (UUID) arc needs no registration (ITU-T X.667).
TSA_POLICY_OID = "2.25.153387046133938425358419838669706392437"

#: Message-imprint algorithms accepted, with their digest lengths (domain §2).
ACCEPTED_DIGESTS = {
    "sha256": 32,
    "sha384": 48,
    "sha512": 64,
    "sha3_256": 32,
    "sha3_384": 48,
    "sha3_512": 64,
}


class CongsoTimeStamper(DummyTimeStamper):
    """pyHanko's in-process TSA, stamping our policy and a one-second accuracy.

    Use it directly where pyHanko wants a ``TimeStamper`` (no network); the
    ``/pki/tsa`` view serves the same tokens over HTTP."""

    def _build_tst_info(
        self, message_imprint: tsp.MessageImprint, dt: datetime, req: tsp.TimeStampReq
    ) -> tsp.TSTInfo:
        # Overrides a pyHanko internal (pinned to 0.38.x); the rest is the parent's.
        info: Any = super()._build_tst_info(message_imprint, dt, req)
        info["policy"] = tsp.ObjectIdentifier(TSA_POLICY_OID)
        info["accuracy"] = tsp.Accuracy({"seconds": 1})
        return info


def as_asn1_certificate(certificate: pyca_x509.Certificate) -> x509.Certificate:
    return x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def as_asn1_key(key: PrivateKeyTypes) -> keys.PrivateKeyInfo:
    return keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def timestamper(
    *,
    certificate: pyca_x509.Certificate,
    key: PrivateKeyTypes,
    chain: list[pyca_x509.Certificate],
    now: datetime | None = None,
) -> CongsoTimeStamper:
    """A time-stamper signing with the TSA ``certificate``/``key``, embedding
    ``chain`` (the CA certificates) in each token; ``now`` fixes the clock."""
    return CongsoTimeStamper(
        tsa_cert=as_asn1_certificate(certificate),
        tsa_key=as_asn1_key(key),
        certs_to_embed=[as_asn1_certificate(c) for c in chain],  # type: ignore[arg-type]  # any iterable works
        fixed_dt=now,
    )


class StatusOnlyTimeStampResp(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """``TimeStampResp`` without a token. asn1crypto's class marks the token as
    required although RFC 3161 §2.4.2 makes it OPTIONAL (absent on rejection)."""

    _fields = [("status", tsp.PKIStatusInfo)]


def _rejection(failure: str, text: str) -> bytes:
    status = tsp.PKIStatusInfo(
        {
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({failure}),
        }
    )
    return StatusOnlyTimeStampResp({"status": status}).dump()  # type: ignore[no-any-return]


def timestamp_respond(query_der: bytes, *, stamper: CongsoTimeStamper) -> bytes:
    """The DER ``TimeStampResp`` to ``query_der`` (a ``TimeStampReq``)."""
    try:
        request = tsp.TimeStampReq.load(query_der)
        request.native  # noqa: B018  # parse everything now, not while signing
        imprint = request["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        digest = imprint["hashed_message"].native
        policy = request["req_policy"].native
    except (ValueError, TypeError, KeyError):
        return _rejection("bad_data_format", "malformed TimeStampReq")
    if algorithm not in ACCEPTED_DIGESTS:
        return _rejection("bad_alg", f"hash algorithm {algorithm} not accepted")
    if len(digest) != ACCEPTED_DIGESTS[algorithm]:
        return _rejection("bad_data_format", "digest length does not match")
    if policy is not None and policy != TSA_POLICY_OID:
        return _rejection("unaccepted_policy", f"policy {policy} not supported")
    if request["extensions"].native:
        return _rejection("unaccepted_extension", "extensions are not supported")
    response = stamper.request_tsa_response(request)
    return response.dump()  # type: ignore[no-any-return]


def token_info(token: cms.ContentInfo) -> tsp.TSTInfo:
    """The ``TSTInfo`` inside a time-stamp token."""
    return token["content"]["encap_content_info"]["content"].parsed
