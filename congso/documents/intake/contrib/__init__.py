"""Implementations of the intake ports, one package each."""
