"""Builders of citizen accounts, through the real services."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from congso.accounts.citizens.services import CitizenData, citizen_profile_create
from congso.accounts.models import CitizenProfile, User

PASSWORD = "Cong-dan-2025!"


def citizen(
    email: str = "an@example.vn",
    *,
    full_name: str = "Nguyễn Văn An",
    personal_id: str = "",
    phone: str = "",
    email_verified: bool = True,
    identity_verified: bool = False,
) -> CitizenProfile:
    user = User.objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=email, primary=True, verified=email_verified
    )
    return citizen_profile_create(
        user=user,
        data=CitizenData(full_name=full_name, personal_id=personal_id, phone=phone),
        identity_verified=identity_verified,
    )
