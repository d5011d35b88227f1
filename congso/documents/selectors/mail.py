"""Reads of the e-mail waiting for registration."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from congso.accounts.selectors import agency_tree_get
from congso.documents.models import MailItem, MailStatus
from congso.documents.selectors.access import DocumentScope


def mail_agency_id(reference: str) -> int | None:
    """The agency whose mailbox is read: given by e-ID, system code or name."""
    reference = reference.strip()
    if not reference:
        return None
    for node in agency_tree_get(on=timezone.localdate()).nodes.values():
        if reference in (node.electronic_id, node.external_code, node.name):
            return node.id
    return None


def mail_list_for_user(*, scope: DocumentScope) -> QuerySet[MailItem]:
    """Messages of the clerk's agencies still waiting, oldest first."""
    return MailItem.objects.filter(
        agency_id__in=scope.clerk_agency_ids, status=MailStatus.PENDING
    ).order_by("fetched_at", "id")


def mail_get_for_user(*, scope: DocumentScope, pk: int) -> MailItem | None:
    return MailItem.objects.filter(agency_id__in=scope.clerk_agency_ids, pk=pk).first()
