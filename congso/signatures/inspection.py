"""Reading and checking certificate files: PEM/DER X.509 and PKCS#12 bundles,
algorithm strength (domain §2: RSA ≥ 2048, EC ≥ 256, no SHA-1), key usage, key/
certificate match. No database, no network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12

from congso.signatures.errors import (
    CertificateExpiredError,
    CertificateFileError,
    CertificateNotYetValidError,
    KeyMismatchError,
    NotForSigningError,
    Pkcs12ContentError,
    Pkcs12PasswordError,
    UnsupportedKeyError,
    WeakHashError,
    WeakKeyError,
)
from congso.signatures.pki.files import SigningKey, signing_key
from congso.signatures.pki.names import common_name

#: Certificate files are small; anything larger is refused unread.
MAX_FILE_BYTES = 256 * 1024
MIN_RSA_BITS = 2048
MIN_EC_BITS = 256
ALLOWED_HASHES = (
    hashes.SHA256,
    hashes.SHA384,
    hashes.SHA512,
    hashes.SHA512_224,
    hashes.SHA512_256,
    hashes.SHA3_256,
    hashes.SHA3_384,
    hashes.SHA3_512,
)
_CURVE_NAMES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
_USAGES = (
    ("digital_signature", "digitalSignature"),
    ("content_commitment", "nonRepudiation"),
    ("key_encipherment", "keyEncipherment"),
    ("data_encipherment", "dataEncipherment"),
    ("key_agreement", "keyAgreement"),
    ("key_cert_sign", "keyCertSign"),
    ("crl_sign", "cRLSign"),
)


@dataclass(frozen=True)
class CertificateFacts:
    """What the certificate says, in the shape stored on the model."""

    subject_common_name: str
    subject: str
    issuer_common_name: str
    issuer: str
    serial_number: str
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    key_usage: str
    key_algorithm: str
    signature_algorithm: str
    is_ca: bool
    is_self_signed: bool


@dataclass(frozen=True)
class Pkcs12Contents:
    key: SigningKey
    certificate: x509.Certificate
    chain: list[x509.Certificate]


def certificate_parse(data: bytes) -> x509.Certificate:
    """A PEM or DER certificate, or :class:`CertificateFileError`."""
    if not data or len(data) > MAX_FILE_BYTES:
        raise CertificateFileError
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise CertificateFileError from None


def pkcs12_parse(data: bytes, password: str) -> Pkcs12Contents:
    """Key, certificate and chain of a PKCS#12 bundle. A file that is not PKCS#12
    is :class:`CertificateFileError`; a well-formed one that does not open is a
    wrong password."""
    if not data or len(data) > MAX_FILE_BYTES:
        raise CertificateFileError
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx.native  # noqa: B018  # parse the whole structure now
    except (ValueError, TypeError):
        raise CertificateFileError from None
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError:
        raise Pkcs12PasswordError from None
    if key is None or (certificate is None and not chain):
        raise Pkcs12ContentError
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise UnsupportedKeyError(type(key).__name__.removeprefix("_"))
    others = list(chain)
    if certificate is None:
        # Some exporters do not link key and certificate (localKeyId): take the
        # key's certificate from the bag, if there is one.
        matching = [c for c in others if _same_public_key(key, c)]
        if not matching:
            raise KeyMismatchError
        certificate = matching[0]
        others.remove(certificate)
    return Pkcs12Contents(key=signing_key(key), certificate=certificate, chain=others)


def fingerprint(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


def key_algorithm_label(key: CertificatePublicKeyTypes) -> str:
    """``RSA-2048``, ``EC P-256``, or the key type's name."""
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA-{key.key_size}"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {_CURVE_NAMES.get(key.curve.name, key.curve.name)}"
    return type(key).__name__.removeprefix("_").removesuffix("PublicKey")


def key_usage_label(certificate: x509.Certificate) -> str:
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ""
    return ", ".join(label for attr, label in _USAGES if getattr(usage, attr))


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        return certificate.extensions.get_extension_for_class(
            x509.BasicConstraints
        ).value.ca
    except x509.ExtensionNotFound:
        return False


def is_self_signed(certificate: x509.Certificate) -> bool:
    if certificate.subject != certificate.issuer:
        return False
    try:
        certificate.verify_directly_issued_by(certificate)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def certificate_facts(certificate: x509.Certificate) -> CertificateFacts:
    der = certificate.public_bytes(serialization.Encoding.DER)
    algorithm = asn1_x509.Certificate.load(der)["signature_algorithm"]["algorithm"]
    return CertificateFacts(
        subject_common_name=common_name(certificate.subject)[:255],
        subject=certificate.subject.rfc4514_string()[:1000],
        issuer_common_name=common_name(certificate.issuer)[:255],
        issuer=certificate.issuer.rfc4514_string()[:1000],
        serial_number=f"{certificate.serial_number:x}",
        fingerprint_sha256=fingerprint(certificate),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        key_usage=key_usage_label(certificate),
        key_algorithm=key_algorithm_label(certificate.public_key()),
        signature_algorithm=str(algorithm.native)[:60],
        is_ca=_is_ca(certificate),
        is_self_signed=is_self_signed(certificate),
    )


def algorithms_check(certificate: x509.Certificate) -> None:
    """Key type and size, and the hash of the issuer's signature (domain §2)."""
    key = certificate.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise WeakKeyError(algorithm="RSA", bits=key.key_size)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.key_size < MIN_EC_BITS:
            raise WeakKeyError(algorithm="EC", bits=key.curve.key_size)
    else:
        raise UnsupportedKeyError(key_algorithm_label(key))
    algorithm = certificate.signature_hash_algorithm
    if algorithm is not None and not isinstance(algorithm, ALLOWED_HASHES):
        raise WeakHashError(algorithm.name.upper())


def signing_usage_check(certificate: x509.Certificate) -> None:
    """An end-entity certificate whose key usage allows signing documents."""
    if _is_ca(certificate):
        raise NotForSigningError
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise NotForSigningError


def validity_check(certificate: x509.Certificate, at: datetime) -> None:
    if at < certificate.not_valid_before_utc:
        raise CertificateNotYetValidError(certificate.not_valid_before_utc)
    if at > certificate.not_valid_after_utc:
        raise CertificateExpiredError(certificate.not_valid_after_utc)


def _same_public_key(key: SigningKey, certificate: x509.Certificate) -> bool:
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    mine = key.public_key().public_bytes(der, spki)
    return mine == certificate.public_key().public_bytes(der, spki)


def key_match_check(key: SigningKey, certificate: x509.Certificate) -> None:
    if not _same_public_key(key, certificate):
        raise KeyMismatchError


def is_pkcs12(data: bytes) -> bool:
    """Whether ``data`` is a PKCS#12 (PFX) structure, by its ASN.1 shape."""
    try:
        asn1_pkcs12.Pfx.load(data, strict=True)["auth_safe"]["content_type"].native  # noqa: B018
    except (ValueError, TypeError, KeyError):
        return False
    return True
