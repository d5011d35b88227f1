"""The real national portal over HTTPS (JSON, bearer token)."""
