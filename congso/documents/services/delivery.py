"""Receiving on the network (văn bản điện tử trên hệ thống): an issued
document delivered to another agency on Công Sở is registered there as an
incoming document, at once, with the sender's signed file. Called by the
outbox handler; delivery is at least once, so it is keyed on the delivery row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from congso.documents.constants import DeliveryStatus, FileKind, IncomingChannel
from congso.documents.models import Delivery
from congso.documents.services.incoming import (
    IncomingData,
    UploadedFile,
    incoming_register,
)
from congso.documents.services.issuance import _read, latest_file


@transaction.atomic
def delivery_receive(*, delivery_id: int) -> int | None:
    """Register the delivered document at the recipient; the incoming id, or
    None when there is nothing (more) to do."""
    delivery = (
        Delivery.objects.select_for_update()
        .select_related("outgoing")
        .get(pk=delivery_id)
    )
    if delivery.incoming_id is not None or delivery.recipient_agency_id is None:
        return delivery.incoming_id
    if delivery.status == DeliveryStatus.RECALLED:
        return None
    doc = delivery.outgoing
    issued = latest_file(doc, FileKind.ISSUED)
    now = timezone.now()
    incoming = incoming_register(
        agency_id=delivery.recipient_agency_id,
        data=IncomingData(
            channel=IncomingChannel.ELECTRONIC,
            issuer_name=doc.agency_name,
            issuer_agency_id=doc.agency_id,
            subject=doc.subject,
            number_symbol=doc.number_symbol,
            doc_type=doc.doc_type,
            issued_date=doc.issued_date,
            received_at=now,
            urgency=doc.urgency,
            secrecy=doc.secrecy,
            signer_name=doc.signer.get_full_name(),
            source_reference=f"congso:outgoing:{doc.pk}",
            allow_duplicate=True,
        ),
        files=[UploadedFile(issued.name, _read(issued))] if issued else [],
        actor=doc.issued_by,
        now=now,
        system=True,
    )
    incoming.source_outgoing = doc
    incoming.save(update_fields=["source_outgoing"])
    delivery.incoming = incoming
    delivery.status, delivery.received_at = DeliveryStatus.RECEIVED, now
    delivery.save(update_fields=["incoming", "status", "received_at"])
    return incoming.pk
