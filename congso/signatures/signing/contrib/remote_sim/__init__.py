"""The remote-signing simulator: the simulated service, its provider adapter and
its loopback-only pages and API under ``/signatures/remote-sim/``."""
