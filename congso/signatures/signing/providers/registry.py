"""The registry of remote-signing providers. ``Certificate.remote_provider``
names the provider of each remote key; the simulator is always registered (as
``simulator``), so the demo and the tests work offline. Tests may register their
own provider or replace the registry."""

from __future__ import annotations

from congso.core.registry import Registry
from congso.signatures.signing.providers.base import RemoteSigningProvider

remote_providers: Registry[RemoteSigningProvider] = Registry("remote-signing provider")


def remote_provider_get(name: str) -> RemoteSigningProvider:
    """The provider registered as ``name`` (``LookupError`` if none)."""
    if "simulator" not in remote_providers:
        from congso.signatures.signing.contrib.remote_sim.provider import (
            SimulatorProvider,
        )

        remote_providers.add("simulator", SimulatorProvider())
    return remote_providers.get(name)
