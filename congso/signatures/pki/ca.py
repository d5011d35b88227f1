"""One certification authority of the demo PKI (CA demo): key, certificate and
state in one directory.

``state.json`` is the CA's database (like OpenSSL's ``index.txt``): every serial it
issued, with revocation time and reason, the CRL number and a revision that changes
with each revocation. ``crl.der`` is the current CRL; it is regenerated when a
certificate is revoked and when half of its validity has passed."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from congso.signatures.pki.files import (
    SigningKey,
    locked,
    read_certificate,
    read_key,
    write_atomic,
    write_certificate,
    write_key,
)
from congso.signatures.pki.profiles import Issuer

#: How long a CRL is valid (its nextUpdate); it is renewed after half of that.
CRL_VALIDITY = timedelta(days=7)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SerialStatus:
    """What the CA knows of one serial number."""

    known: bool
    revoked_at: datetime | None = None
    reason: x509.ReasonFlags | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateAuthority:
    """A CA whose files live in ``directory`` (``key.pem``, ``cert.pem``,
    ``state.json``, ``crl.der``). ``label`` names it in URLs (``root``, ``issuing``).
    """

    def __init__(self, directory: Path, *, label: str, clock: Clock = utc_now) -> None:
        self.directory = directory
        self.label = label
        self.clock = clock
        self._certificate: x509.Certificate | None = None
        self._key: SigningKey | None = None
        self._state: tuple[tuple[int, int, int], dict[str, Any]] | None = None

    # Creation and loading ------------------------------------------------------
    @property
    def exists(self) -> bool:
        return (self.directory / "cert.pem").exists()

    def install(self, *, certificate: x509.Certificate, key: SigningKey) -> None:
        """Write a new CA's key, certificate and empty state."""
        write_key(self.directory / "key.pem", key)
        write_certificate(self.directory / "cert.pem", certificate)
        self._write_state({"revision": 0, "crl_number": 0, "issued": {}})
        self._certificate, self._key = certificate, key

    @property
    def certificate(self) -> x509.Certificate:
        if self._certificate is None:
            self._certificate = read_certificate(self.directory / "cert.pem")
        return self._certificate

    @property
    def private_key(self) -> SigningKey:
        """Loaded once per process: OpenSSL 3 re-checks an RSA key on every load."""
        if self._key is None:
            self._key = read_key(self.directory / "key.pem")
        return self._key

    @property
    def as_issuer(self) -> Issuer:
        return Issuer(
            name=self.certificate.subject,
            public_key=self.private_key.public_key(),
            label=self.label,
        )

    # Issuing and revoking ------------------------------------------------------
    def issue(self, builder: x509.CertificateBuilder) -> x509.Certificate:
        """Sign ``builder`` (SHA-256) and record the serial."""
        certificate = builder.sign(self.private_key, hashes.SHA256())
        with locked(self.directory):
            state = self._read_state()
            state["issued"][_serial_key(certificate.serial_number)] = {
                "subject": certificate.subject.rfc4514_string(),
                "not_after": certificate.not_valid_after_utc.isoformat(),
                "revoked_at": None,
                "reason": None,
            }
            self._write_state(state)
        return certificate

    def revoke(
        self,
        *,
        serial_number: int,
        revoked_at: datetime,
        reason: x509.ReasonFlags = x509.ReasonFlags.unspecified,
    ) -> bool:
        """Mark a serial revoked and publish a new CRL. Returns False (and changes
        nothing) when it was already revoked; raises ``KeyError`` for a serial this
        CA never issued."""
        with locked(self.directory):
            state = self._read_state()
            entry = state["issued"][_serial_key(serial_number)]
            if entry["revoked_at"] is not None:
                return False
            entry["revoked_at"] = revoked_at.astimezone(UTC).isoformat()
            entry["reason"] = reason.value
            state["revision"] += 1
            self._write_state(state)
        self.crl_regenerate()
        return True

    def status(self, serial_number: int) -> SerialStatus:
        entry = self._read_state()["issued"].get(_serial_key(serial_number))
        if entry is None:
            return SerialStatus(known=False)
        if entry["revoked_at"] is None:
            return SerialStatus(known=True)
        return SerialStatus(
            known=True,
            revoked_at=datetime.fromisoformat(entry["revoked_at"]),
            reason=x509.ReasonFlags(entry["reason"]),
        )

    # CRL -----------------------------------------------------------------------
    def crl_der(self) -> bytes:
        """The current CRL (DER), regenerated first when stale."""
        path = self.directory / "crl.der"
        state = self._read_state()
        if path.exists() and state.get("crl_revision") == state["revision"]:
            data = path.read_bytes()
            current = x509.load_der_x509_crl(data)
            renew_at = current.next_update_utc
            if renew_at is not None and self.clock() < renew_at - CRL_VALIDITY / 2:
                return data
        return self.crl_regenerate()

    def crl_regenerate(self) -> bytes:
        """Sign and store a new CRL listing every revoked serial."""
        now = self.clock()
        with locked(self.directory):
            state = self._read_state()
            number = int(state["crl_number"]) + 1
            builder = (
                x509.CertificateRevocationListBuilder()
                .issuer_name(self.certificate.subject)
                .last_update(now)
                .next_update(now + CRL_VALIDITY)
                .add_extension(x509.CRLNumber(number), False)
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(
                        self.private_key.public_key()
                    ),
                    False,
                )
            )
            for serial, entry in sorted(state["issued"].items()):
                if entry["revoked_at"] is not None:
                    builder = builder.add_revoked_certificate(_revoked(serial, entry))
            data = builder.sign(self.private_key, hashes.SHA256()).public_bytes(
                serialization.Encoding.DER
            )
            write_atomic(self.directory / "crl.der", data)
            state["crl_number"] = number
            state["crl_revision"] = state["revision"]
            self._write_state(state)
        return data

    # State file ----------------------------------------------------------------
    def _read_state(self) -> dict[str, Any]:
        """The parsed state, re-read only when the file changed (another process
        may have revoked a certificate)."""
        path = self.directory / "state.json"
        info = path.stat()
        stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
        if self._state is None or self._state[0] != stamp:
            self._state = (stamp, json.loads(path.read_text(encoding="utf-8")))
        copy: dict[str, Any] = json.loads(json.dumps(self._state[1]))
        return copy  # a private copy the caller may change

    def _write_state(self, state: dict[str, Any]) -> None:
        text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False)
        write_atomic(self.directory / "state.json", text.encode("utf-8"))
        self._state = None


def _serial_key(serial_number: int) -> str:
    return f"{serial_number:x}"


def _revoked(serial: str, entry: dict[str, Any]) -> x509.RevokedCertificate:
    builder = (
        x509.RevokedCertificateBuilder()
        .serial_number(int(serial, 16))
        .revocation_date(datetime.fromisoformat(entry["revoked_at"]))
    )
    reason = x509.ReasonFlags(entry["reason"])
    if reason is not x509.ReasonFlags.unspecified:  # RFC 5280 §5.3.1
        builder = builder.add_extension(x509.CRLReason(reason), False)
    return builder.build()
