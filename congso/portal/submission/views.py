"""The citizen's pages (dịch vụ công trực tuyến): drafts and submission, their
dossiers, payment, results and the data store. Every page is for a signed-in,
verified citizen (``citizen_required``) and reads only the citizen's own rows."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from congso.accounts.decorators import citizen_required
from congso.accounts.models import User
from congso.core.errors import ApplicationError
from congso.core.files import file_download
from congso.portal.submission import selectors, services
from congso.portal.submission.forms import (
    DraftForm,
    StoreUploadForm,
    SupplementForm,
    UploadForm,
    WithdrawForm,
)
from congso.portal.submission.pages import (
    dossier_context,
    draft_context,
    result_get,
    result_verify,
)
from congso.signatures.validation.errors import VerificationInputError


def _citizen(request: HttpRequest) -> User:
    """The signed-in citizen (``citizen_required`` has checked)."""
    return request.citizen.user  # type: ignore[attr-defined,no-any-return]


def _fail(request: HttpRequest, error: ApplicationError) -> None:
    messages.error(request, str(error.message))
    for problems in error.extra.get("errors", {}).values():
        for problem in problems:
            messages.error(request, problem)


@require_GET
@citizen_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """ "Hồ sơ của tôi": submitted dossiers and unfinished drafts."""
    context = {
        "dossiers": selectors.citizen_dossier_list(owner=_citizen(request))[:100],
        "drafts": selectors.draft_list(owner=_citizen(request)),
    }
    return render(request, "portal/submission/my_dossiers.html", context)


@require_http_methods(["GET", "POST"])
@citizen_required
def draft_start(request: HttpRequest, version_id: int) -> HttpResponse:
    """POST: a new draft of the procedure. GET (back from signing in, which
    cannot repeat the POST): the citizen's open draft of it, else the procedure's
    page with its "Submit online" button."""
    if request.method == "GET":
        draft = (
            selectors.draft_list(owner=_citizen(request))
            .filter(procedure_version_id=version_id)
            .first()
        )
        if draft is not None:
            return redirect("portal:draft", draft_id=draft.pk)
        return redirect("portal:procedure-detail", key=str(version_id))
    try:
        draft = services.draft_start(owner=_citizen(request), version_id=version_id)
    except ApplicationError as error:
        _fail(request, error)
        return redirect("portal:procedure-list")
    return redirect("portal:draft", draft_id=draft.pk)


@citizen_required
def draft_page(request: HttpRequest, draft_id: int) -> HttpResponse:
    """The e-form: GET shows it; POST saves it (``save``) or submits it."""
    draft = selectors.draft_get(owner=_citizen(request), draft_id=draft_id)
    if draft is None:
        raise Http404
    if draft.dossier_id:
        return redirect("portal:my-dossier", code=draft.dossier.code)  # type: ignore[union-attr]
    context = draft_context(draft, data=request.POST or None)
    if request.method != "POST":
        return render(request, "portal/submission/draft.html", context)
    form: DraftForm = context["form"]
    if not form.is_valid():
        return render(request, "portal/submission/draft.html", context, status=400)
    try:
        services.draft_save(
            draft_id=draft.pk,
            owner=_citizen(request),
            values=form.cleaned_data,
            receiving_agency_id=form.cleaned_data["receiving_agency"],
            expected_version=form.cleaned_data["row_version"],
        )
        if "submit" not in request.POST:
            messages.success(request, _("The draft has been saved."))
            return redirect("portal:draft", draft_id=draft.pk)
        dossier = services.draft_submit(draft_id=draft.pk, owner=_citizen(request))
    except ApplicationError as error:
        _fail(request, error)
        context = draft_context(
            selectors.draft_get(owner=_citizen(request), draft_id=draft_id) or draft,
            data=request.POST,
        )
        return render(
            request, "portal/submission/draft.html", context, status=error.status_code
        )
    messages.success(
        request,
        _("Dossier %(code)s has been submitted; the desk will check it.")
        % {"code": dossier.code},
    )
    return redirect("portal:my-dossier", code=dossier.code)


@require_POST
@citizen_required
def draft_file(request: HttpRequest, draft_id: int, component_id: int) -> HttpResponse:
    """Upload a component's file, reuse one from the store, or remove it."""
    if not selectors.draft_owned(owner=_citizen(request), draft_id=draft_id):
        raise Http404
    try:
        if "remove" in request.POST:
            services.draft_file_remove(
                draft_id=draft_id, owner=_citizen(request), component_id=component_id
            )
        elif request.POST.get("document"):
            services.draft_file_reuse(
                draft_id=draft_id,
                owner=_citizen(request),
                component_id=component_id,
                document_id=_int(request.POST["document"]),
            )
        else:
            form = UploadForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(request, _("Choose a file to upload."))
                return redirect("portal:draft", draft_id=draft_id)
            services.draft_file_attach(
                draft_id=draft_id,
                owner=_citizen(request),
                component_id=component_id,
                upload=form.cleaned_data["file"],
            )
    except ApplicationError as error:
        if error.status_code == 404:
            raise Http404 from None
        _fail(request, error)
    return redirect("portal:draft", draft_id=draft_id)


