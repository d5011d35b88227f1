"""A remote-signing service simulator that behaves like a mobile-approval
service (VNPT SmartCA, Viettel MySign style), in plain Python over files.

It holds *credentials* (a key and certificate per credential id, as the provider's
HSM would) and *transactions*: the platform creates one with the hash to sign, the
"signer" approves or rejects it on the simulator page (``/signatures/remote-sim/``,
standing in for the phone application), and the platform polls it. An approved
transaction carries the raw signature of the hash, made with the credential's
key. A transaction not decided by its expiry is expired. State lives under
``SIGNATURES_REMOTE_SIM_DIR`` (one JSON file per transaction, written atomically
under a lock), separate from Công Sở's database like a real provider's.

**Marker values** (suffixes of the credential id) make failures deterministic:

* ``…:unreachable`` — creating a transaction fails as if the service were down;
* ``…:auto-approve`` / ``…:auto-reject`` — decided at once, as if the signer had
  answered immediately;
* ``…:bad-signature`` — approval returns a signature over other data (the
  platform must refuse to embed it).

No Django here; the views and the provider adapter wrap it."""

from __future__ import annotations

import base64
import json
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from asn1crypto.algos import SignedDigestAlgorithm
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

from congso.signatures.pki.ca import Clock, utc_now
from congso.signatures.pki.files import (
    SigningKey,
    locked,
    read_key,
    write_atomic,
    write_certificate,
    write_key,
)

#: The longest a transaction may wait for the signer (providers use ~5 min).
MAX_LIFETIME = timedelta(minutes=15)
_ID = re.compile(r"^[A-Za-z0-9._:@-]{1,200}$")


class SimulatorError(Exception):
    """Refused by the simulated service (unknown credential, bad input, down)."""


@dataclass
class Transaction:
    id: str
    credential_id: str
    holder: str
    title: str
    digest: str  # hex
    digest_algorithm: str
    signature_algorithm: str  # base64 DER
    idempotency_key: str
    status: str  # pending, approved, rejected, expired
    created_at: str
    expires_at: str
    decided_at: str = ""
    signature: str = ""  # base64

    @property
    def signature_bytes(self) -> bytes | None:
        return base64.b64decode(self.signature) if self.signature else None


