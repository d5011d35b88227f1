"""Writes of citizen accounts: profile, e-identity sync and phone verification.

A phone code leaves the transaction through the outbox topic
``accounts.phone_code_requested``; the notifications app (above this one) sends the
SMS. Conventions §3, §6."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import IDENTITY_PROVIDER_OIDC, CitizenKind
from congso.accounts.models import CitizenProfile, PhoneVerification, User
from congso.accounts.selectors import (
    citizen_personal_id_taken,
    citizen_profile_forget,
    phone_verification_get_pending,
    user_is_official,
)
from congso.audit.services import audit_record
from congso.core.errors import ApplicationError, ConflictError
from congso.core.outbox import outbox_publish
from congso.core.text import nfc

TOPIC_PHONE_CODE = "accounts.phone_code_requested"
CODE_DIGITS = 6
_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^(?:\+84|84|0)([35789][0-9]{8})\Z")
_PERSONAL_ID = re.compile(r"^[0-9]{12}\Z")


class CitizenError(ApplicationError):
    """A refused change to a citizen account, explained to the citizen."""


@dataclass(frozen=True)
class CitizenData:
    """What a citizen may state about themselves (sign-up and profile page)."""

    full_name: str
    phone: str = ""
    personal_id: str = ""
    address: str = ""
    kind: str = CitizenKind.PERSON
    organisation_code: str = ""


def phone_normalise(raw: str) -> str:
    """``"0905 123 678"``, ``"84905123678"``, ``"+84.905.123.678"`` → ``"0905123678"``;
    ``""`` stays ``""``. Only Vietnamese mobile numbers (they must receive SMS)."""
    compact = _SEPARATORS.sub("", raw.strip())
    if not compact:
        return ""
    match = _MOBILE.match(compact)
    if match is None:
        raise CitizenError(
            _("Enter a Vietnamese mobile number, e.g. 0912345678."),
            code="invalid_phone",
            extra={
                "errors": {
                    "phone": [
                        str(_("Enter a Vietnamese mobile number, e.g. 0912345678."))
                    ]
                }
            },
        )
    return f"0{match.group(1)}"


def _clean(data: CitizenData, *, user_id: int | None) -> CitizenData:
    errors: dict[str, list[str]] = {}
    name = nfc(data.full_name).strip()
    if not name:
        errors["full_name"] = [str(_("Enter your full name."))]
    if data.kind not in CitizenKind.values:
        errors["kind"] = [str(_("Unknown kind of applicant."))]
    personal_id = data.personal_id.strip()
    if personal_id and not _PERSONAL_ID.match(personal_id):
        errors["personal_id"] = [
            str(_("The personal ID number has exactly 12 digits."))
        ]
    try:
        phone = phone_normalise(data.phone)
    except CitizenError as exc:
        errors.update(exc.extra["errors"])
        phone = ""
    if errors:
        raise CitizenError(
            _("The account data is invalid."), code="invalid", extra={"errors": errors}
        )
    if personal_id and citizen_personal_id_taken(
        personal_id=personal_id, exclude_user_id=user_id
    ):
        raise _personal_id_taken()
    return CitizenData(
        full_name=name[:150],
        phone=phone,
        personal_id=personal_id,
        address=nfc(data.address).strip()[:500],
        kind=data.kind,
        organisation_code=nfc(data.organisation_code).strip()[:20],
    )


def _personal_id_taken() -> ConflictError:
    message = _("This personal ID number is already used by another account.")
    return ConflictError(
        message,
        code="personal_id_taken",
        extra={"errors": {"personal_id": [str(message)]}},
    )


def _save(profile: CitizenProfile) -> None:
    try:
        profile.full_clean(exclude=["user"])
        with transaction.atomic():
            profile.save()
    except ValidationError as exc:
        raise CitizenError(
            _("The account data is invalid."), extra={"errors": exc.message_dict}
        ) from exc
    except IntegrityError as exc:  # a concurrent sign-up took the personal ID
        raise _personal_id_taken() from exc
    citizen_profile_forget(user=profile.user)


@transaction.atomic
def citizen_profile_create(
    *,
    user: User,
    data: CitizenData,
    identity_verified: bool = False,
    phone_verified: bool = False,
) -> CitizenProfile:
    """Make ``user`` a citizen (never an official: staff or role holders are refused)."""
    if user_is_official(user=user):
        raise CitizenError(
            _("An official's account cannot become a citizen account."),
            code="official_account",
        )
    clean = _clean(data, user_id=user.pk)
    user.full_name = clean.full_name
    user.save(update_fields=["full_name"])
    now = timezone.now()
    profile = CitizenProfile(
        user=user,
        kind=clean.kind,
        personal_id=clean.personal_id,
        organisation_code=clean.organisation_code,
        phone=clean.phone,
        phone_verified_at=now if phone_verified and clean.phone else None,
        address=clean.address,
        identity_verified=identity_verified,
        identity_provider=IDENTITY_PROVIDER_OIDC if identity_verified else "",
    )
    _save(profile)
    audit_record(
        event_type="accounts.citizen.created",
        actor=user,
        obj=profile,
        data={"identity_verified": identity_verified, "kind": clean.kind},
    )
    return profile


@transaction.atomic
def citizen_profile_update(
    *, profile: CitizenProfile, data: CitizenData, actor: User
) -> CitizenProfile:
    """The citizen edits their profile. Name and personal ID vouched for by the
    e-identity are kept; a new phone number must be verified again."""
    profile = CitizenProfile.objects.select_for_update().get(pk=profile.pk)
    user = profile.user
    if profile.identity_verified:
        data = CitizenData(
            full_name=user.full_name,
            phone=data.phone,
            personal_id=profile.personal_id,
            address=data.address,
            kind=data.kind,
            organisation_code=data.organisation_code,
        )
    clean = _clean(data, user_id=user.pk)
    changed = [
        name
        for name, old, new in (
            ("full_name", user.full_name, clean.full_name),
            ("personal_id", profile.personal_id, clean.personal_id),
            ("phone", profile.phone, clean.phone),
            ("address", profile.address, clean.address),
            ("kind", profile.kind, clean.kind),
            ("organisation_code", profile.organisation_code, clean.organisation_code),
        )
        if old != new
    ]
    if not changed:
        return profile
    if clean.phone != profile.phone:
        profile.phone_verified_at = None
    user.full_name = clean.full_name
    user.save(update_fields=["full_name"])
    profile.personal_id = clean.personal_id
    profile.phone = clean.phone
    profile.address = clean.address
    profile.kind = clean.kind
    profile.organisation_code = clean.organisation_code
    _save(profile)
    audit_record(
        event_type="accounts.citizen.changed",
        actor=actor,
        obj=profile,
        data={"fields": changed},
    )
    return profile


@transaction.atomic
def citizen_identity_sync(*, user: User, claims: Mapping[str, Any]) -> CitizenProfile:
    """After a sign-in through the e-identity: create or update the citizen's
    profile from the provider's claims (``identity_verified``).

    The verified personal ID wins: an unverified account that merely typed the same
    ID loses it (and the change is audited), so nobody can claim another person's ID
    ahead of them."""
    personal_id = str(claims.get(settings.CITIZEN_OIDC_PERSONAL_ID_CLAIM) or "")
    if personal_id and not _PERSONAL_ID.match(personal_id):
        personal_id = ""
    name = str(claims.get("name") or "").strip()
    try:
        phone = phone_normalise(str(claims.get("phone_number") or ""))
    except CitizenError:
        phone = ""
    phone_verified = bool(claims.get("phone_number_verified")) and bool(phone)
    if personal_id:
        _release_unverified_claim(personal_id=personal_id, user=user)
    profile = CitizenProfile.objects.filter(user=user).first()
    if profile is None:
        return citizen_profile_create(
            user=user,
            data=CitizenData(
                full_name=name or user.get_full_name(),
                phone=phone,
                personal_id=personal_id,
                address=_claimed_address(claims),
            ),
            identity_verified=True,
            phone_verified=phone_verified,
        )
    if name:
        user.full_name = nfc(name)[:150]
        user.save(update_fields=["full_name"])
    if personal_id:
        profile.personal_id = personal_id
    if phone and not profile.phone:
        profile.phone = phone
        profile.phone_verified_at = timezone.now() if phone_verified else None
    profile.identity_verified = True
    profile.identity_provider = IDENTITY_PROVIDER_OIDC
    _save(profile)
    audit_record(
        event_type="accounts.citizen.identity_verified",
        actor=user,
        obj=profile,
        data={"provider": IDENTITY_PROVIDER_OIDC},
    )
    return profile


def _claimed_address(claims: Mapping[str, Any]) -> str:
    """The OIDC ``address`` claim: an object with ``formatted`` (or a string)."""
    address = claims.get("address")
    if isinstance(address, dict):
        address = address.get("formatted")
    return str(address or "")[:500]


def _release_unverified_claim(*, personal_id: str, user: User) -> None:
    holder = (
        CitizenProfile.objects.select_for_update()
        .filter(personal_id=personal_id)
        .exclude(user=user)
        .first()
    )
    if holder is None:
        return
    if holder.identity_verified:
        raise ConflictError(
            _(
                "This personal ID number is already linked to another verified "
                "account. Contact the one-stop desk."
            ),
            code="personal_id_taken",
        )
    holder.personal_id = ""
    holder.save(update_fields=["personal_id", "updated_at"])
    audit_record(
        event_type="accounts.citizen.personal_id_released",
        actor=None,
        obj=holder,
        data={"reason": "claimed_by_verified_identity", "by_user_id": user.pk},
    )


# Phone verification (xác minh số điện thoại) -------------------------------------


def _code_digest(*, user_id: int, phone: str, code: str) -> str:
    return salted_hmac(
        "congso.accounts.phone-code", f"{user_id}:{phone}:{code}", algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def phone_code_send(
    *, profile: CitizenProfile, now: datetime | None = None
) -> PhoneVerification:
    """Send a fresh 6-digit code by SMS to the profile's phone (older codes void)."""
    now = now or timezone.now()
    if not profile.phone:
        raise CitizenError(
            _("Enter your phone number in your profile first."), code="no_phone"
        )
    if profile.phone_verified_at is not None:
        raise CitizenError(
            _("Your phone number is already verified."), code="already_verified"
        )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    PhoneVerification.objects.filter(user=profile.user, used_at__isnull=True).update(
        used_at=now
    )
    verification = PhoneVerification.objects.create(
        user=profile.user,
        phone=profile.phone,
        code_hash=_code_digest(user_id=profile.user_id, phone=profile.phone, code=code),
        created_at=now,
        expires_at=now + timedelta(minutes=settings.CITIZEN_PHONE_CODE_TTL_MINUTES),
    )
    outbox_publish(
        topic=TOPIC_PHONE_CODE,
        payload={
            "verification_id": verification.pk,
            "name": profile.user.get_full_name(),
            "phone": profile.phone,
            "code": code,
            "minutes": settings.CITIZEN_PHONE_CODE_TTL_MINUTES,
        },
    )
    audit_record(
        event_type="accounts.citizen.phone_code_sent",
        actor=profile.user,
        obj=profile,
        data={"phone_end": profile.phone[-3:]},
    )
    return verification


