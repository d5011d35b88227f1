"""Domain errors. Services raise these; interfaces turn them into a Vietnamese 4xx."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A refused action with a message meant for the user (translated)."""

    status_code = 400
    default_message: str | Promise = _("The request could not be completed.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str = "invalid",
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.code = code
        self.extra = extra or {}
        super().__init__(str(self.message))


class NotFoundError(ApplicationError):
    status_code = 404
    default_message = _("The requested item does not exist or is not visible to you.")


class PermissionDeniedError(ApplicationError):
    status_code = 403
    default_message = _("You do not have permission to perform this action.")


class ConflictError(ApplicationError):
    """The object changed under the caller (concurrent edit) or a duplicate exists."""

    status_code = 409
    default_message = _("The item was changed by someone else. Reload and try again.")
