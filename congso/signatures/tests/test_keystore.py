"""Software keys at rest: AES-256-GCM under a key derived from a secret outside the
database, bound to the certificate's fingerprint, with secret rotation."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from congso.signatures.errors import KeyDecryptionError
from congso.signatures.keystore import key_decrypt, key_encrypt

FP = "ab" * 32


@pytest.fixture
def key():
    return ec.generate_private_key(ec.SECP256R1())


def _der(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def test_round_trip_and_no_plaintext(key, settings):
    settings.SIGNATURES_KEY_SECRETS = ["first-secret-" + "x" * 40]
    blob, kek_id = key_encrypt(key, bound_to=FP)
    assert _der(key) not in blob
    assert b"PRIVATE KEY" not in blob
    assert len(kek_id) == 16
    assert blob[1:9].hex() == kek_id
    assert _der(key_decrypt(blob, bound_to=FP)) == _der(key)
    again, _ = key_encrypt(key, bound_to=FP)
    assert again != blob  # a fresh nonce every time


def test_blob_is_bound_to_its_certificate(key, settings):
    settings.SIGNATURES_KEY_SECRETS = ["first-secret-" + "x" * 40]
    blob, _ = key_encrypt(key, bound_to=FP)
    with pytest.raises(KeyDecryptionError):
        key_decrypt(blob, bound_to="cd" * 32)
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(KeyDecryptionError):
        key_decrypt(tampered, bound_to=FP)


def test_rotation_first_secret_encrypts_all_decrypt(key, settings):
    old, new = "old-secret-" + "y" * 40, "new-secret-" + "z" * 40
    settings.SIGNATURES_KEY_SECRETS = [old]
    blob, old_id = key_encrypt(key, bound_to=FP)
    settings.SIGNATURES_KEY_SECRETS = [new, old]
    assert _der(key_decrypt(blob, bound_to=FP)) == _der(key)
    _, new_id = key_encrypt(key, bound_to=FP)
    assert new_id != old_id
    settings.SIGNATURES_KEY_SECRETS = [new]
    with pytest.raises(KeyDecryptionError):
        key_decrypt(blob, bound_to=FP)


def test_secret_key_is_the_default(key, settings):
    settings.SIGNATURES_KEY_SECRETS = []
    blob, _ = key_encrypt(key, bound_to=FP)
    settings.SECRET_KEY = "another-" + "k" * 50
    with pytest.raises(KeyDecryptionError):
        key_decrypt(blob, bound_to=FP)
