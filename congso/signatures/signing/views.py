"""Pages of the signing service: an official's own signature image."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.signatures.signing.forms import SignatureImageForm
from congso.signatures.signing.selectors import signature_image_current
from congso.signatures.signing.services import signature_image_set


def _official(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101  # login_required guarantees it
    return user


@require_http_methods(["GET", "POST"])
@login_required
def signature_image_mine(request: HttpRequest) -> HttpResponse:
    """My signature image (chữ ký của tôi): shown in my visible signatures."""
    user = _official(request)
    form = SignatureImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            signature_image_set(
                image=form.cleaned_data["image"],
                owner_user=user,
                width_mm=form.cleaned_data["width_mm"],
                actor=user,
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your signature image has been saved."))
            return redirect("signatures:signature-image-mine")
    current = signature_image_current(owner_user=user)
    return render(
        request,
        "signatures/signature_image_mine.html",
        {"form": form, "current": current},
    )


@require_GET
@login_required
def signature_image_mine_png(request: HttpRequest) -> HttpResponse:
    """The current image itself (an ``<img>`` cannot use ``data:`` under the CSP)."""
    current = signature_image_current(owner_user=_official(request))
    if current is None:
        raise Http404
    response = HttpResponse(bytes(current.png), content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response
