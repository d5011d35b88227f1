"""The PKI services over real HTTP on loopback (pytest-django ``live_server``),
checked by independent clients: ``urllib``, pyhanko-certvalidator's ``requests``
fetchers, pyHanko's ``HTTPTimeStamper`` and the ``openssl`` command line."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import RevokedError
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from congso.core.tests.system import require_tool
from congso.signatures.pki.testing import ThrowawayPki, asn1, throwaway_pki
from congso.signatures.pki.tsa import token_info


@pytest.fixture
def served(live_server, settings, tmp_path) -> ThrowawayPki:
    """A fresh PKI whose certificates point at the live server, installed there."""
    pki = throwaway_pki(tmp_path / "pki", base_url=live_server.url)
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = live_server.url
    return pki


def _http(
    url: str, data: bytes | None = None, content_type: str = ""
) -> tuple[str, bytes]:
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310  # loopback
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers["Content-Type"], response.read()


def _openssl() -> str:
    return require_tool("openssl", "openssl")


def _write(folder: Path, name: str, certificate: x509.Certificate) -> Path:
    path = folder / name
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def test_crl_over_http(served):
    content_type, body = _http(f"{served.pki.urls.base}/pki/issuing.crl")
    assert content_type == "application/pkix-crl"
    assert x509.load_der_x509_crl(body).is_signature_valid(served.issuing.public_key())


def test_ocsp_over_http(served):
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(served.agency.certificate, served.issuing, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    content_type, body = _http(
        served.pki.urls.ocsp, request, "application/ocsp-request"
    )
    assert content_type == "application/ocsp-response"
    response = ocsp.load_der_ocsp_response(body)
    assert response.certificate_status is ocsp.OCSPCertStatus.GOOD
    assert response.serial_number == served.agency.certificate.serial_number


def test_certvalidator_fetches_over_http_and_sees_revocation(served):
    """Path building and hard-fail revocation with the library's own network
    fetchers, against Công Sở's endpoints; then the CA revokes and OCSP says so."""

    def validate():
        context = ValidationContext(
            trust_roots=[asn1(served.root)],
            allow_fetching=True,
            revocation_mode="require",
            fetcher_backend=RequestsFetcherBackend(per_request_timeout=10),
        )
        validator = CertificateValidator(
            asn1(served.leader.certificate), validation_context=context
        )
        return asyncio.run(validator.async_validate_usage({"non_repudiation"}))

    path = validate()  # the issuing CA came from the caIssuers URL
    assert len(list(path.iter_certs(include_root=True))) == 3
    served.pki.issuing.revoke(
        serial_number=served.leader.certificate.serial_number,
        revoked_at=datetime.now(UTC),
    )
    with pytest.raises(RevokedError):
        validate()


def test_pyhanko_http_timestamper(served):
    digest = hashlib.sha256(b"Giay chung nhan").digest()
    token = asyncio.run(
        HTTPTimeStamper(served.pki.urls.tsa).async_timestamp(digest, "sha256")
    )
    assert token_info(token)["message_imprint"]["hashed_message"].native == digest


def test_openssl_ocsp_client(served, tmp_path):
    openssl = _openssl()
    issuer = _write(tmp_path, "issuing.pem", served.issuing)
    leaf = _write(tmp_path, "leader.pem", served.leader.certificate)
    chain = tmp_path / "chain.pem"
    chain.write_bytes(
        issuer.read_bytes() + served.root.public_bytes(serialization.Encoding.PEM)
    )
    result = subprocess.run(
        [
            openssl,
            "ocsp",
            "-issuer",
            str(issuer),
            "-cert",
            str(leaf),
            "-url",
            served.pki.urls.ocsp,
            "-CAfile",
            str(chain),
            "-resp_text",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Response verify OK" in result.stderr + result.stdout
    assert f"{leaf}: good" in result.stdout
    assert "OCSP Nonce" in result.stdout  # openssl sends one; we echo it


def test_openssl_verifies_timestamp_reply(served, tmp_path):
    openssl = _openssl()
    data = tmp_path / "quyet-dinh.pdf"
    data.write_bytes(b"%PDF-1.7 Quyet dinh so 123/QD-UBND")
    query = tmp_path / "request.tsq"
    subprocess.run(
        [
            openssl,
            "ts",
            "-query",
            "-data",
            str(data),
            "-sha256",
            "-cert",
            "-out",
            str(query),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    content_type, body = _http(
        served.pki.urls.tsa, query.read_bytes(), "application/timestamp-query"
    )
    assert content_type == "application/timestamp-reply"
    reply = tmp_path / "reply.tsr"
    reply.write_bytes(body)
    root = _write(tmp_path, "root.pem", served.root)
    issuing = _write(tmp_path, "issuing.pem", served.issuing)
    result = subprocess.run(
        [
            openssl,
            "ts",
            "-verify",
            "-data",
            str(data),
            "-in",
            str(reply),
            "-CAfile",
            str(root),
            "-untrusted",
            str(issuing),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verification: OK" in result.stdout
    tampered = tmp_path / "other.pdf"
    tampered.write_bytes(b"%PDF-1.7 Quyet dinh so 124/QD-UBND")
    bad = subprocess.run(
        [
            openssl,
            "ts",
            "-verify",
            "-data",
            str(tampered),
            "-in",
            str(reply),
            "-CAfile",
            str(root),
            "-untrusted",
            str(issuing),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode != 0
