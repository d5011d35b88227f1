"""Reads of certificates and the trust store.

**Valid on a day** (for lists and the share figure): at the last instant of that
day in ``Asia/Ho_Chi_Minh`` the certificate is within its validity period, not
revoked, and chained (when last checked) to a root that is still enabled. A
certificate revoked or expiring during the day does not count for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from cryptography.x509 import Certificate as x509_Certificate
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from congso.accounts.models import RoleAssignment, User
from congso.accounts.selectors import agency_tree_get
from congso.core.periods import in_force_on
from congso.signatures.constants import AnchorRole, CertificateKind, KeySource
from congso.signatures.errors import (
    AnchorNotCaError,
    DuplicateAnchorError,
    NoSoftwareKeyError,
)
from congso.signatures.inspection import (
    algorithms_check,
    certificate_facts,
    certificate_parse,
    key_match_check,
    pkcs12_parse,
    signing_usage_check,
    validity_check,
)
from congso.signatures.keystore import key_decrypt
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.pki.files import SigningKey
from congso.signatures.trust import TrustedPath, certificate_chain_check


def end_of_day(on: date) -> datetime:
    """The last instant of ``on`` in the current time zone."""
    return timezone.make_aware(datetime.combine(on, time.max))


def certificate_valid_q(at: datetime, prefix: str = "") -> Q:
    """Certificates valid at ``at`` (stored facts; no network)."""
    p = prefix
    return (
        Q(**{f"{p}not_before__lte": at, f"{p}not_after__gte": at})
        & Q(**{f"{p}trust_anchor__enabled": True})
        & (Q(**{f"{p}revoked_at__isnull": True}) | Q(**{f"{p}revoked_at__gt": at}))
    )


def certificate_list_valid(
    *,
    at: datetime,
    owner_user: User | None = None,
    owner_agency_id: int | None = None,
    with_key: bool = False,
) -> QuerySet[Certificate]:
    """Certificates valid at ``at``, of one official or one agency; ``with_key``
    keeps only those Công Sở can sign with (software, PKCS#11 or remote key)."""
    if (owner_user is None) == (owner_agency_id is None):
        raise ValueError("give exactly one of owner_user and owner_agency_id")
    rows = Certificate.objects.filter(certificate_valid_q(at)).select_related(
        "trust_anchor"
    )
    if owner_user is not None:
        rows = rows.filter(kind=CertificateKind.PERSONAL, owner_user=owner_user)
    else:
        rows = rows.filter(kind=CertificateKind.AGENCY, owner_agency_id=owner_agency_id)
    if with_key:
        rows = rows.exclude(key_source=KeySource.NONE)
    return rows.order_by("-not_after", "pk")


def certificate_list_valid_for_user(*, user: User, on: date) -> QuerySet[Certificate]:
    return certificate_list_valid(at=end_of_day(on), owner_user=user)


def certificate_list_valid_for_agency(
    *, agency_id: int, on: date
) -> QuerySet[Certificate]:
    return certificate_list_valid(at=end_of_day(on), owner_agency_id=agency_id)


def certificate_list_for_user(*, user: User) -> QuerySet[Certificate]:
    """All of an official's personal certificates, newest first (their own page)."""
    return (
        Certificate.objects.filter(kind=CertificateKind.PERSONAL, owner_user=user)
        .select_related("trust_anchor")
        .order_by("-not_after", "pk")
    )


@dataclass(frozen=True)
class AgencyCertificateShare:
    """Officials of one agency on one day and how many hold a valid certificate."""

    agency_id: int
    agency_name: str
    officials: int
    holders: int

    @property
    def share(self) -> float:
        """0.0 … 1.0 (0.0 for an agency without officials)."""
        return self.holders / self.officials if self.officials else 0.0


def certificate_share_by_agency(
    *, on: date, agency_ids: Iterable[int] | None = None
) -> list[AgencyCertificateShare]:
    """Per agency: officials (active users with a role assignment *in that agency*
    on ``on``) and those holding a valid personal certificate that day. One
    aggregate query plus the (cached) organisation tree for names."""
    valid = Certificate.objects.filter(
        certificate_valid_q(end_of_day(on)),
        kind=CertificateKind.PERSONAL,
        owner_user_id=OuterRef("user_id"),
    )
    rows = RoleAssignment.objects.filter(in_force_on(on), user__is_active=True)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=list(agency_ids))
    counts = (
        rows.alias(holds=Exists(valid))
        .values("agency_id")
        .annotate(
            officials=Count("user_id", distinct=True),
            holders=Count("user_id", distinct=True, filter=Q(holds=True)),
        )
        .order_by()
    )
    tree = agency_tree_get(on=on)
    result = [
        AgencyCertificateShare(
            agency_id=row["agency_id"],
            agency_name=node.name if (node := tree.nodes.get(row["agency_id"])) else "",
            officials=row["officials"],
            holders=row["holders"],
        )
        for row in counts
    ]
    return sorted(result, key=lambda r: (r.agency_name, r.agency_id))


