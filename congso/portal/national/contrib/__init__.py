"""Implementations of the national portal port."""