class RemoteSigningSimulator:
    """The simulated provider over one directory."""

    def __init__(self, directory: Path, *, clock: Clock = utc_now) -> None:
        self.directory = directory
        self.clock = clock

    # Credentials ---------------------------------------------------------------
    def credential_add(
        self,
        *,
        credential_id: str,
        holder: str,
        certificate: x509.Certificate,
        key: SigningKey,
    ) -> bool:
        """Enrol a key under ``credential_id``; False if it exists already."""
        folder = self._credential_dir(credential_id)
        with locked(self.directory):
            if (folder / "cert.pem").exists():
                return False
            write_key(folder / "key.pem", key)
            write_certificate(folder / "cert.pem", certificate)
            write_atomic(folder / "holder.txt", holder.encode("utf-8"))
        return True

    def credential_exists(self, credential_id: str) -> bool:
        return (self._credential_dir(credential_id) / "cert.pem").exists()

    def _credential_dir(self, credential_id: str) -> Path:
        if not _ID.match(credential_id):
            raise SimulatorError("invalid credential id")
        safe = base64.urlsafe_b64encode(credential_id.encode()).decode().rstrip("=")
        return self.directory / "credentials" / safe

    # Transactions --------------------------------------------------------------
    def transaction_create(
        self,
        *,
        credential_id: str,
        digest: bytes,
        digest_algorithm: str,
        signature_algorithm: bytes,
        title: str,
        idempotency_key: str,
        expires_at: datetime,
    ) -> Transaction:
        """A pending transaction for the signer to decide; the same
        ``idempotency_key`` returns the existing one."""
        if credential_id.endswith(":unreachable"):
            raise SimulatorError("service unavailable")
        if not self.credential_exists(credential_id):
            raise SimulatorError("unknown credential")
        self._check_request(digest, digest_algorithm, signature_algorithm)
        now = self.clock()
        with locked(self.directory):
            for existing in self._all():
                if existing.idempotency_key == idempotency_key:
                    return existing
            holder = (self._credential_dir(credential_id) / "holder.txt").read_text(
                encoding="utf-8"
            )
            transaction = Transaction(
                id=uuid.uuid4().hex,
                credential_id=credential_id,
                holder=holder,
                title=title[:200],
                digest=digest.hex(),
                digest_algorithm=digest_algorithm,
                signature_algorithm=base64.b64encode(signature_algorithm).decode(),
                idempotency_key=idempotency_key,
                status="pending",
                created_at=now.isoformat(),
                expires_at=min(expires_at, now + MAX_LIFETIME).isoformat(),
            )
            self._write(transaction)
        if credential_id.endswith((":auto-approve", ":bad-signature")):
            return self.transaction_decide(transaction.id, approve=True)
        if credential_id.endswith(":auto-reject"):
            return self.transaction_decide(transaction.id, approve=False)
        return transaction

    @staticmethod
    def _check_request(digest: bytes, digest_algorithm: str, mechanism: bytes) -> None:
        try:
            size = get_pyca_cryptography_hash(digest_algorithm).digest_size
            SignedDigestAlgorithm.load(mechanism).signature_algo  # noqa: B018
        except (AttributeError, ValueError, TypeError):
            raise SimulatorError("unsupported algorithm") from None
        if len(digest) != size:
            raise SimulatorError("digest length does not match the algorithm")

    def transaction_get(self, transaction_id: str) -> Transaction | None:
        path = self._path(transaction_id)
        if path is None or not path.exists():
            return None
        return self._expired(self._read(path))

    def transaction_list(self, *, status: str | None = None) -> list[Transaction]:
        rows = [self._expired(t) for t in self._all()]
        if status is not None:
            rows = [t for t in rows if t.status == status]
        return sorted(rows, key=lambda t: t.created_at, reverse=True)

    def transaction_decide(self, transaction_id: str, *, approve: bool) -> Transaction:
        """The signer's answer on the phone. Deciding twice changes nothing."""
        with locked(self.directory):
            transaction = self.transaction_get(transaction_id)
            if transaction is None:
                raise SimulatorError("unknown transaction")
            if transaction.status != "pending":
                return transaction
            transaction.decided_at = self.clock().isoformat()
            if approve:
                transaction.signature = base64.b64encode(
                    self._sign(transaction)
                ).decode()
                transaction.status = "approved"
            else:
                transaction.status = "rejected"
            self._write(transaction)
        return transaction

    def _sign(self, transaction: Transaction) -> bytes:
        key = read_key(self._credential_dir(transaction.credential_id) / "key.pem")
        digest = bytes.fromhex(transaction.digest)
        if transaction.credential_id.endswith(":bad-signature"):
            digest = bytes(len(digest))
        mechanism = SignedDigestAlgorithm.load(
            base64.b64decode(transaction.signature_algorithm)
        )
        prehashed = utils.Prehashed(
            get_pyca_cryptography_hash(transaction.digest_algorithm)
        )
        if isinstance(key, rsa.RSAPrivateKey):
            if mechanism.signature_algo == "rsassa_pss":
                pss, hashed = process_pss_params(
                    mechanism["parameters"], prehashed=True
                )
                return key.sign(digest, pss, hashed)
            return key.sign(digest, padding.PKCS1v15(), prehashed)
        return key.sign(digest, ec.ECDSA(prehashed))

    # Files ---------------------------------------------------------------------
    def _expired(self, transaction: Transaction) -> Transaction:
        if transaction.status == "pending" and self.clock() > datetime.fromisoformat(
            transaction.expires_at
        ):
            transaction.status = "expired"
        return transaction

    def _path(self, transaction_id: str) -> Path | None:
        if not re.fullmatch(r"[0-9a-f]{32}", transaction_id):
            return None
        return self.directory / "transactions" / f"{transaction_id}.json"

    def _all(self) -> list[Transaction]:
        folder = self.directory / "transactions"
        if not folder.exists():
            return []
        return [self._read(path) for path in folder.glob("*.json")]

    @staticmethod
    def _read(path: Path) -> Transaction:
        return Transaction(**json.loads(path.read_text(encoding="utf-8")))

    def _write(self, transaction: Transaction) -> None:
        path = self._path(transaction.id)
        if path is None:  # pragma: no cover - ids are generated here
            raise SimulatorError("invalid transaction id")
        write_atomic(path, json.dumps(asdict(transaction), ensure_ascii=False).encode())
