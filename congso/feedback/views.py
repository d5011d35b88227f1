"""Citizens' feedback pages: send feedback, follow it, rate a finished dossier,
read and rate published answers (thin: selectors read, services write)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.core.files import file_download
from congso.feedback import selectors
from congso.feedback.constants import FeedbackAction, FeedbackStatus
from congso.feedback.forms import NoteForm, RatingForm, SubmitForm, VoteForm
from congso.feedback.models import Feedback
from congso.feedback.services import (
    Submission,
    feedback_submit,
    feedback_transition,
    feedback_vote,
)
from congso.feedback.services.ratings import change_deadline, dossier_rate


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # login_required guarantees it
    return request.user


def _citizen(request: HttpRequest) -> User:
    user = _user(request)
    if selectors.is_official(user):
        raise PermissionDenied
    return user


def show_errors(form: Any, error: ApplicationError) -> None:
    """A service refusal on the fields it names, else on the form."""
    aliases = {"files": "attachments", "agency_id": "agency"}
    named = {
        aliases.get(name, name): problems
        for name, problems in error.extra.get("errors", {}).items()
        if aliases.get(name, name) in form.fields
    }
    for name, problems in named.items():
        for problem in problems:
            form.add_error(name, problem)
    if not named:
        form.add_error(None, str(error.message))


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """Published answers (công khai kết quả trả lời), names masked."""
    page = Paginator(selectors.feedback_list_published(), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "feedback/feedback_public_list.html", {"page": page})


@require_GET
def public_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.feedback_get_published(code=code)
    if item is None:
        raise Http404
    return _public_page(request, item, VoteForm())


def _public_page(
    request: HttpRequest, item: Feedback, form: VoteForm, status: int = 200
) -> HttpResponse:
    user = request.user
    context = {
        "item": item,
        "form": form,
        "my_vote": selectors.vote_of(feedback=item, user=user)
        if isinstance(user, User)
        else None,
        "can_vote": isinstance(user, User) and not selectors.is_official(user),
    }
    return render(
        request, "feedback/feedback_public_detail.html", context, status=status
    )


@require_POST
@login_required
def public_vote(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.feedback_get_published(code=code)
    if item is None:
        raise Http404
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _public_page(request, item, form, status=400)
    try:
        feedback_vote(
            feedback=item, user=_user(request), value=form.cleaned_data["value"]
        )
    except ApplicationError as error:
        show_errors(form, error)
        return _public_page(request, item, form, status=error.status_code)
    messages.success(request, _("Thank you for rating the answer."))
    return redirect("feedback:public-detail", code=item.code)


def _agencies() -> list[tuple[int, str]]:
    return [(n.id, n.name) for n in selectors.agency_choice_list()]


@require_http_methods(["GET", "POST"])
@login_required
def submit(request: HttpRequest) -> HttpResponse:
    """Send feedback to an agency, optionally about one of one's dossiers."""
    user = _citizen(request)
    if request.method == "GET":
        form = SubmitForm(
            agencies=_agencies(),
            initial={
                "contact_name": user.get_full_name(),
                "contact_email": user.email,
                "contact_phone": user.phone,
                "dossier_code": request.GET.get("dossier", "")[:60],
            },
        )
        return render(request, "feedback/feedback_submit.html", {"form": form})
    form = SubmitForm(request.POST, request.FILES, agencies=_agencies())
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["agency_id"] = data.pop("agency")
        data["files"] = data.pop("attachments")
        try:
            item = feedback_submit(submission=Submission(**data), citizen=user)
        except ApplicationError as error:
            show_errors(form, error)
            status = error.status_code
        else:
            messages.success(
                request, _("Your feedback %(code)s was sent.") % {"code": item.code}
            )
            return redirect("feedback:my-detail", code=item.code)
    else:
        status = 400
    return render(
        request, "feedback/feedback_submit.html", {"form": form}, status=status
    )


@require_GET
@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    user = _citizen(request)
    page = Paginator(
        selectors.feedback_list_for_citizen(user=user), selectors.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    to_rate = selectors.dossier_list_to_rate(user=user)[:20]
    return render(
        request, "feedback/feedback_my_list.html", {"page": page, "to_rate": to_rate}
    )


def _mine(request: HttpRequest, code: str) -> Feedback:
    item = selectors.feedback_get_for_citizen(user=_citizen(request), code=code)
    if item is None:
        raise Http404
    return item


def _my_page(
    request: HttpRequest,
    item: Feedback,
    form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    form = form or NoteForm(initial={"expected_version": item.row_version})
    context = {
        "item": item,
        "form": form,
        "can_supplement": item.status == FeedbackStatus.SUPPLEMENT_REQUESTED,
        "can_reraise": item.status
        in (FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED)
        and item.reraise_count == 0,
    }
    return render(request, "feedback/feedback_my_detail.html", context, status=status)


@require_GET
@login_required
def my_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _my_page(request, _mine(request, code))


def _citizen_action(
    request: HttpRequest, code: str, action: FeedbackAction
) -> HttpResponse:
    item = _mine(request, code)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _my_page(request, item, form, status=400)
    data = form.cleaned_data
    try:
        feedback_transition(
            feedback=item,
            action=action,
            actor=_user(request),
            note=data["note"],
            data={"files": data["attachments"]},
            expected_version=data["expected_version"],
        )
    except ApplicationError as error:
        show_errors(form, error)
        return _my_page(request, item, form, status=error.status_code)
    messages.success(request, _("Your message was sent."))
    return redirect("feedback:my-detail", code=item.code)


@require_POST
@login_required
def my_supplement(request: HttpRequest, code: str) -> HttpResponse:
    return _citizen_action(request, code, FeedbackAction.SUPPLEMENT)


@require_POST
@login_required
def my_reraise(request: HttpRequest, code: str) -> HttpResponse:
    return _citizen_action(request, code, FeedbackAction.RERAISE)


@require_GET
@login_required
def my_attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    item = _mine(request, code)
    found = next((a for a in item.attachments.all() if a.pk == pk), None)
    if found is None:
        raise Http404
    return file_download(
        found.file, name=found.original_name, content_type=found.content_type
    )


# -- rating a finished dossier (đánh giá mức độ hài lòng) -------------------------


@require_http_methods(["GET", "POST"])
@login_required
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Only the dossier's owner reaches this page; anyone else gets 404."""
    user = _user(request)
    dossier = selectors.dossier_for_rating(user=user, code=code)
    if dossier is None:
        raise Http404
    rating = getattr(dossier, "rating", None)
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                dossier_rate(dossier=dossier, citizen=user, data=form.to_data())
            except ApplicationError as error:
                show_errors(form, error)
                status = error.status_code
            else:
                messages.success(request, _("Thank you for your rating."))
                return redirect("feedback:rate", code=dossier.code)
        else:
            status = 400
    else:
        initial = {}
        if rating is not None:
            initial = {name: getattr(rating, name) for name in RatingForm.base_fields}
        form = RatingForm(initial=initial)
    context = {
        "dossier": dossier,
        "rating": rating,
        "form": form,
        "change_until": change_deadline(rating) if rating else None,
    }
    return render(request, "feedback/rating_form.html", context, status=status)
