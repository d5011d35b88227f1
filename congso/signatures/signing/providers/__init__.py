"""Remote-signing providers (ký số từ xa): the port, its registry, and the
in-project simulator (``congso.signatures.signing.contrib.remote_sim``)."""
