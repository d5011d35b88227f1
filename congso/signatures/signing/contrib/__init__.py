"""Adapters of the signing service's ports (conventions §5)."""
