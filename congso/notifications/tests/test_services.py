"""Requesting and delivering notifications through the outbox."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from congso.audit.models import AuditEvent
from congso.core.models import OutboxMessage, OutboxStatus
from congso.core.outbox import OutboxUsageError, outbox_drain
from congso.notifications.constants import (
    EVENT_LABELS,
    TOPIC_DELIVER,
    NotificationStatus,
)
from congso.notifications.errors import InvalidAddressError, NotificationTemplateMissing
from congso.notifications.models import DemoMessage, Notification
from congso.notifications.selectors import notification_list_for_object
from congso.notifications.services import (
    Recipient,
    notification_deliver,
    notification_request,
    notification_retry,
)
from congso.notifications.tests.conftest import BASE_URL, CODE

pytestmark = pytest.mark.django_db
OBJ = {"object_type": "dossiers.dossier", "object_id": CODE}


def _request(recipients: list[Recipient], dossier_context, event="dossier.received"):
    with transaction.atomic():
        return notification_request(
            event=event, recipients=recipients, context=dossier_context, **OBJ
        )


def _make_due() -> None:
    """Skip the back-off wait of messages scheduled for a retry."""
    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(
        available_at=timezone.now()
    )


def test_request_creates_one_notification_and_message_per_channel(
    citizen, dossier_context
):
    """Each channel with an address gets a rendered, queued notification and its
    own outbox message; nothing is sent yet."""
    created = _request([citizen], dossier_context)
    assert sorted(n.channel for n in created) == ["email", "sms", "zalo"]
    rows = {n.channel: n for n in Notification.objects.all()}
    assert rows["sms"].address == "+84905123678"
    assert rows["email"].address == "hoa.nguyen@example.vn"
    assert all(n.status == NotificationStatus.QUEUED for n in rows.values())
    assert rows["email"].subject.startswith("[Công Sở] Đã tiếp nhận hồ sơ")
    assert f"{BASE_URL}/tra-cuu/{CODE}/" in rows["sms"].body
    messages = OutboxMessage.objects.filter(topic=TOPIC_DELIVER)
    assert {m.payload["notification_id"] for m in messages} == {
        str(n.id) for n in rows.values()
    }
    assert {n.outbox_message_id for n in rows.values()} == {m.id for m in messages}
    assert mail.outbox == []
    assert not DemoMessage.objects.exists()


def test_only_enabled_channels_and_given_addresses(settings, dossier_context):
    settings.NOTIFICATIONS_CHANNELS = ["email", "sms"]
    created = _request(
        [Recipient(name="A", phone="0912345678", zalo_id="123456789")], dossier_context
    )
    assert [n.channel for n in created] == ["sms"]


def test_invalid_address_rolls_the_caller_back(dossier_context):
    """A bad phone raises a user-facing error and stores nothing."""
    with pytest.raises(InvalidAddressError):
        _request([Recipient(email="a@example.vn", phone="0245123678")], dossier_context)
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_unknown_event_without_templates_raises(citizen, dossier_context):
    with pytest.raises(NotificationTemplateMissing):
        _request([citizen], dossier_context, event="dossier.no_such_event")


@pytest.mark.django_db(transaction=True)
def test_request_outside_a_transaction_raises(citizen, dossier_context):
    """The service must run in the caller's transaction (outbox rule)."""
    with pytest.raises(OutboxUsageError):
        notification_request(
            event="dossier.received",
            recipients=[citizen],
            context=dossier_context,
            **OBJ,
        )
    assert not Notification.objects.exists()


def test_drain_sends_each_notification_once(citizen, dossier_context):
    """Delivery through the outbox sends e-mail, SMS and Zalo once; a second
    drain and a duplicate delivery of the same message do nothing."""
    _request([citizen], dossier_context)
    assert outbox_drain() == 3
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    notification = Notification.objects.get(channel="email")
    assert email.to == ["hoa.nguyen@example.vn"]
    assert email.extra_headers["Message-ID"] == (
        f"<{notification.id}@congso.localhost>"
    )
    assert email.subject == notification.subject
    demo = {m.channel: m for m in DemoMessage.objects.all()}
    assert demo["sms"].address == "+84905123678"
    assert demo["sms"].segments == 1
    assert demo["zalo"].body.startswith("Kính gửi Ông/Bà Nguyễn Thị Hoà,")
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert notification.sent_at is not None
    assert notification.attempts == 1
    assert notification.provider_message_id == email.extra_headers["Message-ID"]
    assert (
        AuditEvent.objects.filter(
            event_type="notifications.notification.sent", object_id=CODE
        ).count()
        == 3
    )

    assert outbox_drain() == 0
    message = OutboxMessage.objects.get(id=notification.outbox_message_id)
    again = notification_deliver(notification_id=notification.id, message_id=message.id)
    assert again.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    assert DemoMessage.objects.count() == 2


