"""Officials' feedback pages: the agency's queue, one item with its actions, the
counter rating of an in-person dossier and the leaders' dashboard."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.core.errors import ApplicationError
from congso.core.files import file_download
from congso.feedback import selectors
from congso.feedback.constants import FeedbackAction, FeedbackStatus
from congso.feedback.forms import ActionForm, PeriodForm, QueueForm, RatingForm
from congso.feedback.models import Feedback
from congso.feedback.services import feedback_transition
from congso.feedback.services.ratings import dossier_rate_at_counter
from congso.feedback.views import _user, show_errors
from congso.feedback.workflow import allowed_actions


@require_GET
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The feedback of the official's agencies (new, due soon, overdue…)."""
    user = _user(request)
    if not selectors.is_feedback_official(user):
        raise PermissionDenied
    form = QueueForm(request.GET)
    if not form.is_valid():
        problem = {
            "status": 400,
            "title": _("Invalid request"),
            "detail": _("Check the filters and try again."),
        }
        return render(request, "errors/error.html", problem, status=400)
    current = form.cleaned_data.get("queue") or selectors.Queue.OPEN
    counts = selectors.feedback_queue_counts(user=user)
    page = Paginator(
        selectors.feedback_list_for_official(user=user, queue=current),
        selectors.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "current": current,
        "queues": [(q, _label(q), counts.get(q, 0)) for q in selectors.Queue.VALUES],
    }
    return render(request, "feedback/feedback_queue.html", context)


def _label(queue_name: str) -> str:
    labels = {
        selectors.Queue.NEW: _("New"),
        selectors.Queue.DUE_SOON: _("Due soon"),
        selectors.Queue.OVERDUE: _("Overdue"),
        selectors.Queue.OPEN: _("Open"),
        selectors.Queue.ALL: _("All"),
    }
    return labels[queue_name]


def _item(request: HttpRequest, code: str) -> Feedback:
    item = selectors.feedback_get_for_official(user=_user(request), code=code)
    if item is None:
        raise Http404
    return item


def _action_form(item: Feedback, data: QueryDict | None = None) -> ActionForm:
    choices = selectors.assign_choices(feedback=item)
    return ActionForm(
        data,
        agencies=[
            (n.id, n.name)
            for n in selectors.agency_choice_list()
            if n.id != item.agency_id
        ],
        units=[(n.id, n.name) for n in choices.units],
        officials=[(u.pk, u.get_full_name()) for u in choices.officials],
        initial={"expected_version": item.row_version},
    )


def _page(
    request: HttpRequest, item: Feedback, form: ActionForm, status: int = 200
) -> HttpResponse:
    context = {
        "item": item,
        "form": form,
        "actions": [
            a for a in allowed_actions(FeedbackStatus(item.status)) if a in _OFFICIAL
        ],
    }
    return render(request, "feedback/feedback_detail.html", context, status=status)


_OFFICIAL = frozenset(
    {
        FeedbackAction.ACCEPT,
        FeedbackAction.REFUSE,
        FeedbackAction.REQUEST_SUPPLEMENT,
        FeedbackAction.FORWARD,
        FeedbackAction.ASSIGN,
        FeedbackAction.ANSWER,
        FeedbackAction.PUBLISH,
    }
)


@require_GET
@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    item = _item(request, code)
    return _page(request, item, _action_form(item))


@require_POST
@login_required
def action(request: HttpRequest, code: str) -> HttpResponse:
    """One workflow action; a refusal or a stale version is shown on the page."""
    item = _item(request, code)
    form = _action_form(item, request.POST)
    if not form.is_valid():
        return _page(request, item, form, status=400)
    data = form.cleaned_data
    try:
        feedback_transition(
            feedback=item,
            action=FeedbackAction(data["action"]),
            actor=_user(request),
            note=data["note"],
            data=form.transition_data(),
            expected_version=data["expected_version"],
        )
    except ApplicationError as error:
        show_errors(form, error)
        return _page(request, item, form, status=error.status_code)
    messages.success(
        request,
        _("Done: %(action)s.") % {"action": FeedbackAction(data["action"]).label},
    )
    return redirect("feedback:detail", code=item.code)


@require_GET
@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    item = _item(request, code)
    found = next((a for a in item.attachments.all() if a.pk == pk), None)
    if found is None:
        raise Http404
    return file_download(
        found.file, name=found.original_name, content_type=found.content_type
    )


@require_http_methods(["GET", "POST"])
@login_required
def counter_rating(request: HttpRequest, code: str) -> HttpResponse:
    """The desk records the rating given at the counter (kiosk)."""
    user = _user(request)
    dossier = selectors.counter_dossier_get(user=user, code=code)
    if dossier is None:
        raise Http404
    form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dossier_rate_at_counter(
                    dossier=dossier, official=user, data=form.to_data()
                )
            except ApplicationError as error:
                show_errors(form, error)
                status = error.status_code
            else:
                messages.success(request, _("The rating was recorded."))
                return redirect("feedback:counter-rating", code=dossier.code)
        else:
            status = 400
    context = {
        "dossier": dossier,
        "rating": getattr(dossier, "rating", None),
        "form": form,
        "counter": True,
    }
    return render(request, "feedback/rating_form.html", context, status=status)


def _period_form(request: HttpRequest, agencies: list[tuple[int, str]]) -> PeriodForm:
    today = timezone.localdate()
    if request.GET:
        return PeriodForm(request.GET, agencies=agencies)
    return PeriodForm(
        {
            "agency": agencies[0][0],
            "start": date(today.year, today.month, 1).strftime("%d/%m/%Y"),
            "end": today.strftime("%d/%m/%Y"),
        },
        agencies=agencies,
    )


def _leader_scope(request: HttpRequest) -> tuple[PeriodForm, frozenset[int] | None]:
    user = _user(request)
    agencies = [(n.id, n.name) for n in selectors.leader_agency_list(user=user)]
    if not agencies:
        raise PermissionDenied
    form = _period_form(request, agencies)
    if not form.is_valid():
        if "agency" in form.errors:
            raise Http404  # not one of the official's agencies: existence not told
        return form, None
    covered = selectors.leader_covered_ids(
        user=user, agency_id=form.cleaned_data["agency"]
    )
    if covered is None:
        raise Http404
    return form, covered


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Leaders: ratings, PAKN on time (5.2), satisfaction (5.3, 5.4) for a period."""
    form, covered = _leader_scope(request)
    if covered is None:
        return render(request, "feedback/dashboard.html", {"form": form}, status=400)
    data = form.cleaned_data
    board = selectors.dashboard_get(
        agency_ids=covered, start=data["start"], end=data["end"]
    )
    return render(request, "feedback/dashboard.html", {"form": form, "board": board})


@require_GET
@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    """Leaders: the ratings of the dossiers their agency received, in a period."""
    form, covered = _leader_scope(request)
    if covered is None:
        return render(request, "feedback/rating_list.html", {"form": form}, status=400)
    data = form.cleaned_data
    page = Paginator(
        selectors.rating_list_for_agencies(
            agency_ids=covered, start=data["start"], end=data["end"]
        ),
        selectors.PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(request, "feedback/rating_list.html", {"form": form, "page": page})
