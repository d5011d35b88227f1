"""Demo data of the signatures app: the built-in PKI under ``$CONGSO_VAR_DIR/pki``,
its root and issuing CA in the trust store, and certificates with software keys for
the demo officials and three demo agencies. Idempotent; called by ``demo_load``
(through the ``pki_demo_setup`` command).

Every certificate goes through :func:`certificate_import_pkcs12`, so the demo also
exercises parsing, checks, the chain to the trust store and key encryption."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from congso.accounts.demo import OFFICIALS
from congso.accounts.models import Agency, AgencyVersion, RoleAssignment, User
from congso.accounts.selectors import agency_tree_get
from congso.core.periods import in_force_on
from congso.core.text import fold_vi
from congso.signatures.constants import AnchorFamily, CertificateKind
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.pki.hierarchy import (
    DEMO_PKCS12_PASSWORD,
    Identity,
    KeyType,
    PkiHierarchy,
)
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import ISSUING_LABEL, ROOT_LABEL, Profile
from congso.signatures.services import certificate_import_pkcs12, trust_anchor_add

PROVINCE = "Thành phố Huế"
#: Agencies (current names) that get an agency certificate.
DEMO_AGENCIES = (
    "UBND thành phố Huế",
    "UBND phường Phong Điền",
    "UBND phường Phong Thái",
)
#: Officials whose key is not RSA-2048 (at least one EC P-256, domain §2).
KEY_TYPES = {"truongphong": KeyType.EC_P256, "vanthu": KeyType.EC_P256}


@dataclass
class PkiDemoResult:
    pki_created: bool = False
    anchors_added: int = 0
    certificates_imported: int = 0
    skipped: list[str] = field(default_factory=list)


def pki_demo_setup() -> PkiDemoResult:
    """Create what is missing; a second run changes nothing."""
    result = PkiDemoResult()
    pki, result.pki_created = PkiHierarchy.open_or_create(
        Path(settings.SIGNATURES_PKI_DIR), base_url=settings.PKI_BASE_URL
    )
    result.anchors_added = _anchors(pki)
    today = timezone.localdate()
    for official in OFFICIALS:
        user = User.objects.filter(username=official.username).first()
        if user is None:
            result.skipped.append(official.username)
            continue
        identity, _ = pki.issue(
            slug=f"official-{slugify(official.username)}",
            profile=Profile.PERSONAL,
            subject=_official_subject(user, today),
            key_type=KEY_TYPES.get(official.username, KeyType.RSA_2048),
        )
        result.certificates_imported += _import(
            identity, kind=CertificateKind.PERSONAL, owner_user=user
        )
    for name in DEMO_AGENCIES:
        version = AgencyVersion.objects.filter(in_force_on(today), name=name).first()
        if version is None:
            result.skipped.append(name)
            continue
        identity, _ = pki.issue(
            slug=f"agency-{slugify(fold_vi(name))}",
            profile=Profile.AGENCY,
            subject=distinguished_name(
                common_name=name,
                organization=name,
                locality=version.admin_unit.name if version.admin_unit else "",
                state=PROVINCE,
            ),
        )
        result.certificates_imported += _import(
            identity, kind=CertificateKind.AGENCY, owner_agency=version.agency
        )
    return result


def _anchors(pki: PkiHierarchy) -> int:
    urls = pki.urls
    added = 0
    for ca, label, ocsp in (
        (pki.root, ROOT_LABEL, ""),
        (pki.issuing, ISSUING_LABEL, urls.ocsp),
    ):
        cert = ca.certificate
        fingerprint = cert.fingerprint(hashes.SHA256()).hex()
        if TrustAnchor.objects.filter(fingerprint_sha256=fingerprint).exists():
            continue
        trust_anchor_add(
            data=cert.public_bytes(serialization.Encoding.DER),
            family=AnchorFamily.DEMO,
            crl_urls=[urls.crl(label)],
            ocsp_url=ocsp,
            actor=None,
        )
        added += 1
    return added


def _official_subject(user: User, today: date) -> x509.Name:
    """CN the official's name, title the position; O the agency and OU the
    internal unit when the role is held in one."""
    assignment = (
        RoleAssignment.objects.filter(in_force_on(today), user=user)
        .order_by("id")
        .first()
    )
    organisation = unit = ""
    if assignment is not None:
        tree = agency_tree_get(on=today)
        node = tree.nodes.get(assignment.agency_id)
        parent = tree.nodes.get(node.parent_id) if node and node.parent_id else None
        if node is not None and node.is_internal_unit and parent is not None:
            organisation, unit = parent.name, node.name
        elif node is not None:
            organisation = node.name
    return distinguished_name(
        common_name=user.full_name or user.username,
        title=assignment.position_title if assignment else "",
        organizational_unit=unit,
        organization=organisation,
        state=PROVINCE,
    )


def _import(
    identity: Identity,
    *,
    kind: str,
    owner_user: User | None = None,
    owner_agency: Agency | None = None,
) -> int:
    fingerprint = identity.certificate.fingerprint(hashes.SHA256()).hex()
    if Certificate.objects.filter(fingerprint_sha256=fingerprint).exists():
        return 0
    certificate_import_pkcs12(
        data=identity.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=kind,
        owner_user=owner_user,
        owner_agency=owner_agency,
        actor=None,
    )
    return 1
