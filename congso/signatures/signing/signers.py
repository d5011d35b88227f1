"""pyHanko signers for the three places a key can be (domain §6–§7): a software
key kept parsed in memory, a PKCS#11 token or HSM, and (for the interrupted flow)
an external signature value. No database: callers pass certificates and keys.

RSA keys sign with RSASSA-PSS where the key allows it (circular 15/2025 §2);
validators must still accept PKCS#1 v1.5 from older tokens."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from asn1crypto.algos import SignedDigestAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

from congso.signatures.pki.files import SigningKey
from congso.signatures.signing.cms import PADES_ATTRIBUTES, CmsTemplate
from congso.signatures.signing.errors import (
    Pkcs11DeviceError,
    Pkcs11KeyNotFoundError,
    Pkcs11ModuleError,
    Pkcs11PinError,
    Pkcs11TokenNotFoundError,
)

logger = logging.getLogger(__name__)

#: Allowance for a signature time-stamp token in the CMS (DER bytes): the token
#: carries the TSA's certificate and often its chain.
TIMESTAMP_ALLOWANCE = 9000
#: Signed attributes, SignerInfo and CMS framing (DER bytes): ~550 for RSA-PSS,
#: with a margin. Every byte reserved is parsed again by each validator (pyHanko
#: tokenises the hex string in Python), so the estimate is kept tight; a CMS that
#: does not fit makes the engine fall back to pyHanko's own sizing.
CMS_OVERHEAD = 700


class CachedKeySigner(SimpleSigner):
    """A ``SimpleSigner`` whose raw signatures use a private key parsed once.

    Why: pyHanko's ``SimpleSigner.sign_raw`` re-parses the PKCS#8 key with
    ``load_der_private_key`` for *every* raw signature, and its ``sign_pdf`` signs
    twice (a dry run sizes ``/Contents``). With OpenSSL 3 each RSA key load runs a
    pairwise consistency check of ~35 ms, capping RSA-2048 B-B near 10
    signatures a second although the RSA operation itself takes ~0.25 ms (domain
    §10, stack §3.6). This subclass keeps the ``cryptography`` key object that
    :func:`congso.signatures.selectors.certificate_private_key` decrypted and
    validated once per process, and the engine reserves the signature size
    itself (:func:`reserve_bytes`), so the dry run is skipped too. Keep one
    signer per worker process and scale with processes (the CMS and PDF work is
    pure Python under the GIL)."""

    def __init__(
        self,
        *,
        certificate: asn1_x509.Certificate,
        key: SigningKey,
        chain: Sequence[asn1_x509.Certificate] = (),
        prefer_pss: bool = True,
    ) -> None:
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        super().__init__(
            signing_cert=certificate,
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=certificate_store(chain),
            prefer_pss=prefer_pss and isinstance(key, rsa.RSAPrivateKey),
            # The root is in every validator's trust store: embedding it only
            # lengthens /Contents (domain §2 asks for the signer's certificate).
            embed_roots=False,
        )
        self._key = key
        self._mechanisms: dict[str | None, SignedDigestAlgorithm] = {}
        self._templates: dict[str, CmsTemplate] = {}

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return bytes(raw_signature_size(self._key))
        return self.sign_raw(data, digest_algorithm)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        return raw_sign(self._key, mechanism, data, digest_algorithm)

    # The CMS from pre-encoded parts (see congso.signatures.signing.cms) ---------

    def embedded_chain(self) -> list[asn1_x509.Certificate]:
        """The certificates besides the signer's that go into the CMS: the chain
        without self-signed roots (as pyHanko does with ``embed_roots=False``)."""
        return [c for c in self.cert_registry if c.self_signed == "no"]

    def get_signature_mechanism_for_digest(
        self, digest_algorithm: str | None
    ) -> SignedDigestAlgorithm:
        """Memoised: pyHanko recomputes the PSS parameters from the certificate
        several times per signature."""
        cached = self._mechanisms.get(digest_algorithm)
        if cached is None:
            cached = super().get_signature_mechanism_for_digest(digest_algorithm)
            self._mechanisms[digest_algorithm] = cached
        return cached

    async def signed_attrs(
        self,
        data_digest: bytes,
        digest_algorithm: str,
        attr_settings: PdfCMSSignedAttributes | None = None,
        content_type: str = "data",
        use_pades: bool = False,
        timestamper: object = None,
        dry_run: bool = False,
        is_pdf_sig: bool = True,
    ) -> cms.CMSAttributes:
        """The PAdES signed attributes from the template once pyHanko has built
        them for this key (the first signature); anything else goes to pyHanko."""
        plain = (
            use_pades
            and is_pdf_sig
            and not dry_run
            and content_type == "data"
            and (
                attr_settings is None
                or (
                    attr_settings.cades_signed_attrs is None
                    and attr_settings.adobe_revinfo_attr is None
                )
            )
        )
        template = self._templates.get(digest_algorithm) if plain else None
        if template is not None:
            return cms.CMSAttributes.load(template.signed_attributes(data_digest))
        attrs: cms.CMSAttributes = await super().signed_attrs(
            data_digest,
            digest_algorithm,
            attr_settings=attr_settings,
            content_type=content_type,
            use_pades=use_pades,
            timestamper=timestamper,
            dry_run=dry_run,
            is_pdf_sig=is_pdf_sig,
        )
        if plain and {a["type"].native for a in attrs} == PADES_ATTRIBUTES:
            self._templates[digest_algorithm] = CmsTemplate(
                certificate=self.signing_cert,
                chain=self.embedded_chain(),
                digest_algorithm=digest_algorithm,
                mechanism=self.get_signature_mechanism_for_digest(digest_algorithm),
                fixed_attributes=[
                    a.dump() for a in attrs if a["type"].native != "message_digest"
                ],
            )
        return attrs

    def _package_signature(
        self,
        *,
        digest_algorithm: str,
        cms_version: str,
        signed_attrs: cms.CMSAttributes,
        signature: bytes,
        unsigned_attrs: cms.CMSAttributes | None,
        encap_content_info: object,
    ) -> cms.ContentInfo:
        template = self._templates.get(digest_algorithm)
        detached = encap_content_info in (None, {"content_type": "data"})
        if template is None or not detached or cms_version != "v1":
            packaged: cms.ContentInfo = super()._package_signature(
                digest_algorithm=digest_algorithm,
                cms_version=cms_version,
                signed_attrs=signed_attrs,
                signature=signature,
                unsigned_attrs=unsigned_attrs,
                encap_content_info=encap_content_info,
            )
            return packaged
        return cms.ContentInfo.load(
            template.content_info(
                signed_attrs.dump(),
                signature,
                unsigned_attrs.dump() if unsigned_attrs is not None else None,
            )
        )


def certificate_store(
    certificates: Sequence[asn1_x509.Certificate],
) -> SimpleCertificateStore:
    """The certificates a CMS signature embeds besides the signer's."""
    store: SimpleCertificateStore = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]  # pyhanko-certvalidator
        list(certificates)
    )
    return store


