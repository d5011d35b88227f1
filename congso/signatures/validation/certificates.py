"""Certificates and time-stamp tokens as found in a signed file (diagnostic data,
no judgement). Certificates are read with asn1crypto (what pyHanko hands over);
names are converted to RFC 4514 with ``cryptography`` when it can parse them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from congso.core.text import nfc

#: asn1crypto attribute names → our fields (Vietnamese CAs fill these).
_NAME_KEYS = {
    "common_name": "common_name",
    "title": "title",
    "organization_name": "organisation",
    "organizational_unit_name": "organisational_unit",
    "locality_name": "locality",
    "state_or_province_name": "state",
}


@dataclass(frozen=True)
class CertificateFacts:
    """An X.509 certificate as found in the file."""

    subject: str
    common_name: str
    title: str
    organisation: str
    organisational_unit: str
    locality: str
    state: str
    issuer: str
    issuer_common_name: str
    issuer_organisation: str
    serial_number: str
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str
    key_algorithm: str
    key_size: int
    signature_algorithm: str
    der: bytes = field(repr=False)

    @property
    def key_label(self) -> str:
        """``RSA-2048``, ``EC P-256``."""
        if self.key_algorithm == "RSA":
            return f"RSA-{self.key_size}"
        return f"{self.key_algorithm} ({self.key_size} bit)"


@dataclass(frozen=True)
class TimestampFacts:
    """An RFC 3161 time-stamp token: its time and its authority (TSA)."""

    time: datetime
    tsa_name: str
    tsa: CertificateFacts | None
    hash_algorithm: str
    policy: str
    signature_value: bytes = field(repr=False)


# -- certificates ---------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return nfc(str(value)) if value is not None else ""


def _names(name: Any) -> dict[str, str]:
    native = name.native if name is not None else {}
    return {ours: _text(native.get(key)) for key, ours in _NAME_KEYS.items()}


def _rfc4514(parsed: x509.Name | None, fallback: Any) -> str:
    if parsed is not None:
        return nfc(parsed.rfc4514_string({NameOID.TITLE: "title"}))
    return nfc(str(fallback.human_friendly))


def _key(public_key: Any) -> tuple[str, int]:
    algorithm = str(public_key.algorithm).upper()
    try:
        size = int(public_key.bit_size)
    except (ValueError, TypeError, KeyError):
        size = 0
    if algorithm == "EC":
        try:
            curve = public_key.curve[1]
        except (ValueError, TypeError, KeyError, IndexError):
            curve = ""
        label = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
        algorithm = f"EC {label.get(str(curve), curve)}".strip()
    return algorithm, size


def certificate_facts(certificate: Any) -> CertificateFacts:
    """Facts of an asn1crypto ``Certificate``."""
    der = certificate.dump()
    try:
        parsed: x509.Certificate | None = x509.load_der_x509_certificate(der)
    except ValueError:
        parsed = None
    subject, issuer = _names(certificate.subject), _names(certificate.issuer)
    key_algorithm, key_size = _key(certificate.public_key)
    try:
        signature_algorithm = (
            f"{certificate.hash_algo}_{certificate.signature_algo}".lower()
        )
    except (ValueError, KeyError):
        signature_algorithm = str(
            certificate["signature_algorithm"]["algorithm"].native
        )
    return CertificateFacts(
        subject=_rfc4514(parsed.subject if parsed else None, certificate.subject),
        common_name=subject["common_name"],
        title=subject["title"],
        organisation=subject["organisation"],
        organisational_unit=subject["organisational_unit"],
        locality=subject["locality"],
        state=subject["state"],
        issuer=_rfc4514(parsed.issuer if parsed else None, certificate.issuer),
        issuer_common_name=issuer["common_name"],
        issuer_organisation=issuer["organisation"],
        serial_number=format(certificate.serial_number, "x"),
        not_before=certificate.not_valid_before,
        not_after=certificate.not_valid_after,
        fingerprint_sha256=hashlib.sha256(der).hexdigest(),
        key_algorithm=key_algorithm,
        key_size=key_size,
        signature_algorithm=signature_algorithm,
        der=der,
    )


# -- time-stamps ----------------------------------------------------------------------


def _signer_certificate(signed_data: Any) -> Any | None:
    """The certificate of the (first) signer of a CMS ``SignedData``, if embedded."""
    signer_info = signed_data["signer_infos"][0]
    sid = signer_info["sid"]
    for choice in signed_data["certificates"] or ():
        if choice.name != "certificate":
            continue
        candidate = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                candidate.issuer == wanted["issuer"]
                and candidate.serial_number == wanted["serial_number"].native
            ):
                return candidate
        elif candidate.key_identifier == sid.chosen.native:
            return candidate
    return None


def timestamp_facts(signed_data: Any) -> TimestampFacts:
    """Facts of an RFC 3161 token (its ``SignedData``)."""
    info: Any = signed_data["encap_content_info"]["content"].parsed
    certificate = _signer_certificate(signed_data)
    tsa = certificate_facts(certificate) if certificate is not None else None
    name = tsa.common_name if tsa else ""
    if not name and info["tsa"].native:
        name = _text(info["tsa"].chosen.native)
    return TimestampFacts(
        time=info["gen_time"].native,
        tsa_name=name,
        tsa=tsa,
        hash_algorithm=str(
            info["message_imprint"]["hash_algorithm"]["algorithm"].native
        ),
        policy=str(info["policy"].dotted),
        signature_value=signed_data["signer_infos"][0]["signature"].native,
    )
