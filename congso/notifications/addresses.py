"""Recipient addresses: validation, normalisation and masking. Pure functions.

Phone numbers: the ``phonenumbers`` library is not a dependency of Công Sở, so
Vietnamese **mobile** numbers are checked with a strict rule instead: ten digits
``0[35789]xxxxxxxx`` nationally (the 2018 plan; 11-digit numbers are gone), typed as
``0…``, ``84…`` or ``+84…`` with spaces, dots or hyphens, and stored in E.164
(``+84`` and nine digits). Landlines and foreign numbers are refused: they cannot
receive an SMS through a Vietnamese brandname gateway."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from congso.notifications.errors import InvalidAddressError

_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^(?:\+84|84|0)([35789]\d{8})$")
#: Zalo user ids (follower ids of an Official Account) are numeric strings.
_ZALO_ID = re.compile(r"^\d{6,32}$")


def phone_normalise(raw: str) -> str:
    """``"0905 123 678"``, ``"84905123678"`` or ``"+84.905.123.678"`` → ``"+84905123678"``.

    Raises :class:`InvalidAddressError` for anything but a Vietnamese mobile number."""
    compact = _SEPARATORS.sub("", raw.strip())
    match = _MOBILE.match(compact)
    if match is None:
        raise InvalidAddressError(
            _("%(value)s is not a Vietnamese mobile number.") % {"value": raw},
            code="invalid_phone",
        )
    return f"+84{match.group(1)}"


def email_normalise(raw: str) -> str:
    """The address trimmed, with its domain in lower case; raises
    :class:`InvalidAddressError` when Django's validator refuses it."""
    value = raw.strip()
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidAddressError(
            _("%(value)s is not a valid e-mail address.") % {"value": raw},
            code="invalid_email",
        ) from None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def zalo_id_normalise(raw: str) -> str:
    """A Zalo follower id (digits only)."""
    value = raw.strip()
    if not _ZALO_ID.match(value):
        raise InvalidAddressError(
            _("%(value)s is not a Zalo user id.") % {"value": raw},
            code="invalid_zalo_id",
        )
    return value


def phone_national(e164: str) -> str:
    """``"+84905123678"`` → ``"0905123678"``."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def mask_address(address: str) -> str:
    """What the history shows: ``+84905123678`` → ``09xx…678``,
    ``nguyen.van.a@gmail.com`` → ``ng…@gmail.com``, a Zalo id → ``…1234``."""
    if "@" in address:
        local, _at, domain = address.rpartition("@")
        return f"{local[:2]}…@{domain}"
    if address.startswith("+84"):
        national = phone_national(address)
        return f"{national[:2]}xx…{national[-3:]}"
    return f"…{address[-4:]}"
