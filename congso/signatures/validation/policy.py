"""The validation policy (chính sách xác thực): which roots are trusted, how
revocation is checked, which algorithms are accepted. Read from the trust store
(``TrustAnchor``) at each validation; everything else is fixed here and
documented in docs/subsystems/signatures.md ("Verification").

- **Trust.** Enabled root anchors are the trust roots; enabled intermediates are
  known certificates for path building. A path through a *disabled* anchor is
  refused after validation (the file may embed that intermediate itself).
- **Revocation.** Required for the signer and every CA below the root, by CRL or
  OCSP (``REQUIRE_REVINFO``); without an answer a signature is INDETERMINATE
  (TRY_LATER), never silently valid. The demo PKI answers in-process; other CAs
  are asked over the network when ``CONGSO_SIGNATURES_REVOCATION_FETCH`` is on.
- **No certificate fetching (AIA).** A public page must not fetch addresses chosen
  by whoever made the file; intermediates come from the trust store or the file.
- **Algorithms** (domain §2, the circular): no MD5/SHA-1, RSA ≥ 2048 bits,
  ECDSA ≥ 256 bits. PKCS#1 v1.5 and RSASSA-PSS are both accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pyhanko.sign.validation.policy_decl import (
    CertificateFetchingRule,
    LocalKnowledge,
    PdfSignatureValidationSpec,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.utils import CMSAlgorithmUsagePolicy
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import (
    REQUIRE_REVINFO,
    AlgorithmUsageConstraint,
    CertRevTrustPolicy,
    DisallowWeakAlgorithmsPolicy,
)
from pyhanko_certvalidator.registry import SimpleTrustManager

from congso.signatures.constants import AnchorRole
from congso.signatures.installed import fetcher_backend_get
from congso.signatures.models import TrustAnchor
from congso.signatures.trust import trust_anchors_enabled

MIN_RSA_BITS = 2048
MIN_EC_BITS = 256
WEAK_HASHES = frozenset({"md2", "md5", "sha1"})


class CongsoAlgorithmPolicy(DisallowWeakAlgorithmsPolicy):
    """pyhanko-certvalidator's weak-algorithm policy (MD5, SHA-1, RSA < 2048)
    plus the circular's floor for elliptic curves (≥ 256 bits)."""

    def __init__(self) -> None:
        super().__init__(  # type: ignore[no-untyped-call]  # unannotated __init__
            weak_hash_algos=WEAK_HASHES, rsa_key_size_threshold=MIN_RSA_BITS
        )

    def signature_algorithm_allowed(
        self, algo: Any, moment: datetime | None, public_key: Any
    ) -> AlgorithmUsageConstraint:
        verdict: AlgorithmUsageConstraint = super().signature_algorithm_allowed(
            algo, moment, public_key
        )
        if (
            verdict.allowed
            and public_key is not None
            and public_key.algorithm == "ec"
            and public_key.bit_size < MIN_EC_BITS
        ):
            return AlgorithmUsageConstraint(
                allowed=False,
                failure_reason=f"EC key of {public_key.bit_size} bits; "
                f"policy mandates >= {MIN_EC_BITS}",
            )
        return verdict


@dataclass(frozen=True)
class Policy:
    """The pyHanko specification and what the report says about it."""

    spec: PdfSignatureValidationSpec
    anchors: list[TrustAnchor]
    disabled_fingerprints: frozenset[str]

    @property
    def trusted_roots(self) -> list[str]:
        return [a.name for a in self.anchors if a.role == AnchorRole.ROOT]


def policy_build(*, anchors: list[TrustAnchor] | None = None) -> Policy:
    """The validation policy over the current trust store."""
    anchors = trust_anchors_enabled() if anchors is None else anchors
    algorithms = CongsoAlgorithmPolicy()
    certificate_policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(
            trust_roots=[a.asn1() for a in anchors if a.role == AnchorRole.ROOT]
        ),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
        algorithm_usage_policy=algorithms,
    )
    spec = SignatureValidationSpec(
        cert_validation_policy=certificate_policy,
        revinfo_gathering_policy=RevocationInfoGatheringSpec(
            fetcher_backend=fetcher_backend_get(),
            certificate_fetching_rule=CertificateFetchingRule.NEVER_FETCH,
        ),
        local_knowledge=LocalKnowledge(
            known_certs=[a.asn1() for a in anchors if a.role != AnchorRole.ROOT]
        ),
        signature_algorithm_policy=CMSAlgorithmUsagePolicy.lift_policy(algorithms),
    )
    disabled = frozenset(
        TrustAnchor.objects.filter(enabled=False).values_list(
            "fingerprint_sha256", flat=True
        )
    )
    return Policy(
        spec=PdfSignatureValidationSpec(spec),
        anchors=anchors,
        disabled_fingerprints=disabled,
    )
