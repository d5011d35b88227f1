"""The demo PKI without the database: certificate profiles, CRL, OCSP responder,
RFC 3161 time-stamps, and path validation with revocation through the in-process
fetchers (pyhanko-certvalidator)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from asn1crypto import algos, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator.errors import RevokedError

from congso.signatures.pki.hierarchy import KeyType, PkiHierarchy
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.ocsp import ocsp_respond
from congso.signatures.pki.profiles import Profile
from congso.signatures.pki.testing import ThrowawayPki, asn1
from congso.signatures.pki.tsa import (
    TSA_POLICY_OID,
    StatusOnlyTimeStampResp,
    timestamp_respond,
    token_info,
)


def _ext(cert: x509.Certificate, kind: type[x509.ExtensionType]) -> x509.Extension:  # type: ignore[type-arg]
    return cert.extensions.get_extension_for_class(kind)


def _ocsp_request(
    cert: x509.Certificate, issuer: x509.Certificate, *, nonce: bytes = b""
) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA256())
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def _ocsp(pki: ThrowawayPki, request: bytes) -> ocsp.OCSPResponse:
    return ocsp.load_der_ocsp_response(
        pki.endpoints.post("ocsp", request, "application/ocsp-request").body
    )


def _verify(
    public_key, signature: bytes, data: bytes, algorithm: hashes.HashAlgorithm
) -> None:
    if isinstance(public_key, rsa.RSAPublicKey):
        public_key.verify(signature, data, padding.PKCS1v15(), algorithm)
    else:
        public_key.verify(signature, data, ec.ECDSA(algorithm))


def _tsa_query(
    digest: bytes,
    algorithm: str = "sha256",
    nonce: int | None = 42,
    policy: str | None = None,
) -> bytes:
    fields = {
        "version": "v1",
        "message_imprint": tsp.MessageImprint(
            {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": algorithm}),
                "hashed_message": digest,
            }
        ),
        "cert_req": True,
    }
    if nonce is not None:
        fields["nonce"] = core.Integer(nonce)
    if policy is not None:
        fields["req_policy"] = policy
    return tsp.TimeStampReq(fields).dump()


# Certificate profiles ----------------------------------------------------------


def test_hierarchy_profiles_follow_rfc_5280(pki: ThrowawayPki):
    """Root and issuing CA are CAs with keyCertSign/cRLSign; leaves are not CAs,
    sign with digitalSignature + nonRepudiation (critical) and point at the local
    CRL, OCSP and CA-certificate URLs; AKI of each equals its issuer's SKI."""
    root, issuing, leader = pki.root, pki.issuing, pki.leader.certificate
    assert _ext(root, x509.BasicConstraints).value.ca is True
    assert _ext(issuing, x509.BasicConstraints).value.path_length == 0
    assert _ext(issuing, x509.KeyUsage).value.key_cert_sign
    leaf_usage = _ext(leader, x509.KeyUsage)
    assert leaf_usage.critical
    assert leaf_usage.value.digital_signature
    assert leaf_usage.value.content_commitment
    assert _ext(leader, x509.BasicConstraints).value.ca is False
    for child, parent in ((issuing, root), (leader, issuing)):
        assert (
            _ext(child, x509.AuthorityKeyIdentifier).value.key_identifier
            == _ext(parent, x509.SubjectKeyIdentifier).value.digest
        )
        child.verify_directly_issued_by(parent)
    urls = pki.pki.urls
    crl_dp = _ext(leader, x509.CRLDistributionPoints).value[0].full_name[0].value
    assert crl_dp == f"{urls.base}/pki/issuing.crl"
    access = {
        a.access_method._name: a.access_location.value
        for a in _ext(leader, x509.AuthorityInformationAccess).value
    }
    assert access == {"OCSP": urls.ocsp, "caIssuers": f"{urls.base}/pki/issuing.crt"}
    assert (
        _ext(issuing, x509.CRLDistributionPoints)
        .value[0]
        .full_name[0]
        .value.endswith("/pki/root.crl")
    )
    assert leader.signature_hash_algorithm.name == "sha256"


