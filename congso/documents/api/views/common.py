"""What every documents endpoint shares: the caller, their document scope of
the day (computed once per request), the organisation tree for names, and the
agency an official acts for when they do not say."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request

from congso.accounts.models import User
from congso.accounts.selectors import agency_tree_get
from congso.core.text import nfc
from congso.documents.selectors.access import DocumentScope, document_scope_get
from congso.documents.services.incoming import UploadedFile


def user_of(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # IsAuthenticated guarantees it
    return request.user


def scope_of(request: Request) -> DocumentScope:
    """The caller's reach over documents today (memoised on the request)."""
    scope = getattr(request, "_document_scope", None)
    if scope is None:
        scope = document_scope_get(user=user_of(request), on=timezone.localdate())
        request._document_scope = scope  # type: ignore[attr-defined]  # per-request memo
    return scope


def context_of(request: Request) -> dict[str, Any]:
    """Serializer context: the request (absolute links) and today's tree (names)."""
    return {"request": request, "tree": agency_tree_get(on=timezone.localdate())}


def acting_agency(
    scope: DocumentScope, requested: int | None, preferred: Iterable[int]
) -> int:
    """The agency the official acts for: the one asked for (the service checks
    the role there), else their only agency where they hold a ``preferred``
    role, else their only agency. Several → the caller must choose; none → 403."""
    if requested is not None:
        return requested
    preferred_agencies = scope.member_agency_ids & frozenset(preferred)
    for candidates in (preferred_agencies, scope.member_agency_ids):
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates:
            raise ValidationError(
                {"agency": [_("You work for several agencies: choose one.")]}
            )
    raise PermissionDenied(_("You hold no role in an agency."))


def uploads(files: Iterable[Any], kind: str, limit: int) -> list[UploadedFile]:
    """Uploaded files as the services take them, each read up to one byte past
    ``limit`` (the service refuses a file over it, in Vietnamese)."""
    return [
        UploadedFile(name=nfc(str(f.name)), data=f.read(limit + 1), kind=kind)
        for f in files
    ]
