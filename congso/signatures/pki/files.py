"""Small file helpers of the demo PKI: private files written atomically, PEM keys,
and an inter-process lock (the web process and the worker both write CA state)."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

#: The key types Công Sở signs with (domain §2: RSA and ECDSA only).
SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
SigningPublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step (readers see the old or the new
    file, never half of one); ``private`` files are readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(handle, 0o600 if private else 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory/.lock`` (blocking)."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".lock").open("a") as stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


def write_key(path: Path, key: PrivateKeyTypes) -> None:
    """A demo private key as unencrypted PKCS#8 PEM, mode 0600 (demo data only;
    keys of real officials are stored encrypted in the database)."""
    write_atomic(
        path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        private=True,
    )


def signing_key(key: PrivateKeyTypes) -> SigningKey:
    """``key`` as a signing key (``TypeError`` for any other type)."""
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise TypeError(f"unsupported key type {type(key).__name__}")
    return key


def read_key(path: Path) -> SigningKey:
    return signing_key(
        serialization.load_pem_private_key(path.read_bytes(), password=None)
    )


def write_certificate(path: Path, certificate: x509.Certificate) -> None:
    write_atomic(path, certificate.public_bytes(serialization.Encoding.PEM))


def read_certificate(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())
