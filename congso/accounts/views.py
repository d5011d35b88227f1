"""Pages of the organisation and the official's home page (thin: selectors read,
``rules`` decide, templates render)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.accounts import selectors
from congso.accounts.constants import ScopeKind
from congso.accounts.exports import agencies_to_xlsx
from congso.accounts.forms import OnDateForm
from congso.accounts.models import User
from congso.accounts.rules import can_manage_officials, can_view_audit, user_scope
from congso.accounts.selectors import AgencyNode
from congso.audit.selectors import audit_event_list_for_agency
from congso.core.panels import panels_for


class BadQueryError(Exception):
    def __init__(self, form: OnDateForm) -> None:
        self.form = form


def _on_date(request: HttpRequest) -> date:
    form = OnDateForm(request.GET)
    if not form.is_valid():
        raise BadQueryError(form)
    return form.cleaned_data["on"] or timezone.localdate()


def _bad_query(request: HttpRequest, error: BadQueryError) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {
            "status": 400,
            "title": _("Invalid request"),
            "detail": _("Enter the date as dd/mm/yyyy, for example 02/09/2025."),
        },
        status=400,
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # login_required guarantees it
    return request.user


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The official's work (công việc của tôi), panel by panel for their roles."""
    scope = user_scope(_user(request))
    return render(
        request,
        "accounts/home.html",
        {"panels": panels_for(request), "roles": sorted(scope.roles)},
    )


@require_GET
@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    """Agencies in the official's scope, as the tree was on ``?on=``."""
    try:
        on = _on_date(request)
    except BadQueryError as error:
        return _bad_query(request, error)
    agencies = selectors.agency_list_visible(user=_user(request), on=on)
    if request.GET.get("format") == "xlsx":
        return agencies_to_xlsx(agencies, on=on)
    page = Paginator(agencies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/agency_list.html",
        {"page": page, "on": on, "form": OnDateForm(initial={"on": on})},
    )


@require_GET
@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        on = _on_date(request)
    except BadQueryError as error:
        return _bad_query(request, error)
    user = _user(request)
    node = selectors.agency_get_visible(user=user, agency_id=pk, on=on)
    if node is None:
        raise Http404
    versions, predecessors, successors = selectors.agency_history_get(agency_id=pk)
    tree = selectors.agency_tree_get(on=on)
    children = [tree.nodes[c] for c in tree.children.get(pk, [])]
    return render(
        request,
        "accounts/agency_detail.html",
        {
            "agency": node,
            "on": on,
            "path": tree.path(pk),
            "children": children,
            "versions": versions,
            "predecessors": predecessors,
            "successors": successors,
            "can_manage": can_manage_officials(user, pk),
            "can_audit": can_view_audit(user, pk),
        },
    )


def _agency_reach(
    request: HttpRequest, pk: int, allowed: Callable[[User, int], bool]
) -> tuple[AgencyNode, set[int]]:
    """The agency (404 when out of the official's sight, 403 when visible but not
    ``allowed``) and the ids of it, its offices and units, as of today."""
    on = timezone.localdate()
    user = _user(request)
    tree = selectors.agency_tree_get(on=on)
    if not selectors.scope_get(user=user, on=on, tree=tree).covers(pk):
        raise Http404
    if not allowed(user, pk):
        raise PermissionDenied
    return tree.nodes[pk], tree.descendants(pk, scope=ScopeKind.AGENCY)


@require_GET
@login_required
def agency_officials(request: HttpRequest, pk: int) -> HttpResponse:
    """Officials of an agency, its offices and units: for leaders, unit heads and
    administrators."""
    agency, ids = _agency_reach(request, pk, can_manage_officials)
    officials = selectors.official_list_for_agencies(
        agency_ids=ids, on=timezone.localdate()
    )
    page = Paginator(officials, 50).get_page(request.GET.get("page"))
    return render(
        request, "accounts/agency_officials.html", {"agency": agency, "page": page}
    )


@require_GET
@login_required
def agency_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit trail of an agency (nhật ký), for its leaders and administrators."""
    agency, ids = _agency_reach(request, pk, can_view_audit)
    events = audit_event_list_for_agency(agency_ids=sorted(ids))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "accounts/agency_audit.html", {"agency": agency, "page": page}
    )
