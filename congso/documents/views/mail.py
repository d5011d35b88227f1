"""Pages of e-mail waiting for registration: the list (with an .eml upload),
and one message with the registration form filled from what it says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from congso.core.errors import ApplicationError
from congso.documents.forms import IncomingForm
from congso.documents.intake.mail import ParsedEmail
from congso.documents.selectors.mail import mail_get_for_user, mail_list_for_user
from congso.documents.services.mail import (
    mail_dismiss,
    mail_read,
    mail_register,
    mail_upload,
)
from congso.documents.views._common import acting_agency, apply_error, scope_of, user_of


class EmlForm(forms.Form):
    eml = forms.FileField(label=gettext_lazy("Saved e-mail (.eml)"))


@require_http_methods(["GET", "POST"])
@login_required
def mail_list(request: HttpRequest) -> HttpResponse:
    """E-mail of the clerk's agencies waiting to be registered."""
    scope = scope_of(request)
    form = EmlForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        agency_id, _name = acting_agency(request, scope)
        try:
            item = mail_upload(
                agency_id=agency_id,
                raw=form.cleaned_data["eml"].read(),
                actor=user_of(request),
            )
        except ApplicationError as exc:
            form.add_error("eml", str(exc.message))
        else:
            return redirect("documents:mail-detail", pk=item.pk)
    rows = mail_list_for_user(scope=scope)
    return render(
        request,
        "documents/mail_list.html",
        {"rows": rows, "form": form},
        status=400 if form.errors else 200,
    )


def _initial(parsed: ParsedEmail) -> dict[str, Any]:
    guess = parsed.guess
    return {
        "channel": "email",
        "issuer_name": guess.agency or parsed.sender_name or parsed.sender_address,
        "number_symbol": guess.notation.notation if guess.notation else "",
        "doc_type": guess.notation.doc_type
        if guess.notation and guess.notation.doc_type
        else "",
        "issued_date": guess.issued_on,
        "subject": parsed.subject,
        "urgency": "normal",
        "secrecy": "none",
    }


@require_http_methods(["GET", "POST"])
@login_required
def mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One message: register it as an incoming document."""
    item = mail_get_for_user(scope=scope_of(request), pk=pk)
    if item is None:
        raise Http404
    try:
        parsed: ParsedEmail | None = mail_read(item)
    except ApplicationError:
        parsed = None
    form = IncomingForm(
        request.POST or None,
        initial=_initial(parsed) if parsed else {"channel": "email"},
    )
    if request.method == "POST" and form.is_valid():
        data, _files = form.to_data()
        try:
            doc = mail_register(item=item, data=data, actor=user_of(request))
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request,
                _("Registered as incoming number %(number)s.")
                % {"number": doc.arrival_number},
            )
            return redirect("documents:incoming-detail", pk=doc.pk)
    return render(
        request,
        "documents/mail_detail.html",
        {"item": item, "parsed": parsed, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def mail_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = mail_get_for_user(scope=scope_of(request), pk=pk)
    if item is None:
        raise Http404
    try:
        mail_dismiss(item=item, actor=user_of(request))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("documents:mail-list")
