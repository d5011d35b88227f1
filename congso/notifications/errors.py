"""Errors of the notifications app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congso.core.errors import ApplicationError


class InvalidAddressError(ApplicationError):
    """A phone number, e-mail address or Zalo id that cannot be used."""

    default_message = _("The contact address is not valid.")


class NotificationTemplateMissing(LookupError):  # noqa: N818  # reads as a state
    """No template exists for the event on any enabled channel (a programming error)."""