@require_POST
@citizen_required
def draft_delete(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        services.draft_delete(draft_id=draft_id, owner=_citizen(request))
    except ApplicationError as error:
        if error.status_code == 404:
            raise Http404 from None
        _fail(request, error)
    return redirect("portal:my-dossiers")


@require_GET
@citizen_required
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    dossier = selectors.citizen_dossier_get(owner=_citizen(request), code=code)
    if dossier is None:
        raise Http404
    context = dossier_context(dossier, now=timezone.now())
    return render(request, "portal/submission/my_dossier.html", context)


@require_POST
@citizen_required
def dossier_pay(request: HttpRequest, code: str) -> HttpResponse:
    """Pay the dossier's fees online: the payment order, then its payment page."""
    dossier = selectors.citizen_dossier_get(owner=_citizen(request), code=code)
    if dossier is None:
        raise Http404
    try:
        url = services.dossier_payment_start(dossier=dossier, payer=_citizen(request))
    except ApplicationError as error:
        _fail(request, error)
        return redirect("portal:my-dossier", code=code)
    return redirect(url)


@require_POST
@citizen_required
def dossier_supplement(request: HttpRequest, code: str) -> HttpResponse:
    """Hand in the requested supplement online; the clock resumes at once."""
    if not selectors.citizen_dossier_owned(owner=_citizen(request), code=code):
        raise Http404
    form = SupplementForm(request.POST, request.FILES)
    if not form.is_valid() or not form.uploads():
        messages.error(request, _("Attach the documents that were asked for."))
        return redirect("portal:my-dossier", code=code)
    try:
        services.dossier_supplement(
            owner=_citizen(request),
            code=code,
            uploads=form.uploads(),  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
        )
    except ApplicationError as error:
        _fail(request, error)
    else:
        messages.success(
            request, _("Your supplement has been handed in; processing resumes.")
        )
    return redirect("portal:my-dossier", code=code)


@require_POST
@citizen_required
def dossier_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """Withdraw one's online dossier (confirmed by a tick)."""
    if not selectors.citizen_dossier_owned(owner=_citizen(request), code=code):
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the withdrawal."))
        return redirect("portal:my-dossier", code=code)
    try:
        services.dossier_withdraw(
            owner=_citizen(request), code=code, note=form.cleaned_data["note"]
        )
    except ApplicationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The dossier has been withdrawn."))
    return redirect("portal:my-dossier", code=code)


@require_GET
@citizen_required
def result_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    result = result_get(owner=_citizen(request), code=code, pk=pk)
    return file_download(
        result.file, name=result.original_name, content_type=result.content_type
    )


@require_GET
@citizen_required
def result_check(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The signature report of the citizen's electronic result (the public
    verification page's report, run on the stored file)."""
    result = result_get(owner=_citizen(request), code=code, pk=pk)
    try:
        context = result_verify(result)
    except VerificationInputError as error:
        messages.error(request, str(error.message))
        return redirect("portal:my-dossier", code=code)
    return render(request, "signatures/validation/verification_result.html", context)


@citizen_required
def store(request: HttpRequest) -> HttpResponse:
    """The citizen's data store: list, upload (POST)."""
    form = StoreUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.store_upload(
                owner=_citizen(request),
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ApplicationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The document has been added to your store."))
            return redirect("portal:store")
    context = {"form": form, "documents": selectors.store_list(owner=_citizen(request))}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/submission/store.html", context, status=status)


@require_POST
@citizen_required
def store_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.store_document_delete(owner=_citizen(request), document_id=pk)
    except ApplicationError:
        raise Http404 from None
    messages.success(request, _("The document has been removed from your store."))
    return redirect("portal:store")


@require_GET
@citizen_required
def store_download(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.store_list(owner=_citizen(request)).filter(pk=pk).first()
    if document is None:
        raise Http404
    return file_download(
        document.file, name=document.original_name, content_type=document.content_type
    )


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None
