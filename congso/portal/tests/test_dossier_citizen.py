"""The applicant's side of a dossier: the messages sent at its milestones
(delivered once through the outbox, listed on the dossier), the fees paid
online (recorded once per payment), and the national portal told of each
change with the payment flag."""

from __future__ import annotations

from uuid import uuid4

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from congso.core.outbox import outbox_drain, outbox_publish
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import DossierEvent, DossierPayment
from congso.dossiers.services import dossier_transition
from congso.dossiers.tests.factories import advance, at, receive, three_steps
from congso.notifications.models import Notification
from congso.notifications.selectors import notification_list_for_object
from congso.portal.national.contrib.simulator.models import NationalSimRecord

pytestmark = pytest.mark.django_db


def test_reception_and_supplement_are_told_by_email_and_sms(one_stop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dossier = receive(one_stop, three_steps(one_stop), now=at(2, 3, 9))
    dossier.email = "an.nguyen@example.vn"
    dossier.save(update_fields=["email"])
    dossier = advance(one_stop, dossier, "handle", now=at(2, 3, 10))
    dossier = dossier_transition(
        dossier=dossier,
        action=A.REQUEST_SUPPLEMENT,
        actor=one_stop.users["specialist"],
        note="Thiếu bản sao giấy chứng sinh",
        now=at(2, 3, 11),
    )
    outbox_drain()
    outbox_drain()  # a second run sends nothing more
    sent = Notification.objects.filter(object_id=dossier.code)
    events = sorted(sent.values_list("event", "channel"))
    assert ("dossier.received", "sms") in events
    assert ("dossier.supplement_requested", "email") in events
    assert ("dossier.supplement_requested", "sms") in events
    assert set(sent.values_list("status", flat=True)) == {"sent"}
    [message] = [m for m in mail.outbox if dossier.code in m.body]
    assert "Thiếu bản sao giấy chứng sinh" in message.body
    listed = notification_list_for_object(
        object_type="dossiers.dossier", object_id=dossier.code
    )
    assert len(listed) == sent.count()


def test_no_contact_no_message(one_stop):
    dossier = receive(one_stop, three_steps(one_stop), phone="")
    assert not Notification.objects.filter(object_id=dossier.code).exists()


def test_online_payment_is_recorded_once_and_reaches_the_national_portal(
    client, one_stop
):
    dossier = receive(one_stop, three_steps(one_stop))
    payload = {
        "order_id": 7,
        "object_type": "dossiers.dossier",
        "object_id": dossier.code,
        "amount": 50_000,
        "channel": 2,
        "paid_at": "2026-03-02T03:00:00+00:00",
        "receipt_number": "BL2026-0000007",
    }
    for _ in range(2):  # delivered twice: one payment
        with transaction.atomic():
            outbox_publish(topic="payments.payment_completed", payload=payload)
    outbox_drain()
    [payment] = DossierPayment.objects.filter(dossier=dossier)
    assert (payment.amount, payment.receipt_number) == (50_000, "BL2026-0000007")
    assert DossierEvent.objects.filter(dossier=dossier, action=A.PAY).count() == 1

    dossier = advance(one_stop, dossier, "handle")
    outbox_drain()
    latest = NationalSimRecord.objects.order_by("-id").first()
    assert latest is not None
    assert latest.valid
    assert latest.payload["DuocThanhToanTrucTuyen"] == 2
    assert latest.payload["MaHoSo"] == dossier.code

    client.force_login(one_stop.users["leader"])
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert "BL2026-0000007" in page.content.decode()


def test_unknown_dossier_payment_is_logged_not_lost(one_stop, caplog):
    from congso.dossiers.services.citizen import dossier_payment_record

    assert (
        dossier_payment_record(
            payload={
                "order_id": uuid4().int % 10_000,
                "object_type": "dossiers.dossier",
                "object_id": "H00-000000-0000",
                "amount": 1,
                "channel": 2,
                "paid_at": "2026-03-02T03:00:00+00:00",
            }
        )
        is None
    )
    assert "unknown dossier" in caplog.text
