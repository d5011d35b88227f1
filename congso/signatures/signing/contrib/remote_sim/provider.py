"""The simulator as a remote-signing provider (``simulator``). It calls the
simulated service in-process, through the same state its pages and JSON API use,
so a single-threaded development server never waits on itself."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from congso.signatures.signing.contrib.remote_sim.simulator import (
    RemoteSigningSimulator,
    SimulatorError,
)
from congso.signatures.signing.providers.base import (
    RemoteProviderUnavailable,
    RemoteResult,
    RemoteSigningProvider,
    RemoteSignRequest,
    RemoteStatus,
    RemoteSubmission,
)


def simulator_get() -> RemoteSigningSimulator:
    return RemoteSigningSimulator(Path(settings.SIGNATURES_REMOTE_SIM_DIR))


class SimulatorProvider(RemoteSigningProvider):
    name = "simulator"
    label = "Trình mô phỏng ký số từ xa"

    def submit(self, request: RemoteSignRequest) -> RemoteSubmission:
        try:
            transaction = simulator_get().transaction_create(
                credential_id=request.credential_id,
                digest=request.digest,
                digest_algorithm=request.digest_algorithm,
                signature_algorithm=request.signature_algorithm,
                title=request.title,
                idempotency_key=request.idempotency_key,
                expires_at=request.expires_at,
            )
        except SimulatorError as error:
            raise RemoteProviderUnavailable(str(error)) from None
        return RemoteSubmission(transaction_id=transaction.id)

    def poll(self, transaction_id: str) -> RemoteResult:
        transaction = simulator_get().transaction_get(transaction_id)
        if transaction is None:
            raise RemoteProviderUnavailable("unknown transaction")
        return RemoteResult(
            status=RemoteStatus(transaction.status),
            signature=transaction.signature_bytes,
        )
