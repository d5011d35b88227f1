"""Pages: the public PKI endpoints through Django's URLconf (CSRF-exempt POSTs,
content types, 404 without a PKI), and "My certificates" (login required, only the
official's own certificates), plus its home-page panel."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import algos, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from django.test import Client
from django.urls import reverse

from congso.accounts.constants import Role
from congso.accounts.tests.factories import official
from congso.signatures import services
from congso.signatures.constants import CertificateKind
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD

pytestmark = pytest.mark.django_db


def _url(name: str) -> str:
    return reverse("signatures:pki-endpoint", args=[name])


def test_crl_and_ca_certificates_are_public(installed, client):
    response = client.get(_url("issuing.crl"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    assert "max-age=300" in response["Cache-Control"]
    crl = x509.load_der_x509_crl(response.content)
    assert crl.is_signature_valid(installed.issuing.public_key())
    cert = client.get(_url("root.crt"))
    assert cert["Content-Type"] == "application/pkix-cert"
    assert x509.load_der_x509_certificate(cert.content) == installed.root


def test_ocsp_and_tsa_accept_posts_without_csrf_token(installed):
    client = Client(enforce_csrf_checks=True)
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            installed.leader.certificate, installed.issuing, hashes.SHA256()
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    response = client.post(
        _url("ocsp"), request, content_type="application/ocsp-request"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ocsp-response"
    assert (
        ocsp.load_der_ocsp_response(response.content).certificate_status
        is ocsp.OCSPCertStatus.GOOD
    )
    query = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": hashlib.sha256(b"x").digest(),
            },
            "cert_req": True,
        }
    ).dump()
    stamped = client.post(
        _url("tsa"), query, content_type="application/timestamp-query"
    )
    assert stamped["Content-Type"] == "application/timestamp-reply"
    assert (
        tsp.TimeStampResp.load(stamped.content)["status"]["status"].native == "granted"
    )
    wrong = client.post(_url("tsa"), query, content_type="application/octet-stream")
    assert wrong.status_code == 415


def test_endpoints_without_an_installed_pki(settings, client, tmp_path):
    settings.SIGNATURES_PKI_DIR = tmp_path / "none"
    assert client.get(_url("issuing.crl")).status_code == 404
    assert client.put(_url("ocsp"), b"").status_code == 405


def test_my_certificates_requires_login(client):
    url = reverse("signatures:certificate-list-mine")
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_my_certificates_shows_only_my_own(anchors, leader, ward, installed, client):
    services.certificate_import_pkcs12(
        data=installed.leader.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=leader,
        actor=None,
    )
    other = official("nguoikhac", role=Role.SPECIALIST, at=ward)
    stranger = installed.issue_personal("stranger", "Người Lạ Khác")
    services.certificate_import_pkcs12(
        data=stranger.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=other,
        actor=None,
    )
    client.force_login(leader)
    page = client.get(reverse("signatures:certificate-list-mine")).content.decode()
    assert "Trần Thị Lan" in page
    assert "Người Lạ Khác" not in page
    assert "Còn hiệu lực" in page  # status label (needs the merged catalogue)
    client.force_login(other)
    page = client.get(reverse("signatures:certificate-list-mine")).content.decode()
    assert "Người Lạ Khác" in page
    assert "Trần Thị Lan" not in page


def test_home_panel_counts_valid_certificates(anchors, leader, installed, client):
    client.force_login(leader)
    panels = client.get(reverse("accounts:home")).context["panels"]
    mine = next(p for p in panels if str(p.title) == "Chứng thư số của tôi")
    assert (mine.items[0].value, mine.items[0].tone) == (0, "warn")
    services.certificate_import_pkcs12(
        data=installed.leader.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=leader,
        actor=None,
    )
    panels = client.get(reverse("accounts:home")).context["panels"]
    mine = next(p for p in panels if str(p.title) == "Chứng thư số của tôi")
    assert (mine.items[0].value, mine.items[0].tone) == (1, "ok")
