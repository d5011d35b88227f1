"""The OCSP responder of the demo PKI (RFC 6960), built on ``cryptography.x509.ocsp``.

The issuing CA delegates signing to a responder certificate (extended key usage
OCSPSigning, with id-pkix-ocsp-nocheck). Answers: ``good`` for a serial the CA issued
and did not revoke, ``revoked`` with time and reason, ``unknown`` for a serial it never
issued; ``unauthorized`` for another issuer and ``malformedRequest`` for bytes that
are not an OCSP request."""

from __future__ import annotations

from datetime import datetime, timedelta

from asn1crypto import keys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
)
from cryptography.x509 import ocsp

from congso.signatures.pki.ca import CertificateAuthority

#: How long a response may be cached (its nextUpdate).
OCSP_VALIDITY = timedelta(hours=1)


def _digest(algorithm: hashes.HashAlgorithm, data: bytes) -> bytes:
    h = hashes.Hash(algorithm)
    h.update(data)
    return h.finalize()


def issuer_hashes(
    issuer: x509.Certificate, algorithm: hashes.HashAlgorithm
) -> tuple[bytes, bytes]:
    """(issuerNameHash, issuerKeyHash) of a CertID (RFC 6960 §4.1.1): the hash of
    the DER subject and of the subjectPublicKey BIT STRING's value."""
    spki = issuer.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key_bits = keys.PublicKeyInfo.load(spki)["public_key"].contents[1:]
    return _digest(algorithm, issuer.subject.public_bytes()), _digest(
        algorithm, key_bits
    )


def _unsuccessful(status: ocsp.OCSPResponseStatus) -> bytes:
    return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(
        serialization.Encoding.DER
    )


def ocsp_respond(
    request_der: bytes,
    *,
    ca: CertificateAuthority,
    responder_certificate: x509.Certificate,
    responder_key: CertificateIssuerPrivateKeyTypes,
    now: datetime,
) -> bytes:
    """The DER OCSP response to ``request_der`` (always a response, never an
    exception: errors are OCSP response statuses)."""
    try:
        request = ocsp.load_der_ocsp_request(request_der)
        algorithm = request.hash_algorithm
    except Exception:  # ValueError, UnsupportedAlgorithm…: not a request we can answer
        return _unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
    expected = issuer_hashes(ca.certificate, algorithm)
    if (request.issuer_name_hash, request.issuer_key_hash) != expected:
        return _unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED)
    status = ca.status(request.serial_number)
    if not status.known:
        cert_status = ocsp.OCSPCertStatus.UNKNOWN
    elif status.revoked:
        cert_status = ocsp.OCSPCertStatus.REVOKED
    else:
        cert_status = ocsp.OCSPCertStatus.GOOD
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response_by_hash(
            issuer_name_hash=request.issuer_name_hash,
            issuer_key_hash=request.issuer_key_hash,
            serial_number=request.serial_number,
            algorithm=algorithm,
            cert_status=cert_status,
            this_update=now,
            next_update=now + OCSP_VALIDITY,
            revocation_time=status.revoked_at,
            revocation_reason=status.reason,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, responder_certificate)
        .certificates([responder_certificate])
    )
    for extension in request.extensions:
        if isinstance(extension.value, x509.OCSPNonce):  # echo the nonce
            builder = builder.add_extension(extension.value, critical=False)
    response = builder.sign(responder_key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)
