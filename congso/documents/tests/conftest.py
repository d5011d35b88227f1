"""Fixtures of the documents tests: the office world and a throw-away PKI with
the leader's and the ward's certificates (software keys)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization

from congso.documents.tests.factories import Office, build_office
from congso.signatures import services as pki_services
from congso.signatures.constants import AnchorFamily, CertificateKind
from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD
from congso.signatures.pki.testing import ThrowawayPki, throwaway_pki


@pytest.fixture
def office(db) -> Office:
    return build_office()


@pytest.fixture(scope="session")
def documents_pki(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayPki:
    return throwaway_pki(tmp_path_factory.mktemp("documents-pki"))


@dataclass
class Keys:
    pki: ThrowawayPki
    personal: object
    agency: object


@pytest.fixture
def keys(office: Office, documents_pki: ThrowawayPki, settings) -> Keys:
    """The PKI installed and trusted; the leader's personal certificate and the
    ward's agency certificate imported with their keys."""
    pki = documents_pki
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = pki.pki.urls.base
    settings.SIGNATURES_REVOCATION_FETCH = False
    settings.SIGNATURES_TSA_URL = pki.pki.urls.tsa
    for certificate in (pki.root, pki.issuing):
        pki_services.trust_anchor_add(
            data=certificate.public_bytes(serialization.Encoding.PEM),
            family=AnchorFamily.DEMO,
            actor=None,
        )
    personal = pki_services.certificate_import_pkcs12(
        data=pki.leader.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=office.users["leader"],
        actor=None,
    )
    agency = pki_services.certificate_import_pkcs12(
        data=pki.agency.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.AGENCY,
        owner_agency=office.ward,
        actor=None,
    )
    return Keys(pki, personal, agency)
