"""Citizen accounts: model, selectors, sign-up with e-mail verification, profile
edits, and the wall between citizens and the back office."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse

from congso.accounts import services as org_services
from congso.accounts.citizens.services import (
    CitizenData,
    CitizenError,
    citizen_profile_create,
    citizen_profile_update,
)
from congso.accounts.constants import Role
from congso.accounts.decorators import citizen_required
from congso.accounts.models import CitizenProfile, User
from congso.accounts.selectors import (
    citizen_is_verified,
    citizen_profile_get,
    user_is_official,
)
from congso.accounts.tests.citizen_factories import PASSWORD, citizen
from congso.accounts.tests.factories import World
from congso.audit.models import AuditEvent
from congso.core.errors import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


# Model and selectors -----------------------------------------------------------


def test_profile_selectors_tell_citizens_from_officials(world: World):
    """A citizen has a profile and no official standing; an official has no profile."""
    profile = citizen(personal_id="046090001234")
    official = world.users["leader_a"]
    assert citizen_profile_get(user=profile.user) == profile
    assert citizen_profile_get(user=official) is None
    assert user_is_official(user=official)
    assert not user_is_official(user=profile.user)
    assert user_is_official(user=User.objects.create_user("ops", is_staff=True))


@pytest.mark.parametrize(
    ("email_verified", "identity", "phone", "expected"),
    [
        (False, False, False, False),
        (True, False, False, True),
        (False, True, False, True),
        (False, False, True, True),
    ],
)
def test_citizen_is_verified_by_any_contact(email_verified, identity, phone, expected):
    profile = citizen(email_verified=email_verified, identity_verified=identity)
    if phone:
        CitizenProfile.objects.filter(pk=profile.pk).update(
            phone="0905123456", phone_verified_at="2025-07-01T08:00:00+07:00"
        )
    user = User.objects.get(pk=profile.user_id)
    assert citizen_is_verified(user=user) is expected


def test_personal_id_is_unique_when_given_and_blank_may_repeat():
    citizen("a@example.vn", personal_id="046090001234")
    citizen("b@example.vn")
    citizen("c@example.vn")  # two blanks are fine
    with pytest.raises(ConflictError):
        citizen("d@example.vn", personal_id="046090001234")
    other = citizen("e@example.vn")
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenProfile.objects.filter(pk=other.pk).update(personal_id="046090001234")


@pytest.mark.parametrize("bad", ["04609000123", "04609000123X", "٠٤٦٠٩٠٠٠١٢٣٤"])
def test_invalid_personal_id_is_refused_with_the_field(bad):
    user = User.objects.create_user("x", email="x@example.vn")
    with pytest.raises(CitizenError) as caught:
        citizen_profile_create(
            user=user, data=CitizenData(full_name="An", personal_id=bad)
        )
    assert "personal_id" in caught.value.extra["errors"]
    assert not CitizenProfile.objects.exists()


def test_officials_never_become_citizens_and_citizens_never_hold_roles(world: World):
    with pytest.raises(CitizenError):
        citizen_profile_create(
            user=world.users["leader_a"], data=CitizenData(full_name="Lan")
        )
    profile = citizen()
    with pytest.raises(ApplicationError) as caught:
        org_services.role_assign(
            user=profile.user,
            agency=world.district_a,
            role=Role.SPECIALIST,
            valid_from=world.district_a.versions.get().valid_from,
            actor=None,
        )
    assert caught.value.code == "citizen_account"


# Sign-up and e-mail verification -----------------------------------------------


SIGNUP = {
    "full_name": "Trần Thị Bình",
    "email": "binh@example.vn",
    "phone": "0905 123 456",
    "password1": "Mat-khau-2025!",
    "password2": "Mat-khau-2025!",
    "personal_id": "046185002345",
}


def test_signup_creates_a_citizen_and_sends_a_verification_mail(client):
    response = client.post(reverse("citizens:signup"), SIGNUP, **VI)
    assert response.status_code == 302
    user = User.objects.get(email="binh@example.vn")
    profile = user.citizen_profile
    assert user.full_name == "Trần Thị Bình"
    assert profile.phone == "0905123456"
    assert profile.personal_id == "046185002345"
    assert not profile.identity_verified
    assert not user.role_assignments.exists()
    assert not citizen_is_verified(user=user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh@example.vn"]
    assert AuditEvent.objects.filter(event_type="accounts.citizen.created").exists()
    # The link in the mail verifies the address.
    link = re.search(r"https?://[^\s]+/confirm-email/[^\s]+/", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("testserver", 1)[1]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    user = User.objects.get(pk=user.pk)
    assert citizen_is_verified(user=user)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("personal_id", "04618500234"),
        ("personal_id", "04618500234X"),
        ("phone", "02343822222"),  # a landline cannot receive SMS
        ("full_name", ""),
        ("email", "not-an-address"),
    ],
)
def test_signup_bad_input_is_a_4xx_and_stores_nothing(client, field, value):
    response = client.post(reverse("citizens:signup"), {**SIGNUP, field: value}, **VI)
    assert response.status_code == 200  # allauth re-renders the form
    assert response.context["form"].errors[field]
    assert not User.objects.filter(email="binh@example.vn").exists()
    assert not CitizenProfile.objects.exists()


def test_signup_refuses_a_personal_id_taken_by_another_account(client):
    citizen("an@example.vn", personal_id=SIGNUP["personal_id"])
    response = client.post(reverse("citizens:signup"), SIGNUP, **VI)
    assert response.context["form"].errors["personal_id"]
    assert not User.objects.filter(email="binh@example.vn").exists()


def test_allauth_signup_url_also_creates_citizens_only(client):
    response = client.post(reverse("account_signup"), SIGNUP, **VI)
    assert response.status_code == 302
    user = User.objects.get(email="binh@example.vn")
    assert citizen_profile_get(user=user) is not None
    assert not user.is_staff


# Login -------------------------------------------------------------------------


def test_citizen_logs_in_by_email_and_lands_on_the_portal(client):
    citizen("an@example.vn")
    response = client.post(
        reverse("citizens:login"), {"login": "an@example.vn", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] in ("/dich-vu-cong/", reverse("portal:procedure-list"))
    # The navbar shows the citizen's name and account link, no back-office links.
    page = client.get(reverse("citizens:profile")).content.decode()
    assert "Nguyễn Văn An" in page
    assert reverse("documents:work") not in page
    assert reverse("accounts:agency-list") not in page


def test_citizen_login_honours_next(client):
    citizen("an@example.vn")
    response = client.post(
        reverse("citizens:login") + "?next=/thu-tuc/",
        {"login": "an@example.vn", "password": PASSWORD, "next": "/thu-tuc/"},
    )
    assert response["Location"] == "/thu-tuc/"


def test_citizen_login_is_locked_out_by_axes(client, settings):
    citizen("an@example.vn")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("citizens:login"), {"login": "an@example.vn", "password": "x"}
        )
    response = client.post(
        reverse("citizens:login"), {"login": "an@example.vn", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_officials_still_log_in_by_username(client, world: World):
    response = client.post(
        reverse("account_login"), {"login": "leader_a", "password": "x-Secret-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


# Profile -----------------------------------------------------------------------


def test_profile_edit_saves_and_phone_change_needs_new_verification(client):
    profile = citizen(phone="0905123456")
    CitizenProfile.objects.filter(pk=profile.pk).update(
        phone_verified_at="2025-07-01T08:00:00+07:00"
    )
    client.force_login(profile.user)
    response = client.post(
        reverse("citizens:profile"),
        {
            "full_name": "Nguyễn Văn Ân",
            "kind": "person",
            "personal_id": "046090001234",
            "phone": "0914 234 567",
            "address": "12 Lê Lợi, Huế",
        },
        **VI,
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.personal_id == "046090001234"
    assert profile.phone == "0914234567"
    assert profile.phone_verified_at is None
    assert profile.user.full_name == "Nguyễn Văn Ân"


@pytest.mark.parametrize("bad", ["04609000123", "0460900012345", "abcdefghijkl"])
def test_profile_invalid_personal_id_is_a_400_with_the_vietnamese_message(client, bad):
    profile = citizen()
    client.force_login(profile.user)
    data = {"full_name": "An", "kind": "person", "personal_id": bad}
    response = client.post(reverse("citizens:profile"), data, **VI)
    assert response.status_code == 400
    assert response.context["form"].errors["personal_id"]
    profile.refresh_from_db()
    assert profile.personal_id == ""


def test_profile_refuses_a_personal_id_of_another_account(client):
    citizen("other@example.vn", personal_id="046090001234")
    profile = citizen("an@example.vn")
    client.force_login(profile.user)
    data = {"full_name": "An", "kind": "person", "personal_id": "046090001234"}
    response = client.post(reverse("citizens:profile"), data, **VI)
    assert response.status_code == 400
    assert response.context["form"].errors["personal_id"]


def test_identity_verified_name_and_id_cannot_be_changed():
    profile = citizen(personal_id="046090001234", identity_verified=True)
    citizen_profile_update(
        profile=profile,
        data=CitizenData(full_name="Someone Else", personal_id="046199004567"),
        actor=profile.user,
    )
    profile.refresh_from_db()
    assert profile.personal_id == "046090001234"
    assert profile.user.full_name == "Nguyễn Văn An"


def test_one_citizen_only_ever_sees_their_own_profile(client):
    first = citizen("an@example.vn", full_name="Nguyễn Văn An", phone="0905123456")
    second = citizen("binh@example.vn", full_name="Trần Thị Bình", phone="0914234567")
    client.force_login(second.user)
    page = client.get(reverse("citizens:profile")).content.decode()
    assert "Trần Thị Bình" in page
    assert "Nguyễn Văn An" not in page
    assert first.phone not in page


@pytest.mark.parametrize("name", ["citizens:profile", "citizens:phone-verify"])
def test_citizen_pages_from_the_wrong_side(client, world: World, name):
    """Anonymous → the citizen login page with next; an official → 403 in Vietnamese."""
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("citizens:login"))
    assert "next=" in response["Location"]
    client.force_login(world.users["leader_a"])
    response = client.get(url, **VI)
    assert response.status_code == 403
    assert response.templates[0].name == "errors/error.html"


# citizen_required ----------------------------------------------------------------


def _view(request):
    from django.http import HttpResponse

    return HttpResponse(f"ok {request.citizen.pk}")


def test_citizen_required_decorator(rf, world: World):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    view = citizen_required(_view)

    def request_for(user):
        request = rf.get("/dich-vu-cong/nop/")
        request.user = user
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        return request

    anonymous = view(request_for(AnonymousUser()))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("citizens:login"))
    assert "next=%2Fdich-vu-cong%2Fnop%2F" in anonymous["Location"]
    assert view(request_for(world.users["leader_a"])).status_code == 403
    unverified = citizen("u@example.vn", email_verified=False)
    response = view(request_for(unverified.user))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("citizens:profile"))
    verified = citizen("v@example.vn")
    response = view(request_for(verified.user))
    assert response.content == f"ok {verified.pk}".encode()


# The back office is closed to citizens -------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/org/",
        "/dossiers/",
        "/dossiers/receive/",
        "/documents/",
        "/documents/incoming/",
        "/notifications/demo-outbox/",
        "/admin/",
        "/api/v1/me/",
        "/api/v1/dossiers/",
        "/api/v1/documents/incoming/",
    ],
)
def test_citizens_are_refused_from_the_back_office(client, path):
    profile = citizen()
    client.post(
        reverse("citizens:login"), {"login": "an@example.vn", "password": PASSWORD}
    )
    response = client.get(path, **VI)
    assert response.status_code == 403
    assert profile.user.email not in response.content.decode()
    if path.startswith("/api/"):
        assert response.json()["code"] == "citizen_account"


def test_the_back_office_home_sends_citizens_to_the_portal(client):
    citizen()
    client.post(
        reverse("citizens:login"), {"login": "an@example.vn", "password": PASSWORD}
    )
    response = client.get("/")
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("account_login"))


def test_public_pages_stay_open_to_citizens(client):
    citizen()
    client.post(
        reverse("citizens:login"), {"login": "an@example.vn", "password": PASSWORD}
    )
    assert client.get(reverse("portal:procedure-list")).status_code == 200
    assert client.get(reverse("portal:dossier-lookup")).status_code == 200
