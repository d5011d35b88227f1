"""Fixtures of the signatures tests: a throw-away PKI per session (no database),
installed as "the" demo PKI for a test through settings, and its CAs in the trust
store. No test touches the network: other URLs fail fast."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization

from congso.accounts.constants import Role
from congso.accounts.tests.factories import agency, official
from congso.signatures import services
from congso.signatures.constants import AnchorFamily
from congso.signatures.pki.testing import ThrowawayPki, throwaway_pki

PEM = serialization.Encoding.PEM
DER = serialization.Encoding.DER


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayPki:
    """Root, issuing CA, OCSP responder, TSA, a leader and an agency."""
    return throwaway_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def foreign_pki(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayPki:
    """Another hierarchy, never in the trust store."""
    return throwaway_pki(
        tmp_path_factory.mktemp("foreign"), base_url="http://foreign.congso.test"
    )


@pytest.fixture
def installed(pki: ThrowawayPki, settings) -> ThrowawayPki:
    """The session PKI as the installed demo PKI; network fetching off."""
    settings.SIGNATURES_PKI_DIR = pki.pki.directory
    settings.PKI_BASE_URL = pki.pki.urls.base
    settings.SIGNATURES_REVOCATION_FETCH = False
    settings.SIGNATURES_TSA_URL = pki.pki.urls.tsa
    return pki


@pytest.fixture
def anchors(db, installed: ThrowawayPki):
    """The session PKI's root and issuing CA in the trust store."""
    root = services.trust_anchor_add(
        data=installed.root.public_bytes(PEM), family=AnchorFamily.DEMO, actor=None
    )
    issuing = services.trust_anchor_add(
        data=installed.issuing.public_bytes(DER), family=AnchorFamily.DEMO, actor=None
    )
    return root, issuing


@pytest.fixture
def ward(db):
    return agency("UBND phường Thử Nghiệm")


@pytest.fixture
def leader(ward):
    return official("lanhdao", role=Role.AGENCY_LEADER, at=ward)