def test_service_certificates(pki: ThrowawayPki):
    """The TSA has the single, critical EKU timeStamping; the OCSP responder has
    OCSPSigning and id-pkix-ocsp-nocheck."""
    tsa_eku = _ext(pki.tsa.certificate, x509.ExtendedKeyUsage)
    assert tsa_eku.critical
    assert list(tsa_eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    ocsp_cert = pki.ocsp.certificate
    assert list(_ext(ocsp_cert, x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.OCSP_SIGNING
    ]
    assert _ext(ocsp_cert, x509.OCSPNoCheck) is not None


def test_vietnamese_names_are_utf8string(pki: ThrowawayPki):
    """Subject attributes other than the country are UTF8String, in NFC."""
    subject = asn1(pki.leader.certificate).subject
    for rdn in subject.chosen:
        for attribute in rdn:
            kind = attribute["type"].native
            expected = "printable_string" if kind == "country_name" else "utf8_string"
            assert attribute["value"].name == expected, kind
    assert (
        pki.leader.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[
            0
        ].value
        == "Trần Thị Lan"
    )
    name = distinguished_name(common_name="Tra\u0300n")  # NFD input
    assert name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Tràn"


def test_open_or_create_and_issue_are_idempotent(pki: ThrowawayPki):
    again, created = PkiHierarchy.open_or_create(
        pki.pki.directory, base_url="http://other"
    )
    assert created is False
    assert again.root.certificate == pki.root
    assert again.urls.base == pki.pki.urls.base  # the first base URL stays
    same, issued = again.issue(
        slug="leader",
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="x"),
    )
    assert issued is False
    assert same.certificate == pki.leader.certificate


def test_ec_identity(pki: ThrowawayPki):
    identity = pki.issue_personal(
        "ec-official", "Lê Văn Trường", key_type=KeyType.EC_P256
    )
    key = identity.certificate.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    assert key.curve.name == "secp256r1"
    identity.certificate.verify_directly_issued_by(pki.issuing)


# CRL -----------------------------------------------------------------------------


def test_crl_is_signed_and_lists_revocations(pki: ThrowawayPki):
    """The CRL is signed by the issuing CA, has nextUpdate and a growing CRL number;
    a revocation appears at once with its reason."""
    before = x509.load_der_x509_crl(pki.endpoints.get("issuing.crl").body)
    assert before.is_signature_valid(pki.issuing.public_key())
    assert before.next_update_utc > before.last_update_utc
    victim = pki.issue_personal("crl-victim", "Người Bị Thu Hồi")
    serial = victim.certificate.serial_number
    assert before.get_revoked_certificate_by_serial_number(serial) is None
    assert pki.pki.issuing.revoke(
        serial_number=serial,
        revoked_at=datetime.now(UTC),
        reason=x509.ReasonFlags.key_compromise,
    )
    assert not pki.pki.issuing.revoke(
        serial_number=serial, revoked_at=datetime.now(UTC)
    )
    reply = pki.endpoints.get("issuing.crl")
    assert reply.content_type == "application/pkix-crl"
    after = x509.load_der_x509_crl(reply.body)
    assert after.is_signature_valid(pki.issuing.public_key())
    entry = after.get_revoked_certificate_by_serial_number(serial)
    assert entry is not None
    assert (
        entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
        is x509.ReasonFlags.key_compromise
    )
    assert _crl_number(after) > _crl_number(before)
    root_crl = x509.load_der_x509_crl(pki.endpoints.get("root.crl").body)
    assert root_crl.is_signature_valid(pki.root.public_key())


def _crl_number(crl: x509.CertificateRevocationList) -> int:
    return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number


def test_unknown_serial_cannot_be_revoked(pki: ThrowawayPki):
    with pytest.raises(KeyError):
        pki.pki.issuing.revoke(serial_number=12345, revoked_at=datetime.now(UTC))


# OCSP ----------------------------------------------------------------------------


def test_ocsp_good_signed_by_delegated_responder_with_nonce(pki: ThrowawayPki):
    nonce = os.urandom(16)
    response = _ocsp(
        pki, _ocsp_request(pki.agency.certificate, pki.issuing, nonce=nonce)
    )
    assert response.response_status is ocsp.OCSPResponseStatus.SUCCESSFUL
    assert response.certificate_status is ocsp.OCSPCertStatus.GOOD
    assert response.serial_number == pki.agency.certificate.serial_number
    assert response.next_update_utc > response.this_update_utc
    responder = response.certificates[0]
    assert responder == pki.ocsp.certificate
    responder.verify_directly_issued_by(pki.issuing)
    _verify(
        responder.public_key(),
        response.signature,
        response.tbs_response_bytes,
        response.signature_hash_algorithm,
    )
    assert (
        response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce
    )


def test_ocsp_revoked_and_unknown(pki: ThrowawayPki):
    victim = pki.issue_personal("ocsp-victim", "Người Bị Thu Hồi OCSP")
    request = _ocsp_request(victim.certificate, pki.issuing)
    assert _ocsp(pki, request).certificate_status is ocsp.OCSPCertStatus.GOOD
    when = datetime.now(UTC).replace(microsecond=0)
    pki.pki.issuing.revoke(
        serial_number=victim.certificate.serial_number,
        revoked_at=when,
        reason=x509.ReasonFlags.superseded,
    )
    revoked = _ocsp(pki, request)
    assert revoked.certificate_status is ocsp.OCSPCertStatus.REVOKED
    assert revoked.revocation_time_utc == when
    assert revoked.revocation_reason is x509.ReasonFlags.superseded
    unknown_serial = (
        ocsp.OCSPRequestBuilder()
        .add_certificate_by_hash(
            issuer_name_hash=revoked.issuer_name_hash,
            issuer_key_hash=revoked.issuer_key_hash,
            serial_number=424242,
            algorithm=hashes.SHA256(),
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    assert _ocsp(pki, unknown_serial).certificate_status is ocsp.OCSPCertStatus.UNKNOWN
    # RFC 6960 appendix A.1: the same request by GET, base64 in the path
    by_get = pki.endpoints.get(
        "ocsp/" + quote(base64.b64encode(request).decode(), safe="")
    )
    assert by_get.content_type == "application/ocsp-response"
    answer = ocsp.load_der_ocsp_response(by_get.body)
    assert answer.certificate_status is ocsp.OCSPCertStatus.REVOKED


def test_ocsp_refuses_other_issuers_and_garbage(
    pki: ThrowawayPki, foreign_pki: ThrowawayPki
):
    foreign = _ocsp(
        pki, _ocsp_request(foreign_pki.leader.certificate, foreign_pki.issuing)
    )
    assert foreign.response_status is ocsp.OCSPResponseStatus.UNAUTHORIZED
    garbage = _ocsp(pki, b"\x30\x03\x02\x01\x00")
    assert garbage.response_status is ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    sha1_request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(pki.leader.certificate, pki.issuing, hashes.SHA1())  # noqa: S303
        .build()
        .public_bytes(serialization.Encoding.DER)
    )  # SHA-1 CertIDs are what most clients send; answering them is fine
    assert _ocsp(pki, sha1_request).certificate_status is ocsp.OCSPCertStatus.GOOD
    direct = ocsp_respond(
        b"not der",
        ca=pki.pki.issuing,
        responder_certificate=pki.ocsp.certificate,
        responder_key=pki.ocsp.key,
        now=datetime.now(UTC),
    )
    assert (
        ocsp.load_der_ocsp_response(direct).response_status
        is ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    )


# Time-stamps -----------------------------------------------------------------------


def test_timestamp_token_is_valid_rfc_3161(pki: ThrowawayPki):
    """The reply is ``granted``; the token's TSTInfo carries our imprint, nonce and
    policy; its signature verifies with the TSA certificate, which chains to the
    root; pyHanko's own TST validation agrees."""
    digest = hashlib.sha256(b"Quyet dinh so 123/QD-UBND").digest()
    reply = pki.endpoints.post("tsa", _tsa_query(digest), "application/timestamp-query")
    assert reply.content_type == "application/timestamp-reply"
    response = tsp.TimeStampResp.load(reply.body)
    assert response["status"]["status"].native == "granted"
    token = response["time_stamp_token"]
    info = token_info(token)
    assert info["message_imprint"]["hashed_message"].native == digest
    assert info["nonce"].native == 42
    assert info["policy"].native == TSA_POLICY_OID
    assert abs(info["gen_time"].native - datetime.now(UTC)) < timedelta(minutes=1)
    signed = token["content"]
    signer = signed["signer_infos"][0]
    tsa_cert = pki.tsa.certificate
    signed_attrs = b"\x31" + signer["signed_attrs"].dump()[1:]  # signed as SET OF
    _verify(
        tsa_cert.public_key(), signer["signature"].native, signed_attrs, hashes.SHA256()
    )
    embedded = {c.chosen.sha256 for c in signed["certificates"]}
    assert asn1(tsa_cert).sha256 in embedded
    assert asn1(pki.issuing).sha256 in embedded
    status = asyncio.run(
        validate_tst_signed_data(
            signed, pki.validation_context(), lambda _algorithm: digest
        )
    )
    assert status["intact"]
    assert status["valid"]
    assert status["trust_problem_indic"] is None


@pytest.mark.parametrize(
    ("query", "failure"),
    [
        (_tsa_query(hashlib.sha1(b"x").digest(), "sha1"), "bad_alg"),  # noqa: S324  # the point
        (_tsa_query(b"short"), "bad_data_format"),
        (b"not a request", "bad_data_format"),
        (
            _tsa_query(hashlib.sha256(b"x").digest(), policy="1.2.3.4"),
            "unaccepted_policy",
        ),
    ],
)
def test_timestamp_rejections(pki: ThrowawayPki, query: bytes, failure: str):
    reply = timestamp_respond(query, stamper=pki.tsa_timestamper())
    response = StatusOnlyTimeStampResp.load(reply)  # no token: RFC 3161 §2.4.2
    assert response["status"]["status"].native == "rejection"
    assert failure in response["status"]["fail_info"].native


def test_timestamper_is_a_pyhanko_timestamper(pki: ThrowawayPki):
    """The in-process TSA pyHanko uses when signing B-T returns the same tokens."""
    digest = hashlib.sha256(b"ban ky").digest()
    token = asyncio.run(pki.tsa_timestamper().async_timestamp(digest, "sha256"))
    assert token_info(token)["message_imprint"]["hashed_message"].native == digest


def test_endpoint_rejects_wrong_media_type_and_size(pki: ThrowawayPki):
    assert pki.endpoints.post("ocsp", b"x", "text/plain").status == 415
    assert (
        pki.endpoints.post("tsa", b"x" * 70_000, "application/timestamp-query").status
        == 413
    )
    assert pki.endpoints.get("nothing.crl").status == 404
    cert = pki.endpoints.get("issuing.crt")
    assert x509.load_der_x509_certificate(cert.body) == pki.issuing


# Path validation with the in-process fetchers ----------------------------------------


def _validate(pki: ThrowawayPki, certificate: x509.Certificate):
    validator = CertificateValidator(
        asn1(certificate), validation_context=pki.validation_context()
    )
    return asyncio.run(validator.async_validate_usage({"non_repudiation"}))


def test_certvalidator_with_required_revocation_checks(pki: ThrowawayPki):
    """``revocation_mode="require"`` passes only because OCSP/CRL are answered
    in-process; after revocation the same validation raises RevokedError."""
    identity = pki.issue_personal("path-victim", "Người Kiểm Tra Đường Dẫn")
    path = _validate(pki, identity.certificate)
    assert (
        next(iter(path.iter_certs(include_root=True))).sha256 == asn1(pki.root).sha256
    )
    pki.pki.issuing.revoke(
        serial_number=identity.certificate.serial_number, revoked_at=datetime.now(UTC)
    )
    with pytest.raises(RevokedError):
        _validate(pki, identity.certificate)


def test_network_urls_fail_fast_when_fetching_is_off(
    foreign_pki: ThrowawayPki, pki: ThrowawayPki
):
    """A context trusting ``pki`` cannot reach ``foreign_pki``'s URLs: no network."""
    validator = CertificateValidator(
        asn1(foreign_pki.leader.certificate),
        validation_context=pki.validation_context(),
    )
    with pytest.raises(Exception, match="path"):
        asyncio.run(validator.async_validate_path())
    assert isinstance(asn1(pki.root), asn1_x509.Certificate)
