"""Effective-dated rows (``valid_from``, ``valid_to`` inclusive, null = still in force):
the query and constraint pieces every such table uses."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q


def in_force_on(on: date, prefix: str = "") -> Q:
    """Rows in force on ``on``. ``prefix`` reaches through a relation
    (``"role_assignments__"``); keep it in one ``filter()`` call with the relation's
    other conditions so they apply to the same related row."""
    return Q(**{f"{prefix}valid_from__lte": on}) & not_ended_before(on, prefix)


def not_ended_before(day: date, prefix: str = "") -> Q:
    """Rows still in force on ``day`` or later (``valid_to`` null or ≥ ``day``)."""
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(
        **{f"{prefix}valid_to__gte": day}
    )


def open_after(day: date, prefix: str = "") -> Q:
    """Rows still in force after ``day`` (``valid_to`` null or > ``day``)."""
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(
        **{f"{prefix}valid_to__gt": day}
    )


def period_constraint(name: str) -> models.CheckConstraint:
    """``valid_to`` is empty or not before ``valid_from``."""
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name=name
    )
