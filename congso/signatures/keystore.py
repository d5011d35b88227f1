"""Software private keys encrypted at rest (khóa bí mật lưu mã hóa).

Format of ``Certificate.encrypted_private_key``::

    b"\\x01" | kek_id (8 bytes) | nonce (12 bytes) | AES-256-GCM(PKCS#8 DER key)

* The key-encryption key (KEK) is derived with HKDF-SHA256 from a secret that is
  **not in the database**: ``CONGSO_SIGNATURES_KEY_SECRETS`` (first entry encrypts,
  every entry is tried to decrypt, so secrets can be rotated), or ``SECRET_KEY``
  when that is empty. A database dump or backup alone reveals no key.
* HKDF rather than a password KDF (PBKDF2/scrypt as in encrypted PKCS#8): the
  secret is high-entropy, so stretching adds only latency on every load.
* AES-GCM authenticates the ciphertext, and the associated data binds it to the
  certificate's SHA-256 fingerprint: a blob copied onto another row does not open.
* ``kek_id`` (also stored in ``key_encryption_id``) says which secret encrypted the
  key, so a rotation can find the rows still under an old secret.
"""

from __future__ import annotations

import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from congso.signatures.errors import KeyDecryptionError
from congso.signatures.pki.files import SigningKey, signing_key

VERSION = b"\x01"
_INFO = b"congso.signatures.software-key.v1"
_ID_BYTES = 8
_NONCE_BYTES = 12


@lru_cache(maxsize=8)
def _derive(secret: str) -> tuple[bytes, bytes]:
    """(KEK, KEK id) for one secret."""
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode("utf-8")
    )
    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"kek-id:" + kek)
    return kek, digest.finalize()[:_ID_BYTES]


def _secrets() -> list[str]:
    configured: list[str] = list(settings.SIGNATURES_KEY_SECRETS)
    return configured or [settings.SECRET_KEY]


def _aad(bound_to: str) -> bytes:
    return VERSION + bound_to.encode("ascii")


def key_encrypt(key: SigningKey, *, bound_to: str) -> tuple[bytes, str]:
    """Encrypt ``key`` for storage; returns (blob, KEK id in hex). ``bound_to`` is
    the certificate's SHA-256 fingerprint."""
    kek, kek_id = _derive(_secrets()[0])
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, plain, _aad(bound_to))
    return VERSION + kek_id + nonce + sealed, kek_id.hex()


def key_decrypt(blob: bytes, *, bound_to: str) -> SigningKey:
    """The private key in ``blob`` (raises :class:`KeyDecryptionError`)."""
    blob = bytes(blob)
    if not blob.startswith(VERSION) or len(blob) < 1 + _ID_BYTES + _NONCE_BYTES + 16:
        raise KeyDecryptionError
    kek_id = blob[1 : 1 + _ID_BYTES]
    nonce = blob[1 + _ID_BYTES : 1 + _ID_BYTES + _NONCE_BYTES]
    sealed = blob[1 + _ID_BYTES + _NONCE_BYTES :]
    for secret in _secrets():
        kek, candidate = _derive(secret)
        if candidate != kek_id:
            continue
        try:
            plain = AESGCM(kek).decrypt(nonce, sealed, _aad(bound_to))
        except InvalidTag:
            raise KeyDecryptionError from None
        return signing_key(serialization.load_der_private_key(plain, password=None))
    raise KeyDecryptionError
