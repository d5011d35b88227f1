"""CMS (CAdES/PAdES) assembly from pre-encoded parts, for a signer whose
certificate and chain do not change between signatures.

Why: pyHanko builds every ``SignedData`` as a tree of fresh asn1crypto objects.
asn1crypto re-serialises a mutated tree on each access, and DER ``SET OF``
sorting dumps members again and again, so assembling one signature (signed
attributes, ``SignerInfo``, the certificate set) costs ~10 ms of pure Python —
forty times the RSA operation. Everything in a PAdES signature except the
document digest and the signature value (and, for B-T, the time-stamp) is the
same for every signature of a key: this module encodes those parts once and
concatenates DER around the two (or three) changing values. The output is
byte-for-byte what pyHanko produces for the same inputs (tested), and validators
see an ordinary CMS: ``content-type``, ``message-digest`` and
``signing-certificate-v2`` signed attributes, issuer-and-serial signer id,
the certificates, and the unsigned time-stamp attribute when there is one."""

from __future__ import annotations

from collections.abc import Sequence

from asn1crypto import algos, cms
from asn1crypto import x509 as asn1_x509

#: The signed attributes pyHanko writes for a PAdES signature (no signing-time:
#: PAdES keeps the time in the signature dictionary's /M).
PADES_ATTRIBUTES = frozenset(
    {"content_type", "message_digest", "signing_certificate_v2"}
)


def der_length(size: int) -> bytes:
    if size < 0x80:
        return bytes([size])
    body = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der(tag: int, content: bytes) -> bytes:
    """A definite-length DER element."""
    return bytes([tag]) + der_length(len(content)) + content


def der_set_of(items: Sequence[bytes], tag: int = 0x31) -> bytes:
    """A DER ``SET OF`` (members in ascending order of their encodings)."""
    return der(tag, b"".join(sorted(items)))


class CmsTemplate:
    """The fixed parts of one signer's PAdES CMS for one digest algorithm."""

    def __init__(
        self,
        *,
        certificate: asn1_x509.Certificate,
        chain: Sequence[asn1_x509.Certificate],
        digest_algorithm: str,
        mechanism: algos.SignedDigestAlgorithm,
        fixed_attributes: Sequence[bytes],
    ) -> None:
        sid = cms.SignerIdentifier(
            name="issuer_and_serial_number",
            value=cms.IssuerAndSerialNumber(
                {
                    "issuer": certificate.issuer,
                    "serial_number": certificate.serial_number,
                }
            ),
        )
        digest = algos.DigestAlgorithm({"algorithm": digest_algorithm}).dump()
        self.digest_algorithm = digest_algorithm
        self._fixed_attributes = list(fixed_attributes)
        self._signer_head = (
            der(0x02, b"\x01")  # version v1
            + sid.dump()
            + digest
        )
        self._mechanism = mechanism.dump()
        unique = {c.dump(): None for c in (certificate, *chain)}
        self._data_head = (
            der(0x02, b"\x01")  # SignedData version v1
            + der_set_of([digest])
            + der(0x30, der(0x06, _OID_DATA))  # encapContentInfo: id-data
            + der_set_of(list(unique), tag=0xA0)  # [0] IMPLICIT certificates
        )

    def signed_attributes(self, document_digest: bytes) -> bytes:
        """DER of the signed attributes (a ``SET OF``, as signed) for a digest."""
        inner = der(0x31, der(0x04, document_digest))
        attribute = der(0x30, der(0x06, _OID_MESSAGE_DIGEST) + inner)
        return der_set_of([*self._fixed_attributes, attribute])

    def content_info(
        self, signed_attributes: bytes, signature: bytes, unsigned: bytes | None
    ) -> bytes:
        """DER of the ``ContentInfo`` (``SignedData`` with one ``SignerInfo``);
        ``signed_attributes`` as returned by :meth:`signed_attributes` (its SET
        tag becomes ``[0] IMPLICIT``), ``unsigned`` the DER of the unsigned
        attributes (a SET, retagged ``[1] IMPLICIT``) or None."""
        body = self._signer_head + b"\xa0" + signed_attributes[1:]
        body += self._mechanism + der(0x04, signature)
        if unsigned is not None:
            body += b"\xa1" + unsigned[1:]
        signer_info = der(0x30, body)
        signed_data = der(0x30, self._data_head + der_set_of([signer_info]))
        return der(0x30, der(0x06, _OID_SIGNED_DATA) + der(0xA0, signed_data))


def _oid(dotted: str) -> bytes:
    """Body of an OBJECT IDENTIFIER (no tag or length)."""
    first, second, *rest = (int(part) for part in dotted.split("."))
    out = bytearray([40 * first + second])
    for value in rest:
        chunk = [value & 0x7F]
        value >>= 7
        while value:
            chunk.append(0x80 | (value & 0x7F))
            value >>= 7
        out.extend(reversed(chunk))
    return bytes(out)


_OID_DATA = _oid("1.2.840.113549.1.7.1")
_OID_SIGNED_DATA = _oid("1.2.840.113549.1.7.2")
_OID_MESSAGE_DIGEST = _oid("1.2.840.113549.1.9.4")
