"""Certificates (chứng thư số) and the trust store (kho chứng thư tin cậy).

A :class:`Certificate` is an X.509 certificate Công Sở knows, owned by an official
or an agency, with the facts needed for lists kept in columns and the DER as the
source of truth. Its private key is in one of four places (``key_source``): nowhere
(certificate only), in the database encrypted at rest (``software``, see
:mod:`congso.signatures.keystore`), on a PKCS#11 token or HSM, or at a remote-signing
provider. A :class:`TrustAnchor` is a CA certificate the administrator trusts."""

from __future__ import annotations

from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import Agency, User
from congso.signatures.constants import (
    AnchorFamily,
    AnchorRole,
    CertificateKind,
    CertificateStatus,
    KeySource,
    RevocationReason,
)
from congso.signatures.ownership import owner_matches_kind


class TrustAnchor(models.Model):
    """A trusted CA certificate: a root (trust anchor proper) or an intermediate
    offered to path building. Disabling one makes every path through it untrusted."""

    name = models.CharField(_("name"), max_length=255)
    der = models.BinaryField(_("certificate (DER)"), editable=False)
    fingerprint_sha256 = models.CharField(
        _("SHA-256 fingerprint"), max_length=64, unique=True, editable=False
    )
    subject = models.CharField(_("subject"), max_length=1000, editable=False)
    not_after = models.DateTimeField(_("valid until"), editable=False)
    role = models.CharField(
        _("role"), max_length=20, choices=AnchorRole.choices, editable=False
    )
    family = models.CharField(_("family"), max_length=20, choices=AnchorFamily.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    crl_urls = models.TextField(
        _("CRL addresses"),
        blank=True,
        help_text=_("One URL per line: where this CA publishes its CRL."),
    )
    ocsp_url = models.CharField(
        _("OCSP address"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("trust anchor")
        verbose_name_plural = _("trust store")
        ordering = ["family", "role", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def crl_url_list(self) -> list[str]:
        return [line.strip() for line in self.crl_urls.splitlines() if line.strip()]

    def x509(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(bytes(self.der))

    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(bytes(self.der))


class Certificate(models.Model):
    """An official's or an agency's certificate (chứng thư số cá nhân / cơ quan)."""

    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    owner_user = models.ForeignKey(
        User,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    owner_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    der = models.BinaryField(_("certificate (DER)"), editable=False)
    subject_common_name = models.CharField(_("subject name"), max_length=255)
    subject = models.CharField(_("subject"), max_length=1000)
    issuer_common_name = models.CharField(_("issuer name"), max_length=255)
    issuer = models.CharField(_("issuer"), max_length=1000)
    serial_number = models.CharField(
        _("serial number"), max_length=64, help_text=_("Hexadecimal.")
    )
    fingerprint_sha256 = models.CharField(
        _("SHA-256 fingerprint"), max_length=64, unique=True
    )
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    key_usage = models.CharField(_("key usage"), max_length=255, blank=True)
    key_algorithm = models.CharField(_("key algorithm"), max_length=30)
    signature_algorithm = models.CharField(
        _("signature algorithm"), max_length=60, blank=True
    )
    key_source = models.CharField(
        _("key source"),
        max_length=20,
        choices=KeySource.choices,
        default=KeySource.NONE,
    )
    encrypted_private_key = models.BinaryField(
        _("encrypted private key"), null=True, blank=True, editable=False
    )
    key_encryption_id = models.CharField(
        _("key-encryption key id"), max_length=16, blank=True, editable=False
    )
    pkcs11_token_label = models.CharField(
        _("PKCS#11 token label"), max_length=100, blank=True
    )
    pkcs11_key_label = models.CharField(
        _("PKCS#11 key label"), max_length=100, blank=True
    )
    pkcs11_key_id = models.CharField(
        _("PKCS#11 key id"), max_length=128, blank=True, help_text=_("Hexadecimal.")
    )
    remote_provider = models.CharField(
        _("remote-signing provider"), max_length=50, blank=True
    )
    remote_credential_id = models.CharField(
        _("remote-signing credential id"), max_length=255, blank=True
    )
    trust_anchor = models.ForeignKey(
        TrustAnchor,
        verbose_name=_("trusted root"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        help_text=_("The root the certificate chained to when last checked."),
    )
    status_checked_at = models.DateTimeField(_("status checked at"), null=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("revocation reason"),
        max_length=30,
        choices=RevocationReason.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["subject_common_name", "-not_after"]
        constraints = [
            models.CheckConstraint(
                condition=owner_matches_kind(
                    CertificateKind.PERSONAL, CertificateKind.AGENCY
                ),
                name="signatures_certificate_owner_matches_kind",
                violation_error_message=_(
                    "A personal certificate belongs to an official, an agency "
                    "certificate to an agency."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(key_source=KeySource.SOFTWARE)
                | Q(encrypted_private_key__isnull=False),
                name="signatures_certificate_software_key_stored",
            ),
        ]
        indexes = [
            models.Index(fields=["owner_user", "not_after"]),
            models.Index(fields=["owner_agency", "not_after"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_common_name} ({self.serial_number[:16]})"

    def x509(self) -> x509.Certificate:
        """The certificate as a ``cryptography`` object."""
        return x509.load_der_x509_certificate(bytes(self.der))

    def asn1(self) -> asn1_x509.Certificate:
        """The certificate as an ``asn1crypto`` object (what pyHanko takes)."""
        return asn1_x509.Certificate.load(bytes(self.der))

    @property
    def has_key(self) -> bool:
        return self.key_source != KeySource.NONE

    def status_at(self, moment: datetime) -> CertificateStatus:
        """Status from the stored facts (no network): revoked, untrusted,
        not yet valid, expired or valid."""
        if self.revoked_at is not None and self.revoked_at <= moment:
            return CertificateStatus.REVOKED
        if self.trust_anchor_id is None or (
            self.trust_anchor is not None and not self.trust_anchor.enabled
        ):
            return CertificateStatus.UNTRUSTED
        if moment < self.not_before:
            return CertificateStatus.NOT_YET_VALID
        if moment > self.not_after:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID


# The signing service's rows (signature images, remote-signing requests) live in
# their own package and belong to this app.
from congso.signatures.signing.models import SignatureImage, SigningRequest  # noqa: E402

__all__ = [
    "Certificate",
    "SignatureImage",
    "SigningRequest",
    "TrustAnchor",
]
