"""Choices of the signatures app (chữ ký số)."""

from cryptography import x509
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    """Whose certificate (chứng thư số) it is."""

    PERSONAL = "personal", _("Personal (official)")
    AGENCY = "agency", _("Agency (organisation)")


class KeySource(models.TextChoices):
    """Where the private key is and how Công Sở reaches it."""

    NONE = "none", _("Certificate only, no key")
    SOFTWARE = "software", _("Software key, encrypted in the database")
    PKCS11 = "pkcs11", _("PKCS#11 token or HSM")
    REMOTE = "remote", _("Remote signing service")


class AnchorRole(models.TextChoices):
    ROOT = "root", _("Root CA")
    INTERMEDIATE = "intermediate", _("Intermediate CA")


class AnchorFamily(models.TextChoices):
    """Certificate family (domain §1): both must be accepted."""

    OFFICIAL_USE = "official_use", _("Official-use (Government Cipher Committee)")
    PUBLIC = "public", _("Public (under the National Root CA, NEAC)")
    DEMO = "demo", _("Built-in demo PKI")


class RevocationReason(models.TextChoices):
    """CRL reason codes (RFC 5280 §5.3.1)."""

    UNSPECIFIED = "unspecified", _("Unspecified")
    KEY_COMPROMISE = "key_compromise", _("Key compromise")
    CA_COMPROMISE = "ca_compromise", _("CA compromise")
    AFFILIATION_CHANGED = "affiliation_changed", _("Affiliation changed")
    SUPERSEDED = "superseded", _("Superseded")
    CESSATION_OF_OPERATION = "cessation_of_operation", _("Cessation of operation")
    CERTIFICATE_HOLD = "certificate_hold", _("Certificate hold")
    PRIVILEGE_WITHDRAWN = "privilege_withdrawn", _("Privilege withdrawn")
    AA_COMPROMISE = "aa_compromise", _("AA compromise")

    @property
    def flag(self) -> x509.ReasonFlags:
        return x509.ReasonFlags[self.value]

    @classmethod
    def from_flag(cls, flag: x509.ReasonFlags | None) -> "RevocationReason":
        return cls.UNSPECIFIED if flag is None else cls(flag.name)


class CertificateStatus(models.TextChoices):
    """Status shown to people, computed from stored facts at an instant."""

    VALID = "valid", _("Valid")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    UNTRUSTED = "untrusted", _("Not trusted")


#: Event types written by the services.
EVENT_IMPORTED = "signatures.certificate.imported"
EVENT_REVOKED = "signatures.certificate.revoked"
EVENT_STATUS_CHANGED = "signatures.certificate.status_changed"
EVENT_ANCHOR_ADDED = "signatures.trust_anchor.added"
EVENT_ANCHOR_CHANGED = "signatures.trust_anchor.changed"

#: Outbox topic: a certificate of the built-in CA was revoked → publish CRL/OCSP.
TOPIC_CERTIFICATE_REVOKED = "signatures.certificate_revoked"
