"""Who may own a certificate or a signature image: one rule, two tables."""

from __future__ import annotations

from django.db.models import Q


def owner_matches_kind(personal_kind: str, agency_kind: str) -> Q:
    """Check condition: a row of ``personal_kind`` belongs to an official and none
    to an agency; a row of ``agency_kind`` the other way round."""
    return Q(
        kind=personal_kind, owner_user__isnull=False, owner_agency__isnull=True
    ) | Q(kind=agency_kind, owner_agency__isnull=False, owner_user__isnull=True)