def phone_code_verify(
    *, profile: CitizenProfile, code: str, now: datetime | None = None
) -> CitizenProfile:
    """Check a code typed by the citizen. A wrong code counts an attempt (kept even
    though the call fails); after ``CONGSO_CITIZEN_PHONE_CODE_MAX_ATTEMPTS`` wrong
    entries, or once expired, the code is void and a new one must be asked for."""
    now = now or timezone.now()
    error = _phone_code_check(profile=profile, code=code.strip(), now=now)
    if error is not None:
        raise error
    return CitizenProfile.objects.get(pk=profile.pk)


@transaction.atomic
def _phone_code_check(
    *, profile: CitizenProfile, code: str, now: datetime
) -> CitizenError | None:
    """Returns the error instead of raising it, so the counted attempt commits."""
    pending = phone_verification_get_pending(user=profile.user)
    if pending is None:
        return CitizenError(_("Ask for a new code."), code="no_code")
    pending = PhoneVerification.objects.select_for_update().get(pk=pending.pk)
    if pending.used_at is not None or pending.phone != profile.phone:
        return CitizenError(_("Ask for a new code."), code="no_code")
    if pending.expires_at <= now:
        return CitizenError(
            _("The code has expired. Ask for a new one."), code="code_expired"
        )
    if pending.attempts >= settings.CITIZEN_PHONE_CODE_MAX_ATTEMPTS:
        return CitizenError(
            _("Too many wrong codes. Ask for a new one."), code="too_many_attempts"
        )
    expected = _code_digest(user_id=profile.user_id, phone=pending.phone, code=code)
    if not constant_time_compare(expected, pending.code_hash):
        pending.attempts += 1
        pending.save(update_fields=["attempts"])
        return CitizenError(_("The code is not correct."), code="wrong_code")
    pending.used_at = now
    pending.save(update_fields=["used_at"])
    locked = CitizenProfile.objects.select_for_update().get(pk=profile.pk)
    locked.phone_verified_at = now
    locked.save(update_fields=["phone_verified_at", "updated_at"])
    citizen_profile_forget(user=profile.user)
    audit_record(
        event_type="accounts.citizen.phone_verified",
        actor=profile.user,
        obj=locked,
        data={"phone_end": locked.phone[-3:]},
    )
    return None
