"""A fresh, throw-away PKI for tests and for the signing and verification code's
tests: no database, no settings, no network.

    pki = throwaway_pki(tmp_path)
    pki.leader.certificate, pki.leader.key          # an official (RSA-2048)
    pki.agency.certificate, pki.agency.key          # an agency (RSA-2048)
    pki.tsa_timestamper()                           # pyHanko TimeStamper, in-process
    pki.validation_context()                        # trusts the root; CRL/OCSP in-process
    pki.pki.issuing.revoke(serial_number=…, revoked_at=…)   # then OCSP/CRL say revoked

``base_url`` only names the URLs written into certificates; the fetcher backend
answers them in-process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko_certvalidator import ValidationContext

from congso.signatures.pki.ca import Clock, utc_now
from congso.signatures.pki.endpoints import PkiEndpoints
from congso.signatures.pki.fetchers import LocalPkiFetcherBackend
from congso.signatures.pki.hierarchy import Identity, KeyType, PkiHierarchy
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import Profile
from congso.signatures.pki.tsa import CongsoTimeStamper, as_asn1_certificate

TEST_BASE_URL = "http://pki.congso.test"


def asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    """The asn1crypto form pyHanko and certvalidator take."""
    return as_asn1_certificate(certificate)


@dataclass
class ThrowawayPki:
    pki: PkiHierarchy
    leader: Identity
    agency: Identity

    @property
    def endpoints(self) -> PkiEndpoints:
        return PkiEndpoints(self.pki)

    @property
    def root(self) -> x509.Certificate:
        return self.pki.root.certificate

    @property
    def issuing(self) -> x509.Certificate:
        return self.pki.issuing.certificate

    @property
    def tsa(self) -> Identity:
        return self.pki.service_identity(Profile.TSA)

    @property
    def ocsp(self) -> Identity:
        return self.pki.service_identity(Profile.OCSP)

    def fetcher_backend(self) -> LocalPkiFetcherBackend:
        return LocalPkiFetcherBackend(
            {self.pki.urls.prefix: self.endpoints}, allow_network=False
        )

    def validation_context(self, **options: Any) -> ValidationContext:
        """Trusts this root; revocation is required and answered in-process."""
        settings: dict[str, Any] = {
            "trust_roots": [asn1(self.root)],
            "other_certs": [asn1(self.issuing)],
            "allow_fetching": True,
            "revocation_mode": "require",
            "fetcher_backend": self.fetcher_backend(),
        }
        settings.update(options)
        return ValidationContext(**settings)

    def tsa_timestamper(self, *, now: datetime | None = None) -> CongsoTimeStamper:
        return self.pki.timestamper(now=now)

    def issue_personal(
        self, slug: str, full_name: str, *, key_type: KeyType = KeyType.RSA_2048
    ) -> Identity:
        identity, _ = self.pki.issue(
            slug=slug,
            profile=Profile.PERSONAL,
            subject=distinguished_name(
                common_name=full_name, organization="UBND phường Thử Nghiệm"
            ),
            key_type=key_type,
        )
        return identity


def throwaway_pki(
    directory: Path,
    *,
    base_url: str = TEST_BASE_URL,
    clock: Clock = utc_now,
    ca_key_type: KeyType = KeyType.RSA_2048,
) -> ThrowawayPki:
    """Root, issuing CA, OCSP responder, TSA, a leader and an agency in ``directory``."""
    pki, _ = PkiHierarchy.open_or_create(
        directory, base_url=base_url, clock=clock, ca_key_type=ca_key_type
    )
    leader, _ = pki.issue(
        slug="leader",
        profile=Profile.PERSONAL,
        subject=distinguished_name(
            common_name="Trần Thị Lan",
            title="Chủ tịch UBND phường",
            organization="UBND phường Thử Nghiệm",
            state="Thành phố Huế",
        ),
    )
    agency, _ = pki.issue(
        slug="agency",
        profile=Profile.AGENCY,
        subject=distinguished_name(
            common_name="UBND phường Thử Nghiệm",
            organization="UBND phường Thử Nghiệm",
            state="Thành phố Huế",
        ),
    )
    return ThrowawayPki(pki=pki, leader=leader, agency=agency)
