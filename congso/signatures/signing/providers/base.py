"""The remote-signing port (conventions §5): what Công Sở sends to a provider
such as VNPT SmartCA or Viettel MySign, and what it gets back. Dataclasses only,
never model instances.

The flow is the providers' common one (domain §7): the platform sends the hash of
the signed attributes with the signer's credential id and gets a transaction id;
the provider pushes the request to the signer's phone; the platform polls with the
transaction id until the signer approved (the raw signature value comes back),
rejected, or the transaction expired."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime


class RemoteStatus(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"


@dataclass(frozen=True)
class RemoteSignRequest:
    """One hash to sign. ``signature_algorithm`` is the DER of the CMS
    ``SignedDigestAlgorithm`` (RSASSA-PSS parameters included); ``idempotency_key``
    is the platform's request id, so a retried submission is not a second
    request on the signer's phone."""

    credential_id: str
    digest: bytes
    digest_algorithm: str
    signature_algorithm: bytes
    title: str
    idempotency_key: str
    expires_at: datetime


@dataclass(frozen=True)
class RemoteSubmission:
    transaction_id: str
    expires_at: datetime | None = None


@dataclass(frozen=True)
class RemoteResult:
    status: RemoteStatus
    signature: bytes | None = None


class RemoteProviderUnavailable(Exception):  # noqa: N818  # reads as a state
    """The provider cannot be reached or answered nonsense; try again later."""


class RemoteSigningProvider(ABC):
    """A remote-signing service. Implementations must be safe to call again
    with the same ``idempotency_key`` and the same transaction id."""

    name: str = ""
    #: Shown to officials ("VNPT SmartCA", "Trình mô phỏng ký số từ xa").
    label: str = ""

    @abstractmethod
    def submit(self, request: RemoteSignRequest) -> RemoteSubmission:
        """Send the hash; raises :class:`RemoteProviderUnavailable`."""

    @abstractmethod
    def poll(self, transaction_id: str) -> RemoteResult:
        """The transaction's state; raises :class:`RemoteProviderUnavailable`."""
