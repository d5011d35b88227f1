"""The national portal simulator: validates field shapes and records payloads."""