def test_fail_once_marker_is_retried_then_sent(dossier_context):
    """A number ending 0000 fails once; the outbox retries after back-off and the
    SMS is then sent, once."""
    _request([Recipient(phone="0905120000")], dossier_context)
    outbox_drain()
    notification = Notification.objects.get()
    message = OutboxMessage.objects.get(id=notification.outbox_message_id)
    assert notification.status == NotificationStatus.QUEUED
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "gateway busy" in message.last_error
    (entry,) = notification_list_for_object(**OBJ)
    assert entry.is_retrying
    assert entry.failed_attempts == 1

    _make_due()
    outbox_drain()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 2
    assert DemoMessage.objects.count() == 1


def test_always_failing_provider_is_finally_given_up(settings, dossier_context):
    """A number ending 9999 fails every attempt; after the outbox's maximum the
    notification is shown as given up, with the error, and audited."""
    settings.OUTBOX_MAX_ATTEMPTS = 3
    _request([Recipient(phone="0905129999")], dossier_context)
    for _round in range(5):
        outbox_drain()
        _make_due()
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.DEAD
    assert notification.attempts == 3
    assert "gateway unavailable" in notification.error
    assert not DemoMessage.objects.exists()
    (entry,) = notification_list_for_object(**OBJ)
    assert entry.status == "dead"
    assert not entry.is_retrying
    assert AuditEvent.objects.filter(
        event_type="notifications.notification.failed"
    ).exists()

    retried = notification_retry(notification_id=notification.id)
    assert retried.status == NotificationStatus.QUEUED
    assert OutboxMessage.objects.filter(
        id=retried.outbox_message_id, status=OutboxStatus.PENDING
    ).exists()


def test_permanent_refusal_is_not_retried(dossier_context):
    """A number ending 1111 is refused for good: failed at once, no retry."""
    _request([Recipient(phone="0905121111")], dossier_context)
    outbox_drain()
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.FAILED
    assert "not a subscriber" in notification.error
    message = OutboxMessage.objects.get(id=notification.outbox_message_id)
    assert message.status == OutboxStatus.DONE


def test_failing_email_backend_is_retried(settings, citizen, dossier_context):
    """An SMTP outage (OSError) is a retryable failure of the e-mail provider."""
    settings.NOTIFICATIONS_CHANNELS = ["email"]
    settings.EMAIL_BACKEND = "congso.notifications.tests.test_services.BrokenBackend"
    _request([citizen], dossier_context)
    outbox_drain()
    message = OutboxMessage.objects.get()
    assert message.attempts == 1
    assert "SMTP down" in message.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _make_due()
    outbox_drain()
    assert Notification.objects.get().status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        raise ConnectionRefusedError("SMTP down")


def test_history_lists_masked_addresses_newest_first(
    citizen, dossier_context, django_assert_num_queries
):
    """The dossier history: event, channel, masked address, status; one query
    whatever the number of rows."""
    _request([citizen], dossier_context)
    _request([citizen], dossier_context, event="dossier.result_ready")
    outbox_drain()
    with django_assert_num_queries(1):
        entries = notification_list_for_object(**OBJ)
    assert len(entries) == 6
    assert entries[0].event == "dossier.result_ready"
    assert entries[0].event_label == EVENT_LABELS["dossier.result_ready"]
    assert {e.masked_address for e in entries} == {
        "09xx…678",
        "ho…@example.vn",
        "…2345",
    }
    assert {e.status for e in entries} == {"sent"}
    assert (
        notification_list_for_object(object_type="dossiers.dossier", object_id="other")
        == []
    )
    for _i in range(5):
        _request([citizen], dossier_context)
    with django_assert_num_queries(1):
        assert len(notification_list_for_object(**OBJ)) == 21
