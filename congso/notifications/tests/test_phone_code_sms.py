"""The SMS of a citizen's phone verification code (topic
``accounts.phone_code_requested``) reaches the demo SMS outbox once."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from congso.accounts.citizens.services import (
    CitizenData,
    citizen_profile_create,
    phone_code_send,
)
from congso.accounts.models import User
from congso.core.models import OutboxMessage
from congso.core.outbox import outbox_drain
from congso.notifications.models import DemoMessage, Notification

pytestmark = pytest.mark.django_db


def test_phone_code_sms_is_delivered_once(settings):
    settings.NOTIFICATIONS_SMS_PROVIDER = "demo_sms"
    user = User.objects.create_user("an", email="an@example.vn")
    EmailAddress.objects.create(user=user, email="an@example.vn", primary=True)
    profile = citizen_profile_create(
        user=user, data=CitizenData(full_name="Nguyễn Văn An", phone="0905123456")
    )
    phone_code_send(profile=profile)
    code = OutboxMessage.objects.get(topic="accounts.phone_code_requested").payload[
        "code"
    ]
    outbox_drain()
    outbox_drain()
    message = DemoMessage.objects.get()
    assert code in message.body
    assert message.address.endswith("905123456")
    assert Notification.objects.filter(event="accounts.phone_code").count() == 1
