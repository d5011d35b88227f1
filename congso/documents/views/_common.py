"""Helpers of the document pages: the signed-in official, their reach, the
agency they act for, and turning a service refusal into form errors."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest
from django.utils import timezone

from congso.accounts.models import User
from congso.accounts.selectors import agency_tree_get
from congso.core.errors import ApplicationError
from congso.documents.selectors.access import DocumentScope, document_scope_get


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # login_required guarantees it
    return request.user


def scope_of(request: HttpRequest) -> DocumentScope:
    return document_scope_get(user=user_of(request), on=timezone.localdate())


def acting_agency(request: HttpRequest, scope: DocumentScope) -> tuple[int, str]:
    """The agency the official works for on this page: ``?agency=`` when it is
    one of theirs, else the first of their agencies (404 when they have none)."""
    tree = agency_tree_get(on=scope.on)
    mine = sorted(scope.member_agency_ids, key=lambda a: tree.nodes[a].name)
    if not mine:
        raise Http404
    wanted = request.GET.get("agency") or request.POST.get("agency") or ""
    agency_id = int(wanted) if wanted.isdigit() and int(wanted) in mine else mine[0]
    return agency_id, tree.nodes[agency_id].name


def agency_choices(scope: DocumentScope) -> list[tuple[int, str]]:
    tree = agency_tree_get(on=scope.on)
    return sorted(
        ((a, tree.nodes[a].name) for a in scope.member_agency_ids), key=lambda r: r[1]
    )


def apply_error(form: forms.Form, exc: ApplicationError) -> None:
    """Field errors from the service next to their fields, the rest on top."""
    errors = exc.extra.get("errors") or {}
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    if not errors:
        form.add_error(None, str(exc.message))
