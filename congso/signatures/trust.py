"""Path validation against the trust store (kho chứng thư tin cậy) with
pyhanko-certvalidator.

Enabled root anchors are the trust roots; enabled intermediates are offered to path
building; a path through a *disabled* anchor is refused. CRLs and OCSP responses are
fetched through :func:`congso.signatures.installed.fetcher_backend_get`: the demo
PKI in-process, other CAs over the network when allowed. Revocation is checked
``soft-fail`` (a revoked certificate is refused; an unreachable responder is not)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)
from pyhanko_certvalidator.path import ValidationPath

from congso.signatures.constants import AnchorRole
from congso.signatures.errors import (
    CertificateExpiredError,
    CertificateNotYetValidError,
    CertificateRevokedError,
    CertificateUntrustedError,
)
from congso.signatures.installed import fetcher_backend_get
from congso.signatures.models import TrustAnchor
from congso.signatures.pki.names import common_name
from congso.signatures.pki.tsa import as_asn1_certificate as asn1


@dataclass(frozen=True)
class TrustedPath:
    """A validated chain: the root anchor it ends at and the certificates from
    the root down to the end entity."""

    anchor: TrustAnchor
    certificates: list[asn1_x509.Certificate]


def trust_anchors_enabled() -> list[TrustAnchor]:
    return list(TrustAnchor.objects.filter(enabled=True))


def validation_context_build(
    *,
    moment: datetime | None = None,
    other_certs: Iterable[x509.Certificate | asn1_x509.Certificate] = (),
    revocation_mode: str = "soft-fail",
    anchors: list[TrustAnchor] | None = None,
) -> ValidationContext:
    """A ``ValidationContext`` trusting the enabled roots of the trust store, for
    pyHanko's signing (B-LT embeds what it fetches) and validation."""
    anchors = trust_anchors_enabled() if anchors is None else anchors
    extra = [
        c if isinstance(c, asn1_x509.Certificate) else asn1(c) for c in other_certs
    ]
    return ValidationContext(
        trust_roots=[a.asn1() for a in anchors if a.role == AnchorRole.ROOT],
        other_certs=[a.asn1() for a in anchors if a.role != AnchorRole.ROOT] + extra,
        moment=moment,
        allow_fetching=True,
        revocation_mode=revocation_mode,
        fetcher_backend=fetcher_backend_get(),
    )


def _validate(
    certificate: asn1_x509.Certificate, context: ValidationContext
) -> ValidationPath:
    async def run() -> ValidationPath:
        return await CertificateValidator(
            certificate, validation_context=context
        ).async_validate_path()

    return asyncio.run(run())


def certificate_chain_check(
    certificate: x509.Certificate,
    *,
    other_certs: Iterable[x509.Certificate] = (),
    moment: datetime | None = None,
) -> TrustedPath:
    """The trusted path of ``certificate``, or the Vietnamese refusal: untrusted,
    revoked, expired, not yet valid."""
    anchors = trust_anchors_enabled()
    context = validation_context_build(
        moment=moment, other_certs=other_certs, anchors=anchors
    )
    issuer = common_name(certificate.issuer) or certificate.issuer.rfc4514_string()
    try:
        path = _validate(asn1(certificate), context)
    except RevokedError as error:
        raise CertificateRevokedError(error.revocation_dt) from None
    except ExpiredError:
        raise CertificateExpiredError(certificate.not_valid_after_utc) from None
    except NotYetValidError:
        raise CertificateNotYetValidError(certificate.not_valid_before_utc) from None
    except (PathBuildingError, PathValidationError, ValidationError):
        raise CertificateUntrustedError(issuer) from None
    certificates = list(path.iter_certs(include_root=True))
    root = path.trust_anchor.authority
    root_fp = getattr(root, "certificate", None)
    root_sha = root_fp.sha256.hex() if root_fp is not None else ""
    by_fingerprint = {a.fingerprint_sha256: a for a in anchors}
    anchor = by_fingerprint.get(root_sha)
    disabled = set(
        TrustAnchor.objects.filter(enabled=False).values_list(
            "fingerprint_sha256", flat=True
        )
    )
    if anchor is None or any(c.sha256.hex() in disabled for c in certificates):
        raise CertificateUntrustedError(issuer)
    return TrustedPath(anchor=anchor, certificates=certificates)
