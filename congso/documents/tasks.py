"""Celery tasks of the documents app (thin)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from congso.documents.intake.sources import mail_source_get
from congso.documents.selectors.mail import mail_agency_id
from congso.documents.services.mail import mail_fetch


@shared_task(
    name="congso.documents.mail_fetch",
    acks_late=True,
    soft_time_limit=120,
    time_limit=180,
    ignore_result=True,
)
def mail_fetch_task() -> int:
    """Read the document mailbox of ``DOCUMENTS_MAIL_AGENCY`` (off when empty)."""
    agency_id = mail_agency_id(settings.DOCUMENTS_MAIL_AGENCY)
    if agency_id is None:
        return 0
    return mail_fetch(agency_id=agency_id, source=mail_source_get())