def trust_anchor_list(*, enabled_only: bool = False) -> QuerySet[TrustAnchor]:
    rows = TrustAnchor.objects.all()
    return rows.filter(enabled=True) if enabled_only else rows


def certificate_chain_get(*, certificate: Certificate) -> list[TrustAnchor]:
    """Enabled anchors that form the certificate's chain (issuer first), for
    embedding in signatures. Matching is by subject/issuer name."""
    chain: list[TrustAnchor] = []
    anchors = {a.x509().subject: a for a in trust_anchor_list(enabled_only=True)}
    issuer = certificate.x509().issuer
    while (anchor := anchors.pop(issuer, None)) is not None:
        chain.append(anchor)
        if anchor.role == AnchorRole.ROOT:
            break
        issuer = anchor.x509().issuer
    return chain


@lru_cache(maxsize=64)
def _decrypted(blob: bytes, fingerprint: str) -> SigningKey:
    return key_decrypt(blob, bound_to=fingerprint)


def certificate_private_key(*, certificate: Certificate) -> SigningKey:
    """The decrypted software key (kept parsed per process, at most 64 keys: with
    OpenSSL 3 every RSA load costs ~35 ms, stack §3.6)."""
    if (
        certificate.key_source != KeySource.SOFTWARE
        or certificate.encrypted_private_key is None
    ):
        raise NoSoftwareKeyError
    return _decrypted(
        bytes(certificate.encrypted_private_key), certificate.fingerprint_sha256
    )


@dataclass(frozen=True)
class CheckedCertificate:
    """A certificate file that passed every check, ready to store."""

    certificate: x509_Certificate
    key: SigningKey | None
    path: TrustedPath


def certificate_file_check(
    *, data: bytes, password: str | None = None, at: datetime | None = None
) -> CheckedCertificate:
    """Parse and check an X.509 file (``password`` None) or a PKCS#12 bundle:
    algorithms, validity at ``at``, signing key usage, key match, chain to the
    trust store and revocation. Reads only; raises the Vietnamese refusals."""
    moment = at or timezone.now()
    key = None
    chain: list[x509_Certificate] = []
    if password is None:
        certificate = certificate_parse(data)
    else:
        contents = pkcs12_parse(data, password)
        certificate, key, chain = contents.certificate, contents.key, contents.chain
    algorithms_check(certificate)
    validity_check(certificate, moment)
    signing_usage_check(certificate)
    if key is not None:
        key_match_check(key, certificate)
    path = certificate_chain_check(certificate, other_certs=chain, moment=at)
    return CheckedCertificate(certificate=certificate, key=key, path=path)


def trust_anchor_file_check(*, data: bytes) -> x509_Certificate:
    """A CA certificate file that may join the trust store: parseable, a CA,
    strong algorithms, not there yet. Reads only; raises the Vietnamese refusals."""
    certificate = certificate_parse(data)
    facts = certificate_facts(certificate)
    if not facts.is_ca:
        raise AnchorNotCaError
    algorithms_check(certificate)
    if TrustAnchor.objects.filter(fingerprint_sha256=facts.fingerprint_sha256).exists():
        raise DuplicateAnchorError
    return certificate