def raw_sign(
    key: SigningKey,
    mechanism: SignedDigestAlgorithm,
    data: bytes,
    digest_algorithm: str,
) -> bytes:
    """Sign ``data`` (the DER of the signed attributes) as ``mechanism`` says."""
    name = mechanism.signature_algo
    if isinstance(key, rsa.RSAPrivateKey):
        if name == "rsassa_pss":
            pss, hash_algo = process_pss_params(mechanism["parameters"])
            return key.sign(data, pss, hash_algo)
        return key.sign(
            data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
        )
    return key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))


def raw_signature_size(key: SigningKey) -> int:
    """Bytes of a raw signature: the modulus for RSA, a DER pair for ECDSA."""
    if isinstance(key, rsa.RSAPrivateKey):
        return (key.key_size + 7) // 8
    return 2 * ((key.curve.key_size + 7) // 8) + 9


def public_key_signature_size(certificate: asn1_x509.Certificate) -> int:
    info = certificate.public_key
    bits = int(info.bit_size)
    if info.algorithm == "rsa":
        return (bits + 7) // 8
    return 2 * ((bits + 7) // 8) + 9


def reserve_bytes(
    certificates: Sequence[asn1_x509.Certificate],
    signature_size: int,
    *,
    timestamp: bool,
) -> int:
    """Room for the CMS in ``/Contents`` (hex digits, so twice the DER size),
    computed instead of pyHanko's dry-run signature: the certificates it embeds,
    the signature value, the framing and, for B-T and above, a time-stamp
    token. An estimate that proves too small makes the engine fall back to
    pyHanko's own sizing."""
    size = sum(len(c.dump()) for c in certificates) + signature_size + CMS_OVERHEAD
    if timestamp:
        size += TIMESTAMP_ALLOWANCE
    return 2 * size


def signature_verify(
    certificate: asn1_x509.Certificate,
    mechanism: SignedDigestAlgorithm,
    signature: bytes,
    data: bytes,
    digest_algorithm: str,
) -> bool:
    """Whether ``signature`` over ``data`` verifies with the certificate's key
    (checks a remote provider's answer before it is embedded)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.x509 import load_der_x509_certificate

    public = load_der_x509_certificate(certificate.dump()).public_key()
    hash_algo: hashes.HashAlgorithm = get_pyca_cryptography_hash(digest_algorithm)
    try:
        if isinstance(public, rsa.RSAPublicKey):
            if mechanism.signature_algo == "rsassa_pss":
                pss, pss_hash = process_pss_params(mechanism["parameters"])
                public.verify(signature, data, pss, pss_hash)
            else:
                public.verify(signature, data, padding.PKCS1v15(), hash_algo)
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hash_algo))
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


# -- PKCS#11 tokens and HSMs ------------------------------------------------------------


@contextmanager
def pkcs11_signer(
    *,
    module: str,
    token_label: str,
    pin: str | None,
    certificate: asn1_x509.Certificate,
    chain: Sequence[asn1_x509.Certificate] = (),
    key_label: str = "",
    key_id: bytes | None = None,
) -> Iterator[Signer]:
    """A ``PKCS11Signer`` on a session opened for this signature, closed after.
    EC keys use the raw ``CKM_ECDSA`` mechanism with the hash computed here
    (SoftHSM2 and some tokens lack ``CKM_ECDSA_SHA256``; stack §3.7). Every
    device error becomes a Vietnamese refusal: missing module, token not found,
    wrong or locked PIN, key not on the token."""
    from pkcs11 import exceptions as p11
    from pyhanko.sign.pkcs11 import PKCS11Signer

    session = _pkcs11_session(module=module, token_label=token_label, pin=pin)
    try:
        is_ec = certificate.public_key.algorithm == "ec"
        signer = PKCS11Signer(
            session,
            signing_cert=certificate,
            ca_chain=list(chain),
            key_label=key_label or None,
            key_id=key_id,
            prefer_pss=not is_ec,
            use_raw_mechanism=is_ec,
        )
        try:
            signer.signing_cert  # noqa: B018  # loads the key handle now
        except p11.PKCS11Error as error:
            if "private key" in str(error):
                raise Pkcs11KeyNotFoundError(
                    key_label or (key_id or b"").hex()
                ) from None
            raise Pkcs11DeviceError(type(error).__name__) from None
        yield signer
    finally:
        try:
            session.close()
        except p11.PKCS11Error:  # pragma: no cover - token pulled out meanwhile
            logger.warning("PKCS#11 session close failed", exc_info=True)


def _pkcs11_session(*, module: str, token_label: str, pin: str | None):  # type: ignore[no-untyped-def]  # python-pkcs11 Session is untyped
    import pkcs11
    from pkcs11 import exceptions as p11

    if not module or not Path(module).is_file():
        raise Pkcs11ModuleError(module)
    try:
        library = pkcs11.lib(module)
    except p11.PKCS11Error:
        raise Pkcs11ModuleError(module) from None
    try:
        token = library.get_token(token_label=token_label)
    except (p11.NoSuchToken, p11.TokenNotPresent, p11.TokenNotRecognised):
        raise Pkcs11TokenNotFoundError(token_label) from None
    except p11.MultipleTokensReturned:
        raise Pkcs11DeviceError("MultipleTokensReturned") from None
    try:
        return token.open(user_pin=pin) if pin is not None else token.open()
    except p11.PinLocked:
        raise Pkcs11PinError(locked=True) from None
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange, p11.PinExpired):
        raise Pkcs11PinError from None
    except p11.PKCS11Error as error:
        raise Pkcs11DeviceError(type(error).__name__) from None
