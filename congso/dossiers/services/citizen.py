"""What the applicant is told and what they paid (thông báo, thanh toán): the
notifications of a dossier's milestones, requested inside the transition's own
transaction (delivered at least once by the outbox), and the online payment of
its fees recorded when the payments app reports it."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from congso.core.errors import ApplicationError
from congso.core.outbox import outbox_publish
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier, DossierEvent, DossierPayment
from congso.notifications.services import Recipient, notification_request

logger = logging.getLogger(__name__)

OBJECT_TYPE = "dossiers.dossier"
#: The milestones the applicant is told about, by the action that reaches them.
EVENTS: dict[str, str] = {
    A.SUBMIT: "dossier.submitted",
    A.RECEIVE: "dossier.received",
    A.REQUEST_SUPPLEMENT: "dossier.supplement_requested",
    A.REFUSE: "dossier.refused",
    A.RESOLVE: "dossier.result_ready",
    A.APOLOGISE: "dossier.apologised",
}


def applicant_notify(
    *,
    dossier: Dossier,
    action: str,
    agency_name: str = "",
    reason: str = "",
    new_date: datetime | None = None,
) -> None:
    """Queue the applicant's notifications for the milestone ``action`` reached,
    on every channel they gave (e-mail, SMS). An address the providers refuse
    is logged and skipped in a savepoint: the dossier's change never fails
    because of a notification."""
    event = EVENTS.get(action)
    if event is None or not (dossier.email or dossier.phone):
        return
    context: dict[str, Any] = {
        "dossier_code": dossier.code,
        "procedure_name": dossier.request_summary,
        "agency_name": agency_name,
        "appointment_at": dossier.due_at,
        "reason": reason,
        "new_date": new_date,
    }
    recipient = Recipient(
        name=dossier.applicant_name, email=dossier.email, phone=dossier.phone
    )
    try:
        with transaction.atomic():
            notification_request(
                event=event,
                object_type=OBJECT_TYPE,
                object_id=dossier.code,
                recipients=[recipient],
                context=context,
            )
    except ApplicationError as exc:
        logger.warning("Dossier %s: notification not queued: %s", dossier.code, exc)


TOPIC_CHANGED = "dossiers.dossier_changed"


def dossier_changed_publish(dossier: Dossier) -> None:
    """Tell the upper apps that the dossier changed (the portal re-renders its
    public lookup row, syncs the national portal and collects results into the
    citizen's data store): one message per row version, inside the change's
    transaction, delivered after commit."""
    outbox_publish(
        topic=TOPIC_CHANGED,
        payload={"code": dossier.code, "row_version": dossier.row_version},
        dedup_key=f"{TOPIC_CHANGED}:{dossier.code}:{dossier.row_version}",
    )


@transaction.atomic
def dossier_payment_record(*, payload: dict[str, Any]) -> DossierPayment | None:
    """The fee paid online for a dossier (``payments.payment_completed``):
    recorded once per payment order, with a line in the dossier's timeline."""
    if payload.get("object_type") != OBJECT_TYPE:
        return None
    dossier = (
        Dossier.objects.select_for_update().filter(code=payload["object_id"]).first()
    )
    if dossier is None:
        logger.error(
            "Payment %s for an unknown dossier %s", payload, payload["object_id"]
        )
        return None
    paid_at = parse_datetime(str(payload["paid_at"])) or timezone.now()
    try:
        with transaction.atomic():
            payment = DossierPayment.objects.create(
                dossier=dossier,
                order_id=int(payload["order_id"]),
                amount=int(payload["amount"]),
                channel=int(payload["channel"]),
                paid_at=paid_at,
                receipt_number=str(payload.get("receipt_number", ""))[:40],
            )
    except IntegrityError:
        return None  # delivered twice: already recorded
    DossierEvent.objects.create(
        dossier=dossier,
        occurred_at=paid_at,
        action=A.PAY,
        from_status=dossier.status,
        to_status=dossier.status,
        actor_label="",
        agency_id=dossier.current_agency_id,
        data={
            "amount": payment.amount,
            "receipt_number": payment.receipt_number,
            "channel": payment.channel,
        },
    )
    # The payment shows on the public lookup and in the national record: a new
    # version of the dossier, announced like any change.
    Dossier.objects.filter(pk=dossier.pk).update(row_version=F("row_version") + 1)
    dossier.refresh_from_db(fields=["row_version"])
    dossier_changed_publish(dossier)
    return payment
