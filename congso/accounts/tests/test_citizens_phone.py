"""Phone verification by a 6-digit SMS code: expiry, wrong codes, attempt limit and
rate limits. The SMS itself leaves through the outbox (topic
``accounts.phone_code_requested``; delivered by the notifications app)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from congso.accounts.citizens.services import (
    TOPIC_PHONE_CODE,
    CitizenError,
    phone_code_send,
    phone_code_verify,
)
from congso.accounts.models import CitizenProfile, PhoneVerification
from congso.accounts.selectors import citizen_is_verified
from congso.accounts.tests.citizen_factories import citizen
from congso.core.models import OutboxMessage

pytestmark = pytest.mark.django_db
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def profile() -> CitizenProfile:
    return citizen(phone="0905123456", email_verified=False)


def _sent_code() -> str:
    message = OutboxMessage.objects.filter(topic=TOPIC_PHONE_CODE).latest("created_at")
    return str(message.payload["code"])


def test_send_publishes_the_sms_and_keeps_only_a_hash(profile):
    verification = phone_code_send(profile=profile)
    code = _sent_code()
    assert len(code) == 6
    assert code.isdigit()
    assert code not in verification.code_hash
    message = OutboxMessage.objects.get(topic=TOPIC_PHONE_CODE)
    assert message.payload["phone"] == "0905123456"
    assert message.payload["verification_id"] == verification.pk


def test_right_code_verifies_the_phone(profile):
    phone_code_send(profile=profile)
    phone_code_verify(profile=profile, code=_sent_code())
    profile.refresh_from_db()
    assert profile.phone_verified_at is not None
    assert citizen_is_verified(user=profile.user)
    with pytest.raises(CitizenError) as caught:  # a used code cannot be reused
        phone_code_verify(profile=profile, code=_sent_code())
    assert caught.value.code in ("no_code", "already_verified")


def test_wrong_codes_are_counted_and_then_the_code_is_void(profile, settings):
    phone_code_send(profile=profile)
    right = _sent_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.CITIZEN_PHONE_CODE_MAX_ATTEMPTS):
        with pytest.raises(CitizenError) as caught:
            phone_code_verify(profile=profile, code=wrong)
        assert caught.value.code == "wrong_code"
    assert (
        PhoneVerification.objects.get(user=profile.user).attempts
        == settings.CITIZEN_PHONE_CODE_MAX_ATTEMPTS
    )
    with pytest.raises(CitizenError) as caught:
        phone_code_verify(profile=profile, code=right)
    assert caught.value.code == "too_many_attempts"
    profile.refresh_from_db()
    assert profile.phone_verified_at is None


def test_code_expires(profile, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        phone_code_send(profile=profile)
    code = _sent_code()
    later = start + timedelta(
        minutes=settings.CITIZEN_PHONE_CODE_TTL_MINUTES, seconds=1
    )
    with time_machine.travel(later, tick=False), pytest.raises(CitizenError) as caught:
        phone_code_verify(profile=profile, code=code)
    assert caught.value.code == "code_expired"


def test_a_new_code_voids_the_old_one(profile):
    phone_code_send(profile=profile)
    first = _sent_code()
    phone_code_send(profile=profile)
    second = _sent_code()
    if first != second:
        with pytest.raises(CitizenError):
            phone_code_verify(profile=profile, code=first)
    phone_code_verify(profile=profile, code=second)


def test_changed_phone_voids_the_pending_code(profile):
    phone_code_send(profile=profile)
    code = _sent_code()
    CitizenProfile.objects.filter(pk=profile.pk).update(phone="0914234567")
    profile.refresh_from_db()
    with pytest.raises(CitizenError) as caught:
        phone_code_verify(profile=profile, code=code)
    assert caught.value.code == "no_code"


def test_no_phone_or_already_verified_is_refused():
    bare = citizen("bare@example.vn")
    with pytest.raises(CitizenError) as caught:
        phone_code_send(profile=bare)
    assert caught.value.code == "no_phone"


def test_phone_page_flow_and_wrong_code_is_a_4xx(client, profile):
    client.force_login(profile.user)
    url = reverse("citizens:phone-verify")
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "send"}).status_code == 302
    code = _sent_code()
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(url, {"action": "verify", "code": wrong}, **VI)
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    response = client.post(url, {"action": "verify", "code": "12ab"}, **VI)
    assert response.status_code == 400
    response = client.post(url, {"action": "verify", "code": code})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.phone_verified_at is not None


def test_sending_codes_is_rate_limited(client, profile):
    client.force_login(profile.user)
    url = reverse("citizens:phone-verify")
    for _ in range(3):
        client.post(url, {"action": "send"})
    response = client.post(url, {"action": "send"}, **VI)
    assert response.status_code == 429
    assert OutboxMessage.objects.filter(topic=TOPIC_PHONE_CODE).count() == 3
