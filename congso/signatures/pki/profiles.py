"""Certificate profiles of the demo PKI: which extensions each kind of certificate
carries (RFC 5280), and the URLs of the local CRL, OCSP and CA-certificate services
embedded in them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from congso.signatures.pki.files import SigningPublicKey


class Profile(enum.Enum):
    """Kinds of certificate the demo CAs issue."""

    ROOT = "root"
    ISSUING_CA = "issuing_ca"
    PERSONAL = "personal"  # an official (chứng thư số cá nhân)
    AGENCY = "agency"  # an agency (chứng thư số cơ quan, tổ chức)
    OCSP = "ocsp"  # the delegated OCSP responder
    TSA = "tsa"  # the time-stamping authority


#: CA labels used in URLs: ``<base>/pki/root.crl``, ``<base>/pki/issuing.crt``.
ROOT_LABEL = "root"
ISSUING_LABEL = "issuing"


@dataclass(frozen=True)
class PkiUrls:
    """Addresses of the PKI services, under ``<base>/pki/``."""

    base: str

    @property
    def prefix(self) -> str:
        return f"{self.base.rstrip('/')}/pki/"

    def crl(self, ca_label: str) -> str:
        return f"{self.prefix}{ca_label}.crl"

    def ca_certificate(self, ca_label: str) -> str:
        return f"{self.prefix}{ca_label}.crt"

    @property
    def ocsp(self) -> str:
        return f"{self.prefix}ocsp"

    @property
    def tsa(self) -> str:
        return f"{self.prefix}tsa"


@dataclass(frozen=True)
class Issuer:
    """Who signs: the issuing CA's name and public key (the subject's own for a
    self-signed root) and its label for the CRL and caIssuers URLs."""

    name: x509.Name
    public_key: SigningPublicKey
    label: str


def certificate_builder(
    *,
    profile: Profile,
    subject: x509.Name,
    public_key: SigningPublicKey,
    issuer: Issuer,
    urls: PkiUrls,
    not_before: datetime,
    not_after: datetime,
    serial_number: int | None = None,
) -> x509.CertificateBuilder:
    """A builder with the subject, validity and every extension of ``profile``;
    the CA signs it."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.name)
        .public_key(public_key)
        .serial_number(serial_number or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key),
            False,
        )
    )
    for extension, critical in _extensions(profile, issuer, urls):
        builder = builder.add_extension(extension, critical)
    return builder


def _key_usage(
    *, digital_signature: bool = False, non_repudiation: bool = False, ca: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _extensions(
    profile: Profile, issuer: Issuer, urls: PkiUrls
) -> list[tuple[x509.ExtensionType, bool]]:
    if profile is Profile.ROOT:
        return [
            (x509.BasicConstraints(ca=True, path_length=1), True),
            (_key_usage(ca=True), True),
        ]
    published: list[tuple[x509.ExtensionType, bool]] = [
        (_crl_distribution_point(urls.crl(issuer.label)), False),
    ]
    access = [
        x509.AccessDescription(
            AuthorityInformationAccessOID.CA_ISSUERS,
            x509.UniformResourceIdentifier(urls.ca_certificate(issuer.label)),
        )
    ]
    if profile is Profile.ISSUING_CA:
        return [
            (x509.BasicConstraints(ca=True, path_length=0), True),
            (_key_usage(ca=True), True),
            *published,
            (x509.AuthorityInformationAccess(access), False),
        ]
    end_entity: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        *published,
    ]
    if profile is Profile.OCSP:
        # The responder's own status is not checked (RFC 6960 §4.2.2.2.1).
        return [
            *end_entity,
            (_key_usage(digital_signature=True), True),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), False),
            (x509.OCSPNoCheck(), False),
            (x509.AuthorityInformationAccess(access), False),
        ]
    access.insert(
        0,
        x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP,
            x509.UniformResourceIdentifier(urls.ocsp),
        ),
    )
    end_entity.append((x509.AuthorityInformationAccess(access), False))
    if profile is Profile.TSA:
        # RFC 3161 §2.3: the only extended key usage, and critical.
        return [
            *end_entity,
            (_key_usage(digital_signature=True, non_repudiation=True), True),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True),
        ]
    # Personal and agency signing certificates.
    return [
        *end_entity,
        (_key_usage(digital_signature=True, non_repudiation=True), True),
    ]


def _crl_distribution_point(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints(
        [
            x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(url)],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
        ]
    )
