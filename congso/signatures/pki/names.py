"""Distinguished names for the demo PKI, in Vietnamese.

``cryptography`` encodes every attribute except the country (PrintableString) as a
UTF8String, which is what Vietnamese names need; the text is put in NFC first so the
same name always has the same bytes."""

from __future__ import annotations

import unicodedata

from cryptography import x509
from cryptography.x509.oid import NameOID


def distinguished_name(
    *,
    common_name: str,
    organization: str = "",
    organizational_unit: str = "",
    title: str = "",
    locality: str = "",
    state: str = "",
    country: str = "VN",
    user_id: str = "",
) -> x509.Name:
    """A subject or issuer name in the usual Vietnamese CA order (C, ST, L, O, OU,
    title, CN, UID); empty parts are left out."""
    parts = [
        (NameOID.COUNTRY_NAME, country),
        (NameOID.STATE_OR_PROVINCE_NAME, state),
        (NameOID.LOCALITY_NAME, locality),
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, organizational_unit),
        (NameOID.TITLE, title),
        (NameOID.COMMON_NAME, common_name),
        (NameOID.USER_ID, user_id),
    ]
    return x509.Name(
        [
            x509.NameAttribute(oid, unicodedata.normalize("NFC", value.strip()))
            for oid, value in parts
            if value.strip()
        ]
    )


def common_name(name: x509.Name) -> str:
    """The (first) common name of ``name``, or ""."""
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")
