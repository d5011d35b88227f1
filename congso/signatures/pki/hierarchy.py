"""The demo PKI as a whole: a root CA standing in for the national root and the
Government's official-use root, an issuing CA, a delegated OCSP responder, a TSA,
and the identities (certificate + key) issued to officials and agencies.

Layout of ``directory`` (``$CONGSO_VAR_DIR/pki`` for the installed demo)::

    pki.json                  base URL and creation time
    root/     key.pem cert.pem state.json crl.der
    issuing/  key.pem cert.pem state.json crl.der
    ocsp/     key.pem cert.pem
    tsa/      key.pem cert.pem
    issued/<slug>/  key.pem cert.pem bundle.p12   (PKCS#12 password: DEMO_PKCS12_PASSWORD)

Nothing here touches Django: tests build a throw-away hierarchy in a temp dir."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from congso.signatures.pki.ca import CertificateAuthority, Clock, utc_now
from congso.signatures.pki.files import (
    SigningKey,
    locked,
    read_certificate,
    read_key,
    write_atomic,
    write_certificate,
    write_key,
)
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import (
    ISSUING_LABEL,
    ROOT_LABEL,
    Issuer,
    PkiUrls,
    Profile,
    certificate_builder,
)
from congso.signatures.pki.tsa import CongsoTimeStamper, timestamper

#: Password of the ``bundle.p12`` files of demo identities (demo data only).
DEMO_PKCS12_PASSWORD = "CongSo@2025"  # noqa: S105  # documented demo value

DEMO_ORGANISATION = "Công Sở (dữ liệu mẫu)"
ROOT_NAME = "Công Sở Demo Root CA"
ISSUING_NAME = "Công Sở Demo Issuing CA"
OCSP_NAME = "Công Sở Demo OCSP Responder"
TSA_NAME = "Công Sở Demo TSA"

BACKDATE = timedelta(minutes=5)  # tolerate small clock differences
VALIDITY = {
    Profile.ROOT: timedelta(days=20 * 365),
    Profile.ISSUING_CA: timedelta(days=10 * 365),
    Profile.OCSP: timedelta(days=2 * 365),
    Profile.TSA: timedelta(days=5 * 365),
    Profile.PERSONAL: timedelta(days=3 * 365),
    Profile.AGENCY: timedelta(days=3 * 365),
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


class KeyType(enum.Enum):
    RSA_2048 = "rsa-2048"
    RSA_3072 = "rsa-3072"
    EC_P256 = "ec-p256"
    EC_P384 = "ec-p384"

    def generate(self) -> SigningKey:
        if self is KeyType.RSA_2048:
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if self is KeyType.RSA_3072:
            return rsa.generate_private_key(public_exponent=65537, key_size=3072)
        curve = ec.SECP256R1() if self is KeyType.EC_P256 else ec.SECP384R1()
        return ec.generate_private_key(curve)


@dataclass(frozen=True)
class Identity:
    """A certificate with its private key and the chain up to the root."""

    slug: str
    certificate: x509.Certificate
    key: SigningKey
    chain: list[x509.Certificate] = field(default_factory=list)

    def pkcs12(self, password: str = DEMO_PKCS12_PASSWORD) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=self.slug.encode(),
            key=self.key,
            cert=self.certificate,
            cas=self.chain,
            encryption_algorithm=BestAvailableEncryption(password.encode()),
        )


class PkiHierarchy:
    """Root, issuing CA, OCSP responder and TSA under one directory."""

    def __init__(self, directory: Path, *, clock: Clock = utc_now) -> None:
        self.directory = directory
        self.clock = clock
        self.root = CertificateAuthority(
            directory / "root", label=ROOT_LABEL, clock=clock
        )
        self.issuing = CertificateAuthority(
            directory / "issuing", label=ISSUING_LABEL, clock=clock
        )
        self._identities: dict[str, Identity] = {}

    # Creation ------------------------------------------------------------------
    @property
    def exists(self) -> bool:
        return (self.directory / "pki.json").exists()

    @classmethod
    def open(cls, directory: Path, *, clock: Clock = utc_now) -> PkiHierarchy:
        """An existing hierarchy (``FileNotFoundError`` if there is none)."""
        pki = cls(directory, clock=clock)
        if not pki.exists:
            raise FileNotFoundError(directory / "pki.json")
        return pki

    @classmethod
    def open_or_create(
        cls,
        directory: Path,
        *,
        base_url: str,
        clock: Clock = utc_now,
        ca_key_type: KeyType = KeyType.RSA_3072,
    ) -> tuple[PkiHierarchy, bool]:
        """The hierarchy in ``directory``, created first if absent. Returns it and
        whether it was created. Idempotent and safe between processes."""
        pki = cls(directory, clock=clock)
        with locked(directory):
            if pki.exists:
                return pki, False
            pki._create(base_url=base_url, ca_key_type=ca_key_type)
        return pki, True

    def _create(self, *, base_url: str, ca_key_type: KeyType) -> None:
        urls = PkiUrls(base_url)
        now = self.clock()
        root_key = ca_key_type.generate()
        root_name = distinguished_name(
            common_name=ROOT_NAME, organization=DEMO_ORGANISATION
        )
        root_cert = certificate_builder(
            profile=Profile.ROOT,
            subject=root_name,
            public_key=root_key.public_key(),
            issuer=Issuer(root_name, root_key.public_key(), ROOT_LABEL),
            urls=urls,
            not_before=now - BACKDATE,
            not_after=now + VALIDITY[Profile.ROOT],
        ).sign(root_key, hashes.SHA256())
        self.root.install(certificate=root_cert, key=root_key)
        issuing_key = ca_key_type.generate()
        issuing_cert = self.root.issue(
            self._builder(
                Profile.ISSUING_CA,
                distinguished_name(
                    common_name=ISSUING_NAME, organization=DEMO_ORGANISATION
                ),
                issuing_key,
                issuer=self.root,
                urls=urls,
            )
        )
        self.issuing.install(certificate=issuing_cert, key=issuing_key)
        for profile, name in ((Profile.OCSP, OCSP_NAME), (Profile.TSA, TSA_NAME)):
            key = KeyType.RSA_2048.generate()  # pyHanko's TSA signs with RSA only
            cert = self.issuing.issue(
                self._builder(
                    profile,
                    distinguished_name(
                        common_name=name, organization=DEMO_ORGANISATION
                    ),
                    key,
                    issuer=self.issuing,
                    urls=urls,
                )
            )
            write_key(self.directory / profile.value / "key.pem", key)
            write_certificate(self.directory / profile.value / "cert.pem", cert)
        self.root.crl_regenerate()
        self.issuing.crl_regenerate()
        meta = {"base_url": base_url.rstrip("/"), "created_at": now.isoformat()}
        write_atomic(self.directory / "pki.json", json.dumps(meta).encode())

    def _builder(
        self,
        profile: Profile,
        subject: x509.Name,
        key: SigningKey,
        *,
        issuer: CertificateAuthority,
        urls: PkiUrls,
        window: tuple[datetime, datetime] | None = None,
    ) -> x509.CertificateBuilder:
        now = self.clock()
        not_before, not_after = window or (
            now - BACKDATE,
            min(now + VALIDITY[profile], issuer.certificate.not_valid_after_utc),
        )
        return certificate_builder(
            profile=profile,
            subject=subject,
            public_key=key.public_key(),
            issuer=issuer.as_issuer,
            urls=urls,
            not_before=not_before,
            not_after=not_after,
        )

    # Reading -------------------------------------------------------------------
    @property
    def urls(self) -> PkiUrls:
        meta = json.loads((self.directory / "pki.json").read_text(encoding="utf-8"))
        return PkiUrls(meta["base_url"])

    @property
    def chain(self) -> list[x509.Certificate]:
        """The CA certificates, issuing CA first."""
        return [self.issuing.certificate, self.root.certificate]

    def service_identity(self, profile: Profile) -> Identity:
        """The OCSP responder's or the TSA's certificate and key (loaded once)."""
        if profile not in (Profile.OCSP, Profile.TSA):
            raise ValueError(profile)
        cached = self._identities.get(profile.value)
        if cached is None:
            folder = self.directory / profile.value
            cached = Identity(
                profile.value,
                read_certificate(folder / "cert.pem"),
                read_key(folder / "key.pem"),
                self.chain,
            )
            self._identities[profile.value] = cached
        return cached

    def timestamper(self, *, now: datetime | None = None) -> CongsoTimeStamper:
        """The in-process TSA (pyHanko ``TimeStamper``); ``now`` fixes its clock."""
        tsa = self.service_identity(Profile.TSA)
        return timestamper(
            certificate=tsa.certificate, key=tsa.key, chain=self.chain, now=now
        )

    # End-entity identities -----------------------------------------------------
    def identity(self, slug: str) -> Identity | None:
        """The identity issued under ``slug``, or None."""
        folder = self.directory / "issued" / slug
        if not (folder / "cert.pem").exists():
            return None
        return Identity(
            slug,
            read_certificate(folder / "cert.pem"),
            read_key(folder / "key.pem"),
            self.chain,
        )

    def issue(
        self,
        *,
        slug: str,
        profile: Profile,
        subject: x509.Name,
        key_type: KeyType = KeyType.RSA_2048,
        key: SigningKey | None = None,
        window: tuple[datetime, datetime] | None = None,
    ) -> tuple[Identity, bool]:
        """The identity under ``slug``, issued by the issuing CA if it does not
        exist yet. Returns it and whether it was issued now. ``key`` (instead of a
        new ``key_type`` key) and ``window`` (not before, not after) let tests
        build weak, expired or future certificates."""
        if not _SLUG.match(slug):
            raise ValueError(f"invalid identity slug {slug!r}")
        if profile not in (Profile.PERSONAL, Profile.AGENCY):
            raise ValueError("only personal and agency certificates are issued here")
        folder = self.directory / "issued" / slug
        with locked(self.directory / "issued"):
            existing = self.identity(slug)
            if existing is not None:
                return existing, False
            key = key or key_type.generate()
            builder = self._builder(
                profile,
                subject,
                key,
                issuer=self.issuing,
                urls=self.urls,
                window=window,
            )
            certificate = self.issuing.issue(builder)
            identity = Identity(slug, certificate, key, self.chain)
            write_key(folder / "key.pem", key)
            write_certificate(folder / "cert.pem", certificate)
            write_atomic(folder / "bundle.p12", identity.pkcs12(), private=True)
        return identity, True
